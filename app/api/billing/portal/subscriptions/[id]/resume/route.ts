import { idParams, route } from "@/lib/http/route";
import { resumeSubscription } from "@/lib/subscriptions/actions";
import { requestOnlySchema } from "@/lib/http/schemas";

export const dynamic = "force-dynamic";

/** POST { requestId } → undoes a scheduled cancellation (or resumes a paused subscription). */
export const POST = route({ name: "POST /api/billing/portal/subscriptions/[id]/resume", auth: "user", params: idParams, body: requestOnlySchema }, async ({ user, params, body }) =>
  resumeSubscription(user, params.id, body),
);
