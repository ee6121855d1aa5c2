// What the storefront shows: active products with their active one-time
// prices, read from our mirror (never from Stripe on a page load).
import { getDb } from "@/lib/db";
import { productPicture } from "@/lib/catalog/pictures";

export type StorefrontProduct = {
  id: string;
  /** The product's Stripe id: its page is /products/<stripeProductId> in every environment. */
  stripeProductId: string;
  name: string;
  description: string | null;
  /** A same-origin picture, or null. */
  picture: string | null;
  prices: { id: string; currency: string; unitAmount: number }[];
};

const storefrontWhere = { active: true, kind: "good" };
const storefrontPrices = {
  prices: {
    where: { active: true, type: "one_time" },
    orderBy: [{ currency: "asc" as const }, { unitAmount: "asc" as const }],
  },
};

type ProductRow = {
  id: string;
  stripeProductId: string;
  name: string;
  description: string | null;
  imageUrl: string | null;
  prices: { id: string; currency: string; unitAmount: number }[];
};

function toStorefront(p: ProductRow): StorefrontProduct {
  return {
    id: p.id,
    stripeProductId: p.stripeProductId,
    name: p.name,
    description: p.description,
    picture: productPicture(p.stripeProductId, p.imageUrl),
    prices: p.prices.map((price) => ({ id: price.id, currency: price.currency, unitAmount: price.unitAmount })),
  };
}

export async function listStorefrontProducts(): Promise<StorefrontProduct[]> {
  const products = await getDb().product.findMany({
    where: storefrontWhere,
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    include: storefrontPrices,
  });
  return products.filter((p) => p.prices.length > 0).map(toStorefront);
}

/** A product the storefront sells, by its Stripe id; null when unknown, not for sale, or without a price. */
export async function findStorefrontProduct(stripeProductId: string): Promise<StorefrontProduct | null> {
  const product = await getDb().product.findFirst({ where: { stripeProductId, ...storefrontWhere }, include: storefrontPrices });
  return product && product.prices.length > 0 ? toStorefront(product) : null;
}
