import { adminRoute, noStore } from "@/lib/admin/route";
import { getStripeEvent } from "@/lib/webhooks/queries";
import { jsonError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export const GET = adminRoute<{ id: string }>("GET /api/admin/events/[id]", async (_request, _admin, { id }) => {
  const event = await getStripeEvent(id);
  if (!event) return jsonError(404, "Event not found.");
  return Response.json(event, { headers: noStore });
});
