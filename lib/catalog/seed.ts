// Seeds the catalog into Stripe (or the emulator) and mirrors it into our
// database. Idempotent: products have fixed custom ids and prices are found by
// lookup_key, so running it again changes nothing unless CATALOG changed.
import Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { getStripe } from "@/lib/stripe/client";
import { CATALOG, METERED_ADDON, PLAN_CURRENCY, PLANS, type CatalogMeteredAddon, type CatalogPlan, type CatalogProduct } from "@/lib/catalog/data";
import { mirrorPrice, mirrorProduct } from "@/lib/catalog/apply";
import { idOf, nowSeconds } from "@/lib/stripe/types";

export type SeedSummary = { products: number; prices: number; created: string[] };

export async function seedCatalog(
  options: { stripe?: Stripe; db?: Db; catalog?: CatalogProduct[]; plans?: CatalogPlan[]; addon?: CatalogMeteredAddon | null } = {},
): Promise<SeedSummary> {
  const stripe = options.stripe ?? getStripe();
  const db = options.db ?? getDb();
  const catalog = options.catalog ?? CATALOG;
  const summary: SeedSummary = { products: 0, prices: 0, created: [] };

  for (const def of catalog) {
    const product = await findOrCreateProduct(stripe, { ...def, kind: "good", features: [] }, summary);
    await mirrorProduct(product, product.updated ?? product.created, db);
    summary.products++;

    const existing = await stripe.prices.list({ lookup_keys: def.prices.map((p) => p.lookupKey), active: true, limit: 100 });
    for (const want of def.prices) {
      const found = existing.data.find((p) => p.lookup_key === want.lookupKey);
      const matches =
        found && found.currency === want.currency && found.unit_amount === want.unitAmount && productIdOf(found) === def.id && found.type === "one_time";
      await keepPrice(stripe, db, summary, matches ? found : null, found, {
        product: def.id,
        currency: want.currency,
        unit_amount: want.unitAmount,
        lookup_key: want.lookupKey,
        transfer_lookup_key: true,
      });
    }
  }

  for (const plan of options.plans ?? PLANS) {
    const product = await findOrCreateProduct(stripe, plan, summary);
    await mirrorProduct(product, product.updated ?? product.created, db);
    summary.products++;
    for (const want of plan.prices) {
      await ensureRecurringPrice(stripe, db, summary, plan.id, {
        lookupKey: want.lookupKey,
        unitAmount: want.unitAmount,
        recurring: { interval: want.interval, interval_count: 1, usage_type: "licensed", trial_period_days: want.trialPeriodDays ?? null, meter: null },
      });
    }
  }

  const addon = options.addon === undefined ? METERED_ADDON : options.addon;
  if (addon) {
    const meter = await ensureMeter(stripe, addon, summary);
    const product = await findOrCreateProduct(stripe, addon, summary);
    await mirrorProduct(product, product.updated ?? product.created, db);
    summary.products++;
    await ensureRecurringPrice(stripe, db, summary, addon.id, {
      lookupKey: addon.price.lookupKey,
      unitAmount: addon.price.unitAmount,
      recurring: { interval: addon.price.interval, interval_count: 1, usage_type: "metered", trial_period_days: null, meter: meter.id },
    });
  }
  return summary;
}

type WantedRecurring = {
  lookupKey: string;
  unitAmount: number;
  recurring: { interval: "month" | "year"; interval_count: number; usage_type: "licensed" | "metered"; trial_period_days: number | null; meter: string | null };
};

/** A recurring price by lookup key; any difference creates a replacement that takes the key over. */
async function ensureRecurringPrice(stripe: Stripe, db: Db, summary: SeedSummary, productId: string, want: WantedRecurring) {
  const existing = await stripe.prices.list({ lookup_keys: [want.lookupKey], active: true, limit: 1 });
  const found = existing.data[0];
  const r = found?.recurring;
  const matches =
    found &&
    productIdOf(found) === productId &&
    found.currency === PLAN_CURRENCY &&
    found.unit_amount === want.unitAmount &&
    r?.interval === want.recurring.interval &&
    r.interval_count === want.recurring.interval_count &&
    r.usage_type === want.recurring.usage_type &&
    (r.trial_period_days ?? null) === want.recurring.trial_period_days &&
    (r.meter ?? null) === want.recurring.meter;
  await keepPrice(stripe, db, summary, matches ? found : null, found, {
    product: productId,
    currency: PLAN_CURRENCY,
    unit_amount: want.unitAmount,
    lookup_key: want.lookupKey,
    transfer_lookup_key: true,
    recurring: {
      interval: want.recurring.interval,
      interval_count: want.recurring.interval_count,
      usage_type: want.recurring.usage_type,
      ...(want.recurring.trial_period_days != null && { trial_period_days: want.recurring.trial_period_days }),
      ...(want.recurring.meter && { meter: want.recurring.meter }),
    },
  });
}

/**
 * Mirrors the price that already matches, or creates its replacement: a new
 * price takes over the lookup key and the old one is archived, as Stripe
 * prices are immutable.
 */
async function keepPrice(stripe: Stripe, db: Db, summary: SeedSummary, matching: Stripe.Price | null | undefined, found: Stripe.Price | undefined, create: Stripe.PriceCreateParams) {
  let price = matching;
  if (!price) {
    price = await stripe.prices.create(create);
    summary.created.push(price.id);
    if (found) {
      const archived = await stripe.prices.update(found.id, { active: false });
      await mirrorPrice(archived, nowSeconds(), db);
    }
  }
  await mirrorPrice(price, price.created, db);
  summary.prices++;
}

/** Meters are unique by event_name among active meters: reuse it, reactivating one that was turned off. */
async function ensureMeter(stripe: Stripe, addon: CatalogMeteredAddon, summary: SeedSummary): Promise<Stripe.Billing.Meter> {
  const meters = await stripe.billing.meters.list({ limit: 100 });
  const same = meters.data.filter((m) => m.event_name === addon.meter.eventName);
  const active = same.find((m) => m.status === "active");
  if (active) return active;
  if (same[0]) return stripe.billing.meters.reactivate(same[0].id);
  const meter = await stripe.billing.meters.create({
    display_name: addon.meter.displayName,
    event_name: addon.meter.eventName,
    default_aggregation: { formula: "sum" },
    customer_mapping: { type: "by_id", event_payload_key: "stripe_customer_id" },
    value_settings: { event_payload_key: "value" },
  });
  summary.created.push(meter.id);
  return meter;
}

type ProductDef = { id: string; name: string; description: string; kind: "good" | "plan" | "addon"; features: string[] };

async function findOrCreateProduct(stripe: Stripe, def: ProductDef, summary: SeedSummary): Promise<Stripe.Product> {
  let product: Stripe.Product | null = null;
  try {
    product = await stripe.products.retrieve(def.id);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError) || error.statusCode !== 404) throw error;
  }
  if (!product) {
    summary.created.push(def.id);
    return stripe.products.create({
      id: def.id,
      name: def.name,
      description: def.description,
      metadata: { payport_catalog: "true", payport_kind: def.kind },
      ...(def.features.length > 0 && { marketing_features: def.features.map((name) => ({ name })) }),
    });
  }
  const features = (product.marketing_features ?? []).map((f) => f.name);
  const featuresDiffer = features.length !== def.features.length || features.some((name, i) => name !== def.features[i]);
  if (product.name !== def.name || product.description !== def.description || !product.active || product.metadata?.payport_kind !== def.kind || featuresDiffer) {
    return stripe.products.update(def.id, {
      name: def.name,
      description: def.description,
      active: true,
      metadata: { payport_kind: def.kind },
      ...(def.features.length > 0 && { marketing_features: def.features.map((name) => ({ name })) }),
    });
  }
  return product;
}

function productIdOf(price: Stripe.Price): string {
  return idOf(price.product);
}
