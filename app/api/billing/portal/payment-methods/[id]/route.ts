import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { removePaymentMethod } from "@/lib/payment-methods/actions";

export const dynamic = "force-dynamic";

/** DELETE → detaches the card (refused for the only or default card of a live subscription). */
export const DELETE = portalRoute<{ id: string }>("DELETE /api/billing/portal/payment-methods/[id]", async (_request, user, { id }) =>
  Response.json(await removePaymentMethod(user, id), { headers: noStore }),
);
