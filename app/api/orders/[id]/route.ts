import { errorResponse, jsonError } from "@/lib/http/errors";
import { getPublicOrderView } from "@/lib/orders/order-view";

export const dynamic = "force-dynamic";

// The polling fallback of the return page; the order id is the guest's capability.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const order = await getPublicOrderView((await params).id);
    if (!order) return jsonError(404, "Order not found.");
    return Response.json(order, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/orders/[id]");
  }
}
