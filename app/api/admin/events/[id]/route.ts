import { found, idParams, route } from "@/lib/http/route";
import { getStripeEvent } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

export const GET = route({ name: "GET /api/admin/events/[id]", auth: "admin", params: idParams }, async ({ params }) =>
  found(await getStripeEvent(params.id), "Event not found."),
);
