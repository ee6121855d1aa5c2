import { auditActor } from "@/lib/auth/admin-pages";
import { updateFulfilmentAsAdmin } from "@/lib/fulfilment/audited-actions";
import { adminRoute } from "@/lib/admin/route";
import { readJsonBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/**
 * POST /api/admin/orders/{orderId}/fulfilment
 *   { tracking_number, carrier? } → marks the paid order shipped (again: corrects the tracking);
 *   { status: "delivered" | "returned" } → moves a shipped order on.
 * → 200 { orderId, fulfilment }; 400 bad input, 404 no order, 409 not allowed in its state.
 */
export const POST = adminRoute<{ id: string }>("POST /api/admin/orders/[id]/fulfilment", async (request, admin, { id }) =>
  Response.json(await updateFulfilmentAsAdmin(id, await readJsonBody(request), auditActor(admin))),
);
