import { withCursor } from "@/lib/http/pagination";
import { route } from "@/lib/http/route";
import { eventFiltersSchema, getWebhookHealth, listStripeEvents } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

/** GET /api/admin/events?type&status&q&cursor → { health, rows, nextCursor } */
export const GET = route({ name: "GET /api/admin/events", auth: "admin", query: withCursor(eventFiltersSchema) }, async ({ query: { cursor, ...filters } }) => {
  const [health, page] = await Promise.all([getWebhookHealth(), listStripeEvents(filters, cursor ?? null)]);
  return { health, ...page };
});
