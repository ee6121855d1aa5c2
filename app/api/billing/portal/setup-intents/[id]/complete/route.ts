import { idParams, route } from "@/lib/http/route";
import { completeCardSetup } from "@/lib/payment-methods/actions";
import { completeSetupSchema } from "@/lib/payment-methods/schemas";

export const dynamic = "force-dynamic";

/** POST { makeDefault? } after confirmSetup succeeded → { paymentMethodId, isDefault }. */
export const POST = route({ name: "POST /api/billing/portal/setup-intents/[id]/complete", auth: "user", params: idParams, body: completeSetupSchema }, async ({ user, params, body }) =>
  completeCardSetup(user, params.id, body),
);
