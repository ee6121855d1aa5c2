// The catalog Payport sells, as seeded into Stripe (or the emulator). Product
// ids are fixed custom ids and prices are found by lookup_key, so seeding is
// idempotent and every environment ends up with the same catalog.
// Amounts are in the minor unit: cents for USD/EUR, whole yen for JPY.
export type CatalogProduct = {
  id: `prod_payport_${string}`;
  name: string;
  description: string;
  prices: { lookupKey: string; currency: string; unitAmount: number }[];
};

export const CATALOG: CatalogProduct[] = [
  {
    id: "prod_payport_tee",
    name: "Payport Tee",
    description: "Heavyweight organic cotton T-shirt with the Payport mark.",
    prices: [{ lookupKey: "payport_tee_usd", currency: "usd", unitAmount: 2500 }],
  },
  {
    id: "prod_payport_mug",
    name: "Enamel Mug",
    description: "A 350 ml enamel camp mug that survives the dishwasher and the trail.",
    prices: [{ lookupKey: "payport_mug_usd", currency: "usd", unitAmount: 1400 }],
  },
  {
    id: "prod_payport_stickers",
    name: "Sticker Pack",
    description: "Six matte vinyl stickers for laptops and water bottles.",
    prices: [{ lookupKey: "payport_stickers_usd", currency: "usd", unitAmount: 600 }],
  },
  {
    id: "prod_payport_hoodie",
    name: "Zip Hoodie",
    description: "Midweight fleece hoodie with a two-way zip.",
    prices: [{ lookupKey: "payport_hoodie_usd", currency: "usd", unitAmount: 5800 }],
  },
  {
    id: "prod_payport_matcha",
    name: "Uji Matcha Tin",
    description: "30 g of ceremonial-grade matcha from Uji, Kyoto. Priced in yen.",
    prices: [{ lookupKey: "payport_matcha_jpy", currency: "jpy", unitAmount: 1500 }],
  },
  {
    id: "prod_payport_notebook",
    name: "Dot-Grid Notebook",
    description: "A5 notebook, 160 pages of 100 g paper, bound in Berlin. Priced in euros.",
    prices: [{ lookupKey: "payport_notebook_eur", currency: "eur", unitAmount: 1200 }],
  },
];
