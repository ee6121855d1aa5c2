import { Card } from "@/components/ui/card";
import { AddToCart, type StorefrontPrice } from "./add-to-cart";

export type StorefrontProduct = {
  id: string;
  name: string;
  description: string | null;
  imageUrl: string | null;
  prices: StorefrontPrice[];
};

// Only same-origin images: a remote URL would be a request to a third party on every view.
function isLocalImage(url: string | null): url is string {
  return !!url && url.startsWith("/") && !url.startsWith("//");
}

export function ProductCard({ product }: { product: StorefrontProduct }) {
  const headingId = `product-${product.id}`;
  return (
    <Card className="flex w-full flex-col overflow-hidden" data-testid="product-card">
      <article aria-labelledby={headingId} className="flex flex-1 flex-col">
        {isLocalImage(product.imageUrl) ? (
          // eslint-disable-next-line @next/next/no-img-element -- small local catalog images, no optimizer needed
          <img src={product.imageUrl} alt="" className="aspect-[4/3] w-full bg-zinc-100 object-cover" />
        ) : (
          <div
            aria-hidden="true"
            className="grid aspect-[4/3] w-full place-items-center bg-gradient-to-br from-accent-50 to-zinc-100 text-4xl font-semibold text-accent-600/70"
          >
            {product.name.slice(0, 1).toUpperCase()}
          </div>
        )}
        <div className="flex flex-1 flex-col gap-4 p-5">
          <div className="space-y-1">
            <h2 id={headingId} className="text-base font-semibold text-zinc-900">
              {product.name}
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
