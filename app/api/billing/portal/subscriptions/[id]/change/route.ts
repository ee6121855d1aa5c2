import { idParams, route } from "@/lib/http/route";
import { applyPlanChange } from "@/lib/subscriptions/actions";
import { confirmPlanChangeSchema } from "@/lib/subscriptions/schemas";

export const dynamic = "force-dynamic";

/** POST { priceId, quantity, prorationDate (from the preview), requestId } → the change, invoiced as previewed. */
export const POST = route({ name: "POST /api/billing/portal/subscriptions/[id]/change", auth: "user", limit: "billing-payment", params: idParams, body: confirmPlanChangeSchema }, async ({ user, params, body }) =>
  applyPlanChange(user, params.id, body),
);
