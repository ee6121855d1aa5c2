import { auditActor } from "@/lib/auth/admin-pages";
import { idParams, route } from "@/lib/http/route";
import { cancelSubscriptionAsAdmin } from "@/lib/subscriptions/actions";
import { adminCancelSchema } from "@/lib/subscriptions/schemas";

export const dynamic = "force-dynamic";

/** POST { mode: "period_end" | "now", submissionId } */
export const POST = route({ name: "POST /api/admin/subscriptions/[id]/cancel", auth: "admin", params: idParams, body: adminCancelSchema }, async ({ params, body, user }) =>
  cancelSubscriptionAsAdmin(params.id, body, auditActor(user)),
);
