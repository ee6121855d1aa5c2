// What the storefront shows: active products with their active one-time
// prices, read from our mirror (never from Stripe on a page load).
import { getDb } from "@/lib/db";

export type StorefrontProduct = {
  id: string;
  name: string;
  description: string | null;
  imageUrl: string | null;
  prices: { id: string; currency: string; unitAmount: number }[];
};

export async function listStorefrontProducts(): Promise<StorefrontProduct[]> {
  const products = await getDb().product.findMany({
    where: { active: true, kind: "good" },
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    include: {
      prices: {
        where: { active: true, type: "one_time" },
        orderBy: [{ currency: "asc" }, { unitAmount: "asc" }],
      },
    },
  });
  return products
    .filter((p) => p.prices.length > 0)
    .map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      imageUrl: p.imageUrl,
      prices: p.prices.map((price) => ({ id: price.id, currency: price.currency, unitAmount: price.unitAmount })),
    }));
}
