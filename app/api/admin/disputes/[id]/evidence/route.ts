import { requireAdmin } from "@/lib/auth/session";
import { submitDisputeEvidence } from "@/lib/disputes/actions";
import { errorResponse, readJsonBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

// POST { evidence: { product_description?, customer_communication?, uncategorized_text?, … }, submit?: boolean, submissionId }
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const admin = await requireAdmin(request);
    const input = await readJsonBody(request);
    const result = await submitDisputeEvidence((await params).id, input, { id: admin.id, email: admin.email });
    return Response.json(result);
  } catch (error) {
    return errorResponse(error, "POST /api/admin/disputes/[id]/evidence");
  }
}
