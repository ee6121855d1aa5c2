// The audit trail for admins: filtered, keyset-paged, and exportable as CSV.
import type { AuditRecord } from "@/lib/audit/actions";
import { parseQuery, utcDayParam, withinDays, type QueryParams } from "@/lib/http/query";
import { z } from "zod";
import { keyset } from "@/lib/http/pagination";
import { sortParam } from "@/lib/http/sort";
import { getDb } from "@/lib/db";

const day = utcDayParam.optional();

export const auditFiltersSchema = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(200).optional(),
  targetId: z.string().trim().max(200).optional(),
  from: day,
  to: day,
  sort: sortParam(["createdAt"]).optional(),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const parseAuditFilters = (params: QueryParams): AuditFilters => parseQuery(auditFiltersSchema, params);

function auditWhere(filters: AuditFilters) {
  const and: object[] = [];
  if (filters.action) and.push({ action: filters.action });
  if (filters.actor) and.push({ actorEmail: filters.actor.toLowerCase() });
  if (filters.targetId) and.push({ targetId: filters.targetId });
  const created = withinDays(filters.from, filters.to);
  if (created) and.push({ createdAt: created });
  return { AND: and };
}

/** An audit row as JSON: the stored record with its time as an ISO string. */
export type AuditRow = Omit<AuditRecord, "createdAt"> & { createdAt: string };

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(filters: AuditFilters, cursor: string | null = null, limit = AUDIT_PAGE_SIZE): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const keys = keyset(cursor, limit, filters.sort ?? "createdAt");
  const page = keys.page(await getDb().auditLog.findMany({ where: { AND: [auditWhere(filters), keys.where] }, orderBy: keys.orderBy, take: keys.take }));
  return { rows: page.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), nextCursor: page.nextCursor };
}

export async function* allAudit(filters: AuditFilters, batchSize = 500): AsyncGenerator<AuditRow[]> {
  let cursor: string | null = null;
  do {
    const page = await listAudit(filters, cursor, batchSize);
    if (page.rows.length) yield page.rows;
    cursor = page.nextCursor;
  } while (cursor);
}

export const AUDIT_CSV_HEADER = ["created", "actor_email", "actor_id", "action", "target_type", "target_id", "stripe_request_id", "details"];
export const auditCsvValues = (r: AuditRow): unknown[] => [r.createdAt, r.actorEmail, r.actorId, r.action, r.targetType, r.targetId, r.stripeRequestId, r.details];

export async function auditActions(): Promise<string[]> {
  const rows = await getDb().auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" }, take: 100 });
  return rows.map((r) => r.action);
}
