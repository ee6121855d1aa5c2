// The plans and the metered add-on the pricing page and the portal offer,
// read from our catalog mirror (never from Stripe on a page load).
import { getDb } from "@/lib/db";
import { isPerSeatProduct } from "@/lib/catalog/data";
import { parseFeatures } from "@/lib/catalog/features";

export type PlanInterval = "month" | "year";

export type PlanPrice = {
  /** Our Price.id: what clients send back when subscribing. */
  id: string;
  stripePriceId: string;
  interval: PlanInterval;
  unitAmount: number;
  currency: string;
};

export type Plan = {
  productId: string;
  stripeProductId: string;
  name: string;
  description: string | null;
  features: string[];
  /** The price is per seat: the subscription's quantity is the number of seats. */
  perSeat: boolean;
  /** Free trial length offered on this plan's prices, null when there is none. */
  trialDays: number | null;
  prices: PlanPrice[];
};

export type MeteredAddon = {
  productId: string;
  stripeProductId: string;
  name: string;
  description: string | null;
  features: string[];
  price: PlanPrice & { meterId: string | null };
};

function isInterval(value: string | null): value is PlanInterval {
  return value === "month" || value === "year";
}

/** Active plans (cheapest monthly first) with their active licensed monthly/yearly prices. */
export async function listPlans(): Promise<Plan[]> {
  const products = await getDb().product.findMany({
    where: { active: true, kind: "plan" },
    include: { prices: { where: { active: true, type: "recurring", usageType: "licensed", intervalCount: 1 }, orderBy: { unitAmount: "asc" } } },
  });
  const plans = products
    .map((product): Plan => {
      const prices = product.prices.filter((p) => isInterval(p.interval));
      const trial = prices.find((p) => p.trialPeriodDays != null && p.trialPeriodDays > 0)?.trialPeriodDays ?? null;
      return {
        ...productSummary(product),
        perSeat: isPerSeatProduct(product.stripeProductId),
        trialDays: trial,
        prices: prices.map((p) => ({ id: p.id, stripePriceId: p.stripePriceId, interval: p.interval as PlanInterval, unitAmount: p.unitAmount, currency: p.currency })),
      };
    })
    .filter((plan) => plan.prices.length > 0);
  const monthly = (plan: Plan) => plan.prices.find((p) => p.interval === "month")?.unitAmount ?? Number.MAX_SAFE_INTEGER;
  return plans.sort((a, b) => monthly(a) - monthly(b) || a.name.localeCompare(b.name));
}

function productSummary(product: { id: string; stripeProductId: string; name: string; description: string | null; features: string | null }) {
  return { productId: product.id, stripeProductId: product.stripeProductId, name: product.name, description: product.description, features: parseFeatures(product.features) };
}

/** The metered add-on (billed through a Billing Meter), or null if the catalog has none. */
export async function listMeteredAddon(): Promise<MeteredAddon | null> {
  const product = await getDb().product.findFirst({
    where: { active: true, kind: "addon" },
    orderBy: { createdAt: "asc" },
    include: { prices: { where: { active: true, type: "recurring", usageType: "metered" }, orderBy: { createdAt: "desc" } } },
  });
  const price = product?.prices.find((p) => isInterval(p.interval));
  if (!product || !price) return null;
  return {
    ...productSummary(product),
    price: {
      id: price.id,
      stripePriceId: price.stripePriceId,
      interval: price.interval as PlanInterval,
      unitAmount: price.unitAmount,
      currency: price.currency,
      meterId: price.meterId,
    },
  };
}

/** A plan's price by our Price.id, with its plan; null for anything that is not a subscribable plan price. */
export async function findPlanPrice(priceId: string): Promise<{ plan: Plan; price: PlanPrice } | null> {
  for (const plan of await listPlans()) {
    const price = plan.prices.find((p) => p.id === priceId);
    if (price) return { plan, price };
  }
  return null;
}
