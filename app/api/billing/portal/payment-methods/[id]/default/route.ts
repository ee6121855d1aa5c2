import { readJsonBody } from "@/lib/http/errors";
import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { setDefaultPaymentMethod } from "@/lib/payment-methods/actions";

export const dynamic = "force-dynamic";

/** POST { requestId } → the card becomes the default for invoices and the live subscription. */
export const POST = portalRoute<{ id: string }>("POST /api/billing/portal/payment-methods/[id]/default", async (request, user, { id }) =>
  Response.json(await setDefaultPaymentMethod(user, id, await readJsonBody(request)), { headers: noStore }),
);
