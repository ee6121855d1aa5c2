// Seeds the catalog into Stripe (or the emulator) and mirrors it into our
// database. Idempotent: products have fixed custom ids and prices are found by
// lookup_key, so running it again changes nothing unless CATALOG changed.
import Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { getStripe } from "@/lib/stripe/client";
import { CATALOG, type CatalogProduct } from "@/lib/catalog/catalog-data";
import { mirrorPrice, mirrorProduct } from "@/lib/catalog/mirror";

export type SeedSummary = { products: number; prices: number; created: string[] };

export async function seedCatalog(options: { stripe?: Stripe; db?: Db; catalog?: CatalogProduct[] } = {}): Promise<SeedSummary> {
  const stripe = options.stripe ?? getStripe();
  const db = options.db ?? getDb();
  const catalog = options.catalog ?? CATALOG;
  const summary: SeedSummary = { products: 0, prices: 0, created: [] };

  for (const def of catalog) {
    const product = await findOrCreateProduct(stripe, def, summary);
    await mirrorProduct(product, product.updated ?? product.created, db);
    summary.products++;

    const existing = await stripe.prices.list({ lookup_keys: def.prices.map((p) => p.lookupKey), active: true, limit: 100 });
    for (const want of def.prices) {
      const found = existing.data.find((p) => p.lookup_key === want.lookupKey);
      const matches =
        found && found.currency === want.currency && found.unit_amount === want.unitAmount && productIdOf(found) === def.id && found.type === "one_time";
      let price = found;
      if (!matches) {
        // The amount changed (or the price is new): a new price takes over the
        // lookup key and the old one is archived, as Stripe prices are immutable.
        price = await stripe.prices.create({
          product: def.id,
          currency: want.currency,
          unit_amount: want.unitAmount,
          lookup_key: want.lookupKey,
          transfer_lookup_key: true,
        });
        summary.created.push(price.id);
        if (found) {
          const archived = await stripe.prices.update(found.id, { active: false });
          await mirrorPrice(archived, Math.floor(Date.now() / 1000), db);
        }
      }
      await mirrorPrice(price!, price!.created, db);
      summary.prices++;
    }
  }
  return summary;
}

async function findOrCreateProduct(stripe: Stripe, def: CatalogProduct, summary: SeedSummary): Promise<Stripe.Product> {
  let product: Stripe.Product | null = null;
  try {
    product = await stripe.products.retrieve(def.id);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError) || error.statusCode !== 404) throw error;
  }
  if (!product) {
    summary.created.push(def.id);
    return stripe.products.create({ id: def.id, name: def.name, description: def.description, metadata: { payport_catalog: "true" } });
  }
  if (product.name !== def.name || product.description !== def.description || !product.active) {
    return stripe.products.update(def.id, { name: def.name, description: def.description, active: true });
  }
  return product;
}

function productIdOf(price: Stripe.Price): string {
  return typeof price.product === "string" ? price.product : price.product.id;
}
