import { csvResponse } from "@/lib/http/pagination";
import { adminRoute } from "@/lib/admin/route";
import { allAudit, AUDIT_CSV_HEADER, auditCsvValues, parseAuditFilters } from "@/lib/audit/queries";

export const dynamic = "force-dynamic";

export const GET = adminRoute("GET /api/admin/audit/export", async (request) => {
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  return csvResponse(`audit-${new Date().toISOString().slice(0, 10)}.csv`, AUDIT_CSV_HEADER, async function* () {
    for await (const rows of allAudit(filters)) yield rows.map(auditCsvValues);
  });
});
