import { idParams, route } from "@/lib/http/route";
import { setDefaultPaymentMethod } from "@/lib/payment-methods/actions";
import { requestOnlySchema } from "@/lib/http/schemas";

export const dynamic = "force-dynamic";

/** POST { requestId } → the card becomes the default for invoices and the live subscription. */
export const POST = route({ name: "POST /api/billing/portal/payment-methods/[id]/default", auth: "user", params: idParams, body: requestOnlySchema }, async ({ user, params, body }) =>
  setDefaultPaymentMethod(user, params.id, body),
);
