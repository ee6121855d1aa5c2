// The catalog Payport sells, as seeded into Stripe (or the emulator). Product
// ids are fixed custom ids and prices are found by lookup_key, so seeding is
// idempotent and every environment ends up with the same catalog.
// Amounts are in the minor unit: cents for USD/EUR, whole yen for JPY.
export type CatalogProduct = {
  id: `prod_payport_${string}`;
  name: string;
  description: string;
  /** Its picture in public/ (drawn for this catalog), shown through next/image. */
  picture: `/products/${string}`;
  prices: { lookupKey: string; currency: string; unitAmount: number }[];
};

export const CATALOG: CatalogProduct[] = [
  {
    id: "prod_payport_tee",
    picture: "/products/tee.svg",
    name: "Payport Tee",
    description: "Heavyweight organic cotton T-shirt with the Payport mark.",
    prices: [{ lookupKey: "payport_tee_usd", currency: "usd", unitAmount: 2500 }],
  },
  {
    id: "prod_payport_mug",
    picture: "/products/mug.svg",
    name: "Enamel Mug",
    description: "A 350 ml enamel camp mug that survives the dishwasher and the trail.",
    prices: [{ lookupKey: "payport_mug_usd", currency: "usd", unitAmount: 1400 }],
  },
  {
    id: "prod_payport_stickers",
    picture: "/products/stickers.svg",
    name: "Sticker Pack",
    description: "Six matte vinyl stickers for laptops and water bottles.",
    prices: [{ lookupKey: "payport_stickers_usd", currency: "usd", unitAmount: 600 }],
  },
  {
    id: "prod_payport_hoodie",
    picture: "/products/hoodie.svg",
    name: "Zip Hoodie",
    description: "Midweight fleece hoodie with a two-way zip.",
    prices: [{ lookupKey: "payport_hoodie_usd", currency: "usd", unitAmount: 5800 }],
  },
  {
    id: "prod_payport_matcha",
    picture: "/products/matcha.svg",
    name: "Uji Matcha Tin",
    description: "30 g of ceremonial-grade matcha from Uji, Kyoto. Priced in yen.",
    prices: [{ lookupKey: "payport_matcha_jpy", currency: "jpy", unitAmount: 1500 }],
  },
  {
    id: "prod_payport_notebook",
    picture: "/products/notebook.svg",
    name: "Dot-Grid Notebook",
    description: "A5 notebook, 160 pages of 100 g paper, bound in Berlin. Priced in euros.",
    prices: [{ lookupKey: "payport_notebook_eur", currency: "eur", unitAmount: 1200 }],
  },
];

// Subscription plans and the metered add-on. Product metadata `payport_kind`
// (plan | addon) keeps them out of the storefront; prices are found by
// lookup_key like the goods'. All plans are priced in USD.
export type CatalogPlanPrice = {
  lookupKey: string;
  unitAmount: number;
  interval: "month" | "year";
  trialPeriodDays?: number;
};

export type CatalogPlan = {
  id: `prod_payport_${string}`;
  kind: "plan";
  name: string;
  description: string;
  features: string[];
  /** Billed per seat: the subscription item's quantity is the number of seats. */
  perSeat: boolean;
  prices: CatalogPlanPrice[];
};

export type CatalogMeteredAddon = {
  id: `prod_payport_${string}`;
  kind: "addon";
  name: string;
  description: string;
  features: string[];
  meter: { eventName: string; displayName: string };
  /** Price per unit reported (the meter sums `value`), in cents, per month. */
  price: { lookupKey: string; unitAmount: number; interval: "month" };
};

export const PLAN_CURRENCY = "usd";

export const PLANS: CatalogPlan[] = [
  {
    id: "prod_payport_plan_starter",
    kind: "plan",
    name: "Starter",
    description: "For a single shop getting paid online.",
    features: ["1 storefront", "Hosted checkout", "Email receipts"],
    perSeat: false,
    prices: [
      { lookupKey: "payport_starter_month", unitAmount: 900, interval: "month" },
      { lookupKey: "payport_starter_year", unitAmount: 9000, interval: "year" },
    ],
  },
  {
    id: "prod_payport_plan_team",
    kind: "plan",
    name: "Team",
    description: "Priced per seat for teams that share the work.",
    features: ["Everything in Starter", "Per-seat pricing", "Shared order inbox", "Refunds and disputes"],
    perSeat: true,
    prices: [
      { lookupKey: "payport_team_seat_month", unitAmount: 1200, interval: "month" },
      { lookupKey: "payport_team_seat_year", unitAmount: 12000, interval: "year" },
    ],
  },
  {
    id: "prod_payport_plan_pro",
    kind: "plan",
    name: "Pro",
    description: "Everything, with a 14-day free trial.",
    features: ["Everything in Team", "Unlimited storefronts", "Priority support", "14-day free trial"],
    perSeat: false,
    prices: [
      { lookupKey: "payport_pro_month", unitAmount: 4900, interval: "month", trialPeriodDays: 14 },
      { lookupKey: "payport_pro_year", unitAmount: 49000, interval: "year", trialPeriodDays: 14 },
    ],
  },
];

export const METERED_ADDON: CatalogMeteredAddon = {
  id: "prod_payport_addon_api",
  kind: "addon",
  name: "API requests",
  description: "Pay only for what you use: each API request you report is billed at the end of the month.",
  features: ["Billed monthly in arrears", "Usage visible in your account"],
  meter: { eventName: "payport_api_requests", displayName: "Payport API requests" },
  price: { lookupKey: "payport_api_requests_month", unitAmount: 2, interval: "month" },
};

/** Per-seat is a property of our plan definition (Stripe prices do not say it). */
export function isPerSeatProduct(stripeProductId: string): boolean {
  return PLANS.some((plan) => plan.id === stripeProductId && plan.perSeat);
}
