import { getCurrentUser } from "@/lib/auth/session";
import { errorResponse, jsonError } from "@/lib/http/errors";
import { assertOrderAccess } from "@/lib/orders/access";
import { getPublicOrderView } from "@/lib/orders/queries";
import { streamOrderEvents } from "@/lib/orders/live-stream";

export const dynamic = "force-dynamic";

// Server-sent events: `event: status` with the order JSON, now and on every change.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    await assertOrderAccess(id, await getCurrentUser(request));
    const order = await getPublicOrderView(id);
    if (!order) return jsonError(404, "Order not found.");
    return new Response(streamOrderEvents(id, order, request.signal), {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        // Stops nginx-style proxies from buffering the stream.
        "x-accel-buffering": "no",
      },
    });
  } catch (error) {
    return errorResponse(error, "GET /api/orders/[id]/events");
  }
}
