// product.* / price.* keep the mirror our storefront and checkout read from in
// step with Stripe (dashboard edits, archiving, new prices).
import { markPriceDeleted, markProductDeleted, mirrorPrice, mirrorProduct } from "@/lib/catalog/apply";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";

export const catalogHandlers: StripeEventHandlers = {
  "product.created": async (event) => void (await mirrorProduct(event.data.object, event.created)),
  "product.updated": async (event) => void (await mirrorProduct(event.data.object, event.created)),
  // Deleted products leave the store; their rows stay for past orders.
  "product.deleted": (event) => markProductDeleted(event.data.object.id, event.created),
  "price.created": async (event) => void (await mirrorPrice(event.data.object, event.created)),
  // Archiving (active=false) lands here: the price can no longer be ordered.
  "price.updated": async (event) => void (await mirrorPrice(event.data.object, event.created)),
  "price.deleted": (event) => markPriceDeleted(event.data.object.id, event.created),
};
