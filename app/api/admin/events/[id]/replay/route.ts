import { auditActor } from "@/lib/auth/admin-pages";
import { adminRoute } from "@/lib/admin/route";
import { replayEventAsAdmin } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

/** POST /api/admin/events/{id}/replay → { status, handlerMs?, error? } (the handler is idempotent). */
export const POST = adminRoute<{ id: string }>("POST /api/admin/events/[id]/replay", async (_request, admin, { id }) => {
  return Response.json(await replayEventAsAdmin(id, auditActor(admin)));
});
