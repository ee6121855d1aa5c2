import { getDashboard, parseDashboardQuery } from "@/lib/reports/dashboard";
import { requireAdmin } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

// GET /api/admin/dashboard?period=7|30|90
export async function GET(request: Request): Promise<Response> {
  try {
    await requireAdmin(request);
    const period = parseDashboardQuery(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json(await getDashboard(period), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/admin/dashboard");
  }
}
