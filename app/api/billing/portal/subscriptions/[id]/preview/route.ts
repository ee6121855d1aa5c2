import { idParams, route } from "@/lib/http/route";
import { previewPlanChange } from "@/lib/subscriptions/actions";
import { planChangeSchema } from "@/lib/subscriptions/schemas";

export const dynamic = "force-dynamic";

/** POST { priceId, quantity } → the proration invoice the change would create (nothing changes). */
export const POST = route({ name: "POST /api/billing/portal/subscriptions/[id]/preview", auth: "user", params: idParams, body: planChangeSchema }, async ({ user, params, body }) =>
  previewPlanChange(user, params.id, body),
);
