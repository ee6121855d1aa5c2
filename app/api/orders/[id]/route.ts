import { getCurrentUser } from "@/lib/auth/session";
import { errorResponse, jsonError } from "@/lib/http/errors";
import { assertOrderAccess } from "@/lib/orders/access";
import { getPublicOrderView } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

// The polling fallback of the return page; the order id is the guest's capability,
// an account's order is its owner's only.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    await assertOrderAccess(id, await getCurrentUser(request));
    const order = await getPublicOrderView(id);
    if (!order) return jsonError(404, "Order not found.");
    return Response.json(order, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/orders/[id]");
  }
}
