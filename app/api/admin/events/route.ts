import { adminRoute, noStore } from "@/lib/admin/route";
import { getWebhookHealth, listStripeEvents, parseEventFilters } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

/** GET /api/admin/events?type&status&q&cursor → { health, rows, nextCursor } */
export const GET = adminRoute("GET /api/admin/events", async (request) => {
  const params = new URL(request.url).searchParams;
  const [health, page] = await Promise.all([getWebhookHealth(), listStripeEvents(parseEventFilters(params), params.get("cursor"))]);
  return Response.json({ health, ...page }, { headers: noStore });
});
