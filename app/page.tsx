import { ProductCard } from "@/components/catalog/product-card";
import { listStorefrontProducts } from "@/lib/catalog/queries";

// The catalog changes through webhooks; read it on every request.
export const dynamic = "force-dynamic";

export default async function StorefrontPage() {
  const products = await listStorefrontProducts();
  return (
    <div className="space-y-8">
      <div className="max-w-2xl space-y-2">
        <h1 className="text-3xl font-semibold tracking-tight text-zinc-900">Shop</h1>
        <p className="text-zinc-600">Small things, priced in the currency you choose. Pay by card in a few seconds.</p>
      </div>
      {products.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 bg-white p-10 text-center">
          <h2 className="font-semibold text-zinc-900">No products yet</h2>
          <p className="mt-1 text-sm text-zinc-600">
            Seed the catalog with <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs">npm run setup</code>, then
            reload this page.
          </p>
        </div>
      ) : (
        <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3" aria-label="Products">
          {products.map((product, index) => (
            <li key={product.id} className="flex">
              <ProductCard product={product} aboveTheFold={index < 3} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
