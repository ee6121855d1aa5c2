import { idParams, route } from "@/lib/http/route";
import { cancelSubscription } from "@/lib/subscriptions/actions";
import { cancelSchema } from "@/lib/subscriptions/schemas";

export const dynamic = "force-dynamic";

/** POST { mode: "period_end" | "now", requestId } */
export const POST = route({ name: "POST /api/billing/portal/subscriptions/[id]/cancel", auth: "user", params: idParams, body: cancelSchema }, async ({ user, params, body }) =>
  cancelSubscription(user, params.id, body),
);
