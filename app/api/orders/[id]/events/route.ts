import { found, idParams, route } from "@/lib/http/route";
import { SSE_HEADERS } from "@/lib/live/sse";
import { assertOrderAccess } from "@/lib/orders/access";
import { getPublicOrderView } from "@/lib/orders/queries";
import { streamOrderEvents } from "@/lib/orders/live-stream";

export const dynamic = "force-dynamic";

/** Server-sent events: `event: status` with the order JSON, now and on every change. */
export const GET = route({ name: "GET /api/orders/[id]/events", auth: "optional-user", params: idParams }, async ({ request, user, params: { id } }) => {
  await assertOrderAccess(id, user);
  const order = found(await getPublicOrderView(id), "Order not found.");
  return new Response(streamOrderEvents(id, order, request.signal), { headers: SSE_HEADERS });
});
