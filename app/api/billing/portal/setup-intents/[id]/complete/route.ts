import { readJsonBody } from "@/lib/http/errors";
import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { completeCardSetup } from "@/lib/payment-methods/actions";

export const dynamic = "force-dynamic";

/** POST { makeDefault? } after confirmSetup succeeded → { paymentMethodId, isDefault }. */
export const POST = portalRoute<{ id: string }>("POST /api/billing/portal/setup-intents/[id]/complete", async (request, user, { id }) =>
  Response.json(await completeCardSetup(user, id, await readJsonBody(request)), { headers: noStore }),
);
