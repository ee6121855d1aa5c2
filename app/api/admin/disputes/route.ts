import { requireAdmin } from "@/lib/auth/session";
import { listDisputes } from "@/lib/disputes/queries";
import { errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

// GET /api/admin/disputes?status=open|<stripe status>&cursor=<id>
export async function GET(request: Request): Promise<Response> {
  try {
    await requireAdmin(request);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    return Response.json(await listDisputes(params), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/admin/disputes");
  }
}
