// The StripeEvent ledger for admins: the list, one event, and webhook health.
import { parseQuery, type QueryParams } from "@/lib/http/query";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { keyset } from "@/lib/http/pagination";

export const EVENT_STATUSES = ["received", "processed", "failed", "ignored"] as const;

export const eventFiltersSchema = z.object({
  type: z.string().trim().max(100).regex(/^[a-z0-9_.]+$/, "Event types look like charge.refunded.").optional(),
  status: z.enum(EVENT_STATUSES, { error: "Unknown status filter." }).optional(),
  q: z.string().trim().max(200).optional(),
});
export type EventFilters = z.infer<typeof eventFiltersSchema>;

export const parseEventFilters = (params: QueryParams): EventFilters => parseQuery(eventFiltersSchema, params);

export type EventRow = {
  id: string;
  type: string;
  objectId: string | null;
  created: string;
  receivedAt: string;
  status: string;
  attempts: number;
  handlerMs: number | null;
  lastError: string | null;
  handledAt: string | null;
};

export const EVENTS_PAGE_SIZE = 50;

export async function listStripeEvents(filters: EventFilters, cursorValue: string | null = null, limit = EVENTS_PAGE_SIZE): Promise<{ rows: EventRow[]; nextCursor: string | null }> {
  const keys = keyset(cursorValue, limit, "receivedAt");
  const and: object[] = [keys.where];
  if (filters.type) and.push({ type: filters.type });
  if (filters.status) and.push({ status: filters.status });
  if (filters.q) and.push(filters.q.startsWith("evt_") ? { id: filters.q } : { objectId: filters.q });
  const page = keys.page(
    await getDb().stripeEvent.findMany({
      where: { AND: and },
      orderBy: keys.orderBy,
      take: keys.take,
      select: { id: true, type: true, objectId: true, created: true, receivedAt: true, status: true, attempts: true, handlerMs: true, lastError: true, handledAt: true },
    }),
  );
  return {
    rows: page.rows.map((r) => ({
      ...r,
      created: new Date(r.created * 1000).toISOString(),
      receivedAt: r.receivedAt.toISOString(),
      handledAt: r.handledAt?.toISOString() ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}

export async function getStripeEvent(id: string): Promise<(EventRow & { payload: string }) | null> {
  const r = await getDb().stripeEvent.findUnique({ where: { id } });
  if (!r) return null;
  let payload = r.payload;
  try {
    payload = JSON.stringify(JSON.parse(r.payload), null, 2);
  } catch {
    // keep the raw text: it is what Stripe sent
  }
  return {
    id: r.id,
    type: r.type,
    objectId: r.objectId,
    created: new Date(r.created * 1000).toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    status: r.status,
    attempts: r.attempts,
    handlerMs: r.handlerMs,
    lastError: r.lastError,
    handledAt: r.handledAt?.toISOString() ?? null,
    payload,
  };
}

export type WebhookHealth = {
  /** now − Stripe's `created` of the newest event, in seconds (null when none). */
  lagSeconds: number | null;
  /** p95 of handler time over the last hour, in ms (null without data). */
  p95HandlerMs: number | null;
  /** Events received in the last hour whose handler failed. */
  failures: number;
  /** Events received in the last hour still waiting for their handler. */
  backlog: number;
  received: number;
};

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function getWebhookHealth(now: Date = new Date()): Promise<WebhookHealth> {
  const db = getDb();
  const since = new Date(now.getTime() - 3_600_000);
  const [newest, timings, failures, backlog, received] = await Promise.all([
    db.stripeEvent.findFirst({ orderBy: { created: "desc" }, select: { created: true } }),
    db.stripeEvent.findMany({ where: { receivedAt: { gte: since }, handlerMs: { not: null } }, select: { handlerMs: true }, take: 10_000 }),
    db.stripeEvent.count({ where: { status: "failed", receivedAt: { gte: since } } }),
    db.stripeEvent.count({ where: { status: "received", receivedAt: { gte: since } } }),
    db.stripeEvent.count({ where: { receivedAt: { gte: since } } }),
  ]);
  const ms = timings.map((t) => t.handlerMs!).sort((a, b) => a - b);
  return {
    lagSeconds: newest ? Math.max(0, Math.round(now.getTime() / 1000 - newest.created)) : null,
    p95HandlerMs: percentile(ms, 95),
    failures,
    backlog,
    received,
  };
}

export async function eventTypes(): Promise<string[]> {
  // GROUP BY in the database (Prisma's `distinct` dedupes in memory); the type index answers it.
  const rows = await getDb().stripeEvent.groupBy({ by: ["type"], orderBy: { type: "asc" }, take: 200 });
  return rows.map((r) => r.type);
}
