import { idParams, route } from "@/lib/http/route";
import { payOpenInvoice } from "@/lib/payment-methods/actions";
import { requestOnlySchema } from "@/lib/http/schemas";

export const dynamic = "force-dynamic";

/** POST { requestId } → pays an open invoice with the default card; a decline is a 402 in the issuer's words. */
export const POST = route({ name: "POST /api/billing/portal/invoices/[id]/pay", auth: "user", limit: "billing-payment", params: idParams, body: requestOnlySchema }, async ({ user, params, body }) =>
  payOpenInvoice(user, params.id, body),
);
