import { adminRoute, noStore } from "@/lib/admin/route";
import { listAudit, parseAuditFilters } from "@/lib/audit/queries";

export const dynamic = "force-dynamic";

export const GET = adminRoute("GET /api/admin/audit", async (request) => {
  const params = new URL(request.url).searchParams;
  return Response.json(await listAudit(parseAuditFilters(params), params.get("cursor")), { headers: noStore });
});
