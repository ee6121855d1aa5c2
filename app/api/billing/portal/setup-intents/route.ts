import { readJsonBody } from "@/lib/http/errors";
import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { createCardSetupIntent } from "@/lib/payment-methods/actions";

export const dynamic = "force-dynamic";

/** POST { requestId } → 201 { clientSecret, setupIntentId } for the Payment Element's confirmSetup. */
export const POST = portalRoute("POST /api/billing/portal/setup-intents", async (request, user) =>
  Response.json(await createCardSetupIntent(user, await readJsonBody(request)), { status: 201, headers: noStore }),
);
