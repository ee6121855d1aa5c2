import { auditActor } from "@/lib/auth/admin-pages";
import { idParams, route } from "@/lib/http/route";
import { ignoreEventAsAdmin } from "@/lib/webhooks/actions";

export const dynamic = "force-dynamic";

export const POST = route({ name: "POST /api/admin/events/[id]/ignore", auth: "admin", params: idParams }, async ({ params, user }) =>
  ignoreEventAsAdmin(params.id, auditActor(user)),
);
