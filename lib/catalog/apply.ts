// Mirrors Stripe products and prices into our Product/Price tables. Used right
// after seeding and by the product.* / price.* webhook handlers. Each row keeps
// the Stripe time of the snapshot it holds, so an older event arriving late
// never overwrites a newer snapshot.
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { getStripe } from "@/lib/stripe/client";
import { isUniqueViolation } from "@/lib/db-errors";
import { featuresColumn } from "@/lib/catalog/features";
import { idOf } from "@/lib/stripe/types";

export async function mirrorProduct(product: Stripe.Product, observedAt: number, db: Db = getDb()) {
  const data = {
    name: product.name,
    description: product.description ?? null,
    imageUrl: product.images?.[0] ?? null,
    active: product.active,
    kind: productKind(product),
    features: featuresColumn(product),
    stripeSyncedAt: observedAt,
  };
  return writeSnapshot(observedAt, {
    find: () => db.product.findUnique({ where: { stripeProductId: product.id } }),
    create: () => db.product.create({ data: { stripeProductId: product.id, ...data } }),
    update: (id) => db.product.update({ where: { id }, data }),
  });
}

const PRODUCT_KINDS = ["good", "plan", "addon"] as const;

/** Product metadata `payport_kind` says what a product is; anything else is a storefront good. */
export function productKind(product: Pick<Stripe.Product, "metadata">): (typeof PRODUCT_KINDS)[number] {
  const kind = product.metadata?.payport_kind;
  return PRODUCT_KINDS.find((k) => k === kind) ?? "good";
}

/** A deleted product keeps its row (order lines point at its prices) but leaves the store. */
export async function markProductDeleted(stripeProductId: string, observedAt: number, db: Db = getDb()) {
  await db.product.updateMany({ where: { stripeProductId }, data: { active: false, stripeSyncedAt: observedAt } });
  await db.price.updateMany({ where: { product: { stripeProductId } }, data: { active: false } });
}

export async function mirrorPrice(price: Stripe.Price, observedAt: number, db: Db = getDb()) {
  const stripeProductId = idOf(price.product);
  let product = await db.product.findUnique({ where: { stripeProductId } });
  if (!product) {
    // price.created can arrive before product.created: fetch the parent once
    // rather than dropping the price.
    const fetched = await getStripe().products.retrieve(stripeProductId);
    product = await mirrorProduct(fetched, fetched.updated ?? observedAt, db);
  }
  const data = {
    productId: product.id,
    currency: price.currency,
    unitAmount: price.unit_amount ?? 0,
    type: price.type,
    interval: price.recurring?.interval ?? null,
    intervalCount: price.recurring?.interval_count ?? null,
    usageType: price.recurring?.usage_type ?? null,
    meterId: price.recurring?.meter ?? null,
    trialPeriodDays: price.recurring?.trial_period_days ?? null,
    lookupKey: price.lookup_key ?? null,
    // A price with no fixed amount (unit_amount_decimal/tiers) is not sellable here.
    active: price.active && price.unit_amount != null,
    stripeSyncedAt: observedAt,
  };
  return writeSnapshot(observedAt, {
    find: () => db.price.findUnique({ where: { stripePriceId: price.id } }),
    create: () => db.price.create({ data: { stripePriceId: price.id, ...data } }),
    update: (id) => db.price.update({ where: { id }, data }),
  });
}

export async function markPriceDeleted(stripePriceId: string, observedAt: number, db: Db = getDb()) {
  await db.price.updateMany({ where: { stripePriceId }, data: { active: false, stripeSyncedAt: observedAt } });
}

type SnapshotRow = { id: string; stripeSyncedAt: number | null };

/** Creates the row, or updates it unless it already holds a newer snapshot. */
async function writeSnapshot<Row extends SnapshotRow>(
  observedAt: number,
  ops: { find: () => Promise<Row | null>; create: () => Promise<Row>; update: (id: string) => Promise<Row> },
): Promise<Row> {
  const attempt = async () => {
    const existing = await ops.find();
    if (!existing) return ops.create();
    if (existing.stripeSyncedAt != null && existing.stripeSyncedAt > observedAt) return existing;
    return ops.update(existing.id);
  };
  try {
    return await attempt();
  } catch (error) {
    // Two deliveries of the same object raced to create its row: the loser updates instead.
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}
