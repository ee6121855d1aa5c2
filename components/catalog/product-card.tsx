import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { StorefrontProduct } from "@/lib/catalog/queries";
import { AddToCart } from "./add-to-cart";
import { ProductPicture } from "./product-picture";

/** `aboveTheFold`: the card is in the first screen, so its picture loads at once. */
export function ProductCard({ product, aboveTheFold = false }: { product: StorefrontProduct; aboveTheFold?: boolean }) {
  const headingId = `product-${product.id}`;
  const href = `/products/${product.stripeProductId}`;
  return (
    <Card className="flex w-full flex-col overflow-hidden" data-testid="product-card">
      <article aria-labelledby={headingId} className="flex flex-1 flex-col">
        {/* The picture repeats the name's link for pointer users; keyboard and screen readers get one stop. */}
        <Link href={href} tabIndex={-1} aria-hidden="true">
          <ProductPicture name={product.name} picture={product.picture} load={aboveTheFold ? "eager" : "lazy"} sizes="(min-width: 1024px) 22rem, (min-width: 640px) 50vw, 100vw" />
        </Link>
        <div className="flex flex-1 flex-col gap-4 p-5">
          <div className="space-y-1">
            <h2 id={headingId} className="text-base font-semibold text-zinc-900">
              <Link href={href} className="hover:underline focus-visible:outline-2 focus-visible:outline-offset-2">
                {product.name}
              </Link>
            </h2>
            {product.description && <p className="text-sm text-zinc-600">{product.description}</p>}
          </div>
          <div className="mt-auto">
            <AddToCart productName={product.name} prices={product.prices} />
          </div>
        </div>
      </article>
    </Card>
  );
}
