import { requireAdmin } from "@/lib/auth/session";
import { getDisputeDetail } from "@/lib/disputes/queries";
import { errorResponse, jsonError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    await requireAdmin(request);
    const dispute = await getDisputeDetail((await params).id);
    if (!dispute) return jsonError(404, "Dispute not found.");
    return Response.json(dispute, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/admin/disputes/[id]");
  }
}
