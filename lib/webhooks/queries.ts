// The StripeEvent ledger for admins: the list, one event, parked deliveries and webhook health.
import { parseQuery, type QueryParams } from "@/lib/http/query";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { keyset } from "@/lib/http/pagination";
import { sortParam } from "@/lib/http/sort";
import { LEDGER_STATUSES, WAITING_STATUSES } from "@/lib/webhooks/ledger";
import { PINNED_API_VERSION } from "@/lib/webhooks/scope";

export const EVENT_STATUSES = LEDGER_STATUSES;

export const eventFiltersSchema = z.object({
  type: z.string().trim().max(100).regex(/^[a-z0-9_.]+$/, "Event types look like charge.refunded.").optional(),
  status: z.enum(EVENT_STATUSES, { error: "Unknown status filter." }).optional(),
  q: z.string().trim().max(200).optional(),
  sort: sortParam(["receivedAt"]).optional(),
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
  /** When a worker takes it next (a retry, or the first run), null when nothing is left to do. */
  nextAttemptAt: string | null;
};

export const EVENTS_PAGE_SIZE = 50;

export async function listStripeEvents(filters: EventFilters, cursorValue: string | null = null, limit = EVENTS_PAGE_SIZE): Promise<{ rows: EventRow[]; nextCursor: string | null }> {
  const keys = keyset(cursorValue, limit, filters.sort ?? "receivedAt");
  const and: object[] = [keys.where];
  if (filters.type) and.push({ type: filters.type });
  if (filters.status) and.push({ status: filters.status });
  if (filters.q) and.push(filters.q.startsWith("evt_") ? { id: filters.q } : { objectId: filters.q });
  const page = keys.page(
    await getDb().stripeEvent.findMany({
      where: { AND: and },
      orderBy: keys.orderBy,
      take: keys.take,
      select: { id: true, type: true, objectId: true, created: true, receivedAt: true, status: true, attempts: true, handlerMs: true, lastError: true, handledAt: true, nextAttemptAt: true },
    }),
  );
  return {
    rows: page.rows.map((r) => ({
      ...r,
      created: new Date(r.created * 1000).toISOString(),
      receivedAt: r.receivedAt.toISOString(),
      handledAt: r.handledAt?.toISOString() ?? null,
      nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}

export async function getStripeEvent(id: string): Promise<(EventRow & { payload: string; otherApiVersion: string | null; pinnedApiVersion: string }) | null> {
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
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    otherApiVersion: r.otherApiVersion,
    pinnedApiVersion: PINNED_API_VERSION,
    payload,
  };
}

export type ParkedWebhookRow = { id: string; receivedAt: string; reason: string; payload: string };

/** Signed deliveries that were not events (answered 400), newest first. */
export async function listParkedWebhooks(limit = 20): Promise<ParkedWebhookRow[]> {
  const rows = await getDb().parkedWebhook.findMany({ orderBy: [{ receivedAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map((r) => ({ id: r.id, receivedAt: r.receivedAt.toISOString(), reason: r.reason, payload: r.payload.slice(0, 2000) }));
}

export type WebhookHealth = {
  /** Age in seconds of the oldest event still waiting for its first run (null when none waits). */
  lagSeconds: number | null;
  /** p95 of handler time over the last hour, in ms (null without data). */
  p95HandlerMs: number | null;
  /** Events not final yet: waiting for their first run, or for a retry. */
  backlog: number;
  /** Events whose handler failed and that will be retried. */
  failures: number;
  /** Events that failed on every attempt: only an operator's replay runs them again. */
  dead: number;
  /** Events with no row of ours to apply to (retrying, or left for reconcile). */
  unmatched: number;
  /** Events of the other mode (livemode differs from our key's): acknowledged, never applied. */
  otherMode: number;
  /** Events of a Stripe account that is not ours: acknowledged, never applied. */
  foreignAccount: number;
  /** Signed deliveries that were not events, kept for inspection. */
  parked: number;
  /** Events of the last API_VERSION_WINDOW_DAYS rendered with another API version than the pinned one (applied, but their shape may differ). */
  apiVersions: { pinned: string; other: { version: string; events: number; lastReceivedAt: string }[] };
  /** Events received in the last hour. */
  received: number;
};

export const API_VERSION_WINDOW_DAYS = 7;

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function getWebhookHealth(now: Date = new Date()): Promise<WebhookHealth> {
  const db = getDb();
  const since = new Date(now.getTime() - 3_600_000);
  const versionsSince = new Date(now.getTime() - API_VERSION_WINDOW_DAYS * 86_400_000);
  const [oldestWaiting, timings, byStatus, backlog, parked, received, versions] = await Promise.all([
    db.stripeEvent.findFirst({ where: { status: "received", receivedAt: { lte: now } }, orderBy: { receivedAt: "asc" }, select: { receivedAt: true } }),
    db.stripeEvent.findMany({ where: { receivedAt: { gte: since }, handlerMs: { not: null } }, select: { handlerMs: true }, take: 10_000 }),
    db.stripeEvent.groupBy({ by: ["status"], where: { status: { in: ["failed", "dead", "unmatched", "other_mode", "foreign_account"] } }, _count: { _all: true } }),
    db.stripeEvent.count({ where: { OR: [{ status: "received" }, { status: { in: WAITING_STATUSES }, nextAttemptAt: { not: null } }] } }),
    db.parkedWebhook.count(),
    db.stripeEvent.count({ where: { receivedAt: { gte: since } } }),
    db.stripeEvent.groupBy({
      by: ["otherApiVersion"],
      where: { otherApiVersion: { not: null }, receivedAt: { gte: versionsSince } },
      _count: { _all: true },
      _max: { receivedAt: true },
      orderBy: { otherApiVersion: "asc" },
      take: 20,
    }),
  ]);
  const ms = timings.map((t) => t.handlerMs!).sort((a, b) => a - b);
  const countOf = (status: string) => byStatus.find((g) => g.status === status)?._count._all ?? 0;
  return {
    lagSeconds: oldestWaiting ? Math.max(0, Math.round((now.getTime() - oldestWaiting.receivedAt.getTime()) / 1000)) : null,
    p95HandlerMs: percentile(ms, 95),
    backlog,
    failures: countOf("failed"),
    dead: countOf("dead"),
    unmatched: countOf("unmatched"),
    otherMode: countOf("other_mode"),
    foreignAccount: countOf("foreign_account"),
    parked,
    received,
    apiVersions: {
      pinned: PINNED_API_VERSION,
      other: versions.map((v) => ({ version: v.otherApiVersion!, events: v._count._all, lastReceivedAt: v._max.receivedAt!.toISOString() })),
    },
  };
}

export async function eventTypes(): Promise<string[]> {
  // GROUP BY in the database (Prisma's `distinct` dedupes in memory); the type index answers it.
  const rows = await getDb().stripeEvent.groupBy({ by: ["type"], orderBy: { type: "asc" }, take: 200 });
  return rows.map((r) => r.type);
}
