// Which picture a product shows. Our seeded catalog has its own drawings in
// public/products (Stripe only takes absolute image URLs, so they are not sent
// there); a product made elsewhere shows its Stripe image only when it is
// same-origin, as a remote URL would be a third-party request on every view.
import { CATALOG } from "@/lib/catalog/data";

const CATALOG_PICTURES = new Map<string, string>(CATALOG.map((p) => [p.id, p.picture]));

function isLocalImage(url: string | null): url is string {
  return !!url && url.startsWith("/") && !url.startsWith("//");
}

export function productPicture(stripeProductId: string, imageUrl: string | null): string | null {
  return CATALOG_PICTURES.get(stripeProductId) ?? (isLocalImage(imageUrl) ? imageUrl : null);
}
