import { cancelSubscriptionAsAdmin } from "@/lib/subscriptions/admin-cancel";
import { requireAdmin } from "@/lib/auth/session";
import { errorResponse, readJsonBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

// POST { mode: "period_end" | "now", submissionId }
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const admin = await requireAdmin(request);
    const input = await readJsonBody(request);
    return Response.json(await cancelSubscriptionAsAdmin((await params).id, input, { id: admin.id, email: admin.email }));
  } catch (error) {
    return errorResponse(error, "POST /api/admin/subscriptions/[id]/cancel");
  }
}
