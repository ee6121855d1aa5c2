import { route } from "@/lib/http/route";
import { dashboardQuerySchema, getDashboard } from "@/lib/reports/dashboard";

export const dynamic = "force-dynamic";

/** GET /api/admin/dashboard?period=7|30|90 */
export const GET = route({ name: "GET /api/admin/dashboard", auth: "admin", query: dashboardQuerySchema }, async ({ query }) => getDashboard(query.period));
