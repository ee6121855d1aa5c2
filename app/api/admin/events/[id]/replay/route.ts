import { auditActor } from "@/lib/admin/access";
import { adminRoute } from "@/lib/admin/route";
import { replayEventAsAdmin } from "@/lib/admin/events/stripe-events";

export const dynamic = "force-dynamic";

/** POST /api/admin/events/{id}/replay → { status, handlerMs?, error? } (the handler is idempotent). */
export const POST = adminRoute<{ id: string }>("POST /api/admin/events/[id]/replay", async (_request, admin, { id }) => {
  return Response.json(await replayEventAsAdmin(id, auditActor(admin)));
});
