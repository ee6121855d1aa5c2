// product.* / price.* keep the mirror our storefront and checkout read from in
// step with Stripe (dashboard edits, archiving, new prices).
import { markPriceDeleted, markProductDeleted, mirrorPrice, mirrorProduct } from "@/lib/catalog/apply";
import { applySnapshot, type StripeEventHandlers } from "@/lib/webhooks/handlers/types";

export const catalogHandlers: StripeEventHandlers = {
  "product.created": applySnapshot(mirrorProduct),
  "product.updated": applySnapshot(mirrorProduct),
  // Deleted products leave the store; their rows stay for past orders.
  "product.deleted": (event) => markProductDeleted(event.data.object.id, event.created),
  "price.created": applySnapshot(mirrorPrice),
  // Archiving (active=false) lands here: the price can no longer be ordered.
  "price.updated": applySnapshot(mirrorPrice),
  "price.deleted": (event) => markPriceDeleted(event.data.object.id, event.created),
};
