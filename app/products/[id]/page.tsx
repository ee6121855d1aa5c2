import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddToCart } from "@/components/catalog/add-to-cart";
import { ProductPicture } from "@/components/catalog/product-picture";
import { Card } from "@/components/ui/card";
import { findStorefrontProduct } from "@/lib/catalog/queries";
import { formatMoney } from "@/lib/money";

// The catalog changes through webhooks; read it on every request.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// Stripe ids only: anything else is an unknown product before any query.
const STRIPE_PRODUCT_ID = /^prod_[A-Za-z0-9_]{1,200}$/;

async function productFor(params: Props["params"]) {
  const { id } = await params;
  return STRIPE_PRODUCT_ID.test(id) ? findStorefrontProduct(id) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await productFor(params);
  return product ? { title: product.name, description: product.description ?? undefined } : {};
}

export default async function ProductPage({ params }: Props) {
  const product = await productFor(params);
  if (!product) notFound();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/" className="text-zinc-600 hover:text-zinc-900 hover:underline">
          ← Shop
        </Link>
      </nav>
      <article className="grid gap-8 md:grid-cols-2" aria-labelledby="product-name">
        <Card className="overflow-hidden">
          <ProductPicture name={product.name} picture={product.picture} alt={product.name} sizes="(min-width: 768px) 36rem, 100vw" load="preload" />
        </Card>
        <div className="space-y-6">
          <div className="space-y-2">
            <h1 id="product-name" className="text-3xl font-semibold tracking-tight text-zinc-900">
              {product.name}
            </h1>
            {product.description && <p className="text-zinc-600">{product.description}</p>}
          </div>
          {/* One price shows in the add-to-cart box; several are listed here, one per currency. */}
          {product.prices.length > 1 && (
            <section aria-labelledby="prices-heading" className="space-y-2">
              <h2 id="prices-heading" className="text-sm font-medium text-zinc-500">
                Prices
              </h2>
              <ul className="space-y-1" data-testid="product-prices">
                {product.prices.map((price) => (
                  <li key={price.id} className="flex items-baseline gap-2">
                    <span className="text-xl font-semibold text-zinc-900 tabular-nums">{formatMoney(price.unitAmount, price.currency)}</span>
                    <span className="text-sm text-zinc-500 uppercase">{price.currency}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <Card className="p-5">
            <AddToCart productName={product.name} prices={product.prices} />
          </Card>
        </div>
      </article>
    </div>
  );
}
