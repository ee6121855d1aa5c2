import { created, route } from "@/lib/http/route";
import { createCardSetupIntent } from "@/lib/payment-methods/actions";
import { requestOnlySchema } from "@/lib/http/schemas";

export const dynamic = "force-dynamic";

/** POST { requestId } → 201 { clientSecret, setupIntentId } for the Payment Element's confirmSetup. */
export const POST = route({ name: "POST /api/billing/portal/setup-intents", auth: "user", limit: "billing-payment", body: requestOnlySchema }, async ({ user, body }) =>
  created(await createCardSetupIntent(user, body)),
);
