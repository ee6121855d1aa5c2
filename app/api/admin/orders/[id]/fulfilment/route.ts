import { auditActor } from "@/lib/auth/admin-pages";
import { updateFulfilmentAsAdmin } from "@/lib/fulfilment/actions";
import { adminFulfilmentSchema } from "@/lib/fulfilment/schemas";
import { idParams, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * POST /api/admin/orders/{orderId}/fulfilment
 *   { tracking_number, carrier? } → marks the paid order shipped (again: corrects the tracking);
 *   { status: "delivered" | "returned" } → moves a shipped order on.
 * → 200 { orderId, fulfilment }; 400 bad input, 404 no order, 409 not allowed in its state.
 */
export const POST = route({ name: "POST /api/admin/orders/[id]/fulfilment", auth: "admin", params: idParams, body: adminFulfilmentSchema }, async ({ params, body, user }) =>
  updateFulfilmentAsAdmin(params.id, body, auditActor(user)),
);
