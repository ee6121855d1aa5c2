import { idParams, route } from "@/lib/http/route";
import { removePaymentMethod } from "@/lib/payment-methods/actions";

export const dynamic = "force-dynamic";

/** DELETE → detaches the card (refused for the only or default card of a live subscription). */
export const DELETE = route({ name: "DELETE /api/billing/portal/payment-methods/[id]", auth: "user", params: idParams }, async ({ user, params }) =>
  removePaymentMethod(user, params.id),
);
