import { auditActor } from "@/lib/admin/access";
import { adminRoute } from "@/lib/admin/route";
import { ignoreEventAsAdmin } from "@/lib/admin/events/stripe-events";

export const dynamic = "force-dynamic";

export const POST = adminRoute<{ id: string }>("POST /api/admin/events/[id]/ignore", async (_request, admin, { id }) => {
  return Response.json(await ignoreEventAsAdmin(id, auditActor(admin)));
});
