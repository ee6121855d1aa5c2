import { csvResponse } from "@/lib/http/csv";
import { route } from "@/lib/http/route";
import { allAudit, AUDIT_CSV_HEADER, auditCsvValues, auditFiltersSchema } from "@/lib/audit/queries";

export const dynamic = "force-dynamic";

export const GET = route({ name: "GET /api/admin/audit/export", auth: "admin", query: auditFiltersSchema }, async ({ query }) =>
  csvResponse(`audit-${new Date().toISOString().slice(0, 10)}.csv`, AUDIT_CSV_HEADER, async function* () {
    for await (const rows of allAudit(query)) yield rows.map(auditCsvValues);
  }),
);
