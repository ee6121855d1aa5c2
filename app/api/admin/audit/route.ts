import { withCursor } from "@/lib/http/pagination";
import { route } from "@/lib/http/route";
import { auditFiltersSchema, listAudit } from "@/lib/audit/queries";

export const dynamic = "force-dynamic";

export const GET = route({ name: "GET /api/admin/audit", auth: "admin", query: withCursor(auditFiltersSchema) }, async ({ query: { cursor, ...filters } }) =>
  listAudit(filters, cursor ?? null),
);
