import { auditActor } from "@/lib/auth/admin-pages";
import { idParams, route } from "@/lib/http/route";
import { replayEventAsAdmin } from "@/lib/webhooks/actions";

export const dynamic = "force-dynamic";

/** POST /api/admin/events/{id}/replay → { status, handlerMs?, error? } (the handler is idempotent). */
export const POST = route({ name: "POST /api/admin/events/[id]/replay", auth: "admin", params: idParams }, async ({ params, user }) =>
  replayEventAsAdmin(params.id, auditActor(user)),
);
