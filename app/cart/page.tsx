import type { Metadata } from "next";
import { CartView, type CartPriceInfo } from "@/components/cart/cart-view";
import { getCurrentUser } from "@/lib/auth/session";
import { listStorefrontProducts } from "@/lib/catalog/queries";

export const metadata: Metadata = { title: "Cart" };
export const dynamic = "force-dynamic";

export default async function CartPage() {
  // The cart holds price ids only; names and amounts come from the catalog.
  const [products, user] = await Promise.all([listStorefrontProducts(), getCurrentUser()]);
  const prices: Record<string, CartPriceInfo> = {};
  for (const product of products) {
    for (const price of product.prices) {
      prices[price.id] = { productName: product.name, currency: price.currency, unitAmount: price.unitAmount };
    }
  }
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-semibold tracking-tight text-zinc-900">Your cart</h1>
      <CartView prices={prices} defaultEmail={user?.email} />
    </div>
  );
}
