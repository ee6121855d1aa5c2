import { auditActor } from "@/lib/auth/admin-pages";
import { adminRoute } from "@/lib/admin/route";
import { ignoreEventAsAdmin } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

export const POST = adminRoute<{ id: string }>("POST /api/admin/events/[id]/ignore", async (_request, admin, { id }) => {
  return Response.json(await ignoreEventAsAdmin(id, auditActor(admin)));
});
