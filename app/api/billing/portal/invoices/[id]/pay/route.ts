import { readJsonBody } from "@/lib/http/errors";
import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { payOpenInvoice } from "@/lib/invoices/actions";

export const dynamic = "force-dynamic";

/** POST { requestId } → pays an open invoice with the default card; a decline is a 402 in the issuer's words. */
export const POST = portalRoute<{ id: string }>("POST /api/billing/portal/invoices/[id]/pay", async (request, user, { id }) =>
  Response.json(await payOpenInvoice(user, id, await readJsonBody(request)), { headers: noStore }),
);
