// The work behind the ack: take due ledger rows, run their handlers in the
// order Stripe created them, and stamp each row with its outcome and, for a
// retry, when it is due again. Shared by every queue engine (lib/webhooks/queue)
// and by the admin's replay.
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { isUnmatched } from "@/lib/stripe/types";
import { handlerFor } from "@/lib/webhooks/handlers";
import { log } from "@/lib/observability/log";
import { retryDelayMs, WAITING_STATUSES, webhookQueueSettings, type LedgerStatus, type WebhookQueueSettings } from "@/lib/webhooks/ledger";

export type ProcessOutcome =
  | { status: "processed"; handlerMs: number }
  | { status: "ignored" }
  | { status: "unmatched"; handlerMs: number; reason: string }
  | { status: "failed"; handlerMs: number; error: string };

/** Runs an event's handler and says what happened; writes nothing to the ledger. */
export async function runHandler(event: Stripe.Event): Promise<ProcessOutcome> {
  const handler = handlerFor(event);
  if (!handler) return { status: "ignored" };
  const started = performance.now();
  try {
    const result = await handler(event);
    const handlerMs = Math.round(performance.now() - started);
    if (isUnmatched(result)) return { status: "unmatched", handlerMs, reason: result.reason };
    return { status: "processed", handlerMs };
  } catch (error) {
    const handlerMs = Math.round(performance.now() - started);
    log.error("webhook handler failed", { eventId: event.id, eventType: event.type, handlerMs, error });
    return { status: "failed", handlerMs, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

type LedgerRow = { id: string; payload: string; attempts: number; created: number };

/** What a batch left to do later: the retries, so an engine can schedule them. */
export type BatchResult = { processed: number; retries: { id: string; at: Date }[] };

/**
 * Writes one outcome. `lease` (the claim's nextAttemptAt) makes the write
 * conditional: if the lease ran out and another worker took the event, the
 * later run's outcome stands. Returns when the event is due again, if at all.
 */
async function recordOutcome(db: Db, row: LedgerRow, outcome: ProcessOutcome, now: Date, lease: Date | null, settings: WebhookQueueSettings): Promise<Date | null> {
  const where = lease ? { id: row.id, nextAttemptAt: lease } : { id: row.id };
  if (outcome.status === "ignored") {
    await db.stripeEvent.updateMany({ where, data: { status: "ignored", handledAt: now, nextAttemptAt: null } });
    return null;
  }
  const attempts = row.attempts + 1;
  if (outcome.status === "processed") {
    await db.stripeEvent.updateMany({ where, data: { status: "processed", attempts, lastError: null, handlerMs: outcome.handlerMs, handledAt: now, nextAttemptAt: null } });
    return null;
  }
  const exhausted = attempts >= settings.maxAttempts;
  const nextAttemptAt = exhausted ? null : new Date(now.getTime() + retryDelayMs(attempts, settings));
  // Unmatched after N stays unmatched (reconcile's to repair); failed after N is dead.
  const status: LedgerStatus = outcome.status === "failed" && exhausted ? "dead" : outcome.status;
  const lastError = outcome.status === "failed" ? outcome.error : outcome.reason;
  await db.stripeEvent.updateMany({ where, data: { status, attempts, lastError: lastError.slice(0, 2000), handlerMs: outcome.handlerMs, nextAttemptAt } });
  return nextAttemptAt;
}

/**
 * Takes the given events if they are due (or, without ids, the oldest due
 * ones, up to `limit`), holding each for the lease. A conditional UPDATE, so
 * of two workers asking for the same event only one gets it.
 */
export async function claimStripeEvents(db: Db, { ids, now, limit = 100, settings = webhookQueueSettings() }: { ids?: string[]; now: Date; limit?: number; settings?: WebhookQueueSettings }): Promise<{ rows: LedgerRow[]; lease: Date }> {
  const due = { status: { in: WAITING_STATUSES }, nextAttemptAt: { lte: now } };
  const candidates = ids ?? (await db.stripeEvent.findMany({ where: due, orderBy: [{ created: "asc" }, { id: "asc" }], take: limit, select: { id: true } })).map((r) => r.id);
  const lease = new Date(now.getTime() + settings.leaseMs);
  if (candidates.length === 0) return { rows: [], lease };
  const rows = await db.stripeEvent.updateManyAndReturn({
    where: { id: { in: candidates }, ...due },
    data: { nextAttemptAt: lease },
    select: { id: true, payload: true, attempts: true, created: true },
  });
  return { rows, lease };
}

/** Claims the given (or the oldest due) events, runs them in Stripe's `created` order and records each outcome. */
export async function runStripeEventBatch(db: Db, options: { ids?: string[]; now?: Date; limit?: number } = {}): Promise<BatchResult> {
  const settings = webhookQueueSettings();
  const now = options.now ?? new Date();
  const { rows, lease } = await claimStripeEvents(db, { ...options, now, settings });
  rows.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  const retries: BatchResult["retries"] = [];
  for (const row of rows) {
    const outcome = await runHandler(JSON.parse(row.payload) as Stripe.Event);
    // Outcomes are stamped with the batch's clock, so a settled test clock stays consistent.
    const at = await recordOutcome(db, row, outcome, options.now ?? new Date(), lease, settings);
    if (at) retries.push({ id: row.id, at });
  }
  return { processed: rows.length, retries };
}

/** Runs batches until nothing is due at `now`. Returns how many events ran. */
export async function drainDueStripeEvents(db: Db, now?: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { processed } = await runStripeEventBatch(db, { now });
    if (processed === 0) return total;
    total += processed;
  }
}

/** When the next waiting event is due (null: none is). */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const next = await db.stripeEvent.findFirst({
    where: { status: { in: WAITING_STATUSES }, nextAttemptAt: { not: null } },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true },
  });
  return next?.nextAttemptAt ?? null;
}

/**
 * Re-runs a stored event's handler now, whatever its state (admin "resend";
 * handlers are idempotent). A failure is retried by the workers like any
 * other, unless the event has used up its attempts.
 */
export async function replayStripeEvent(id: string, db: Db = getDb()): Promise<ProcessOutcome | null> {
  const row = await db.stripeEvent.findUnique({ where: { id }, select: { id: true, payload: true, attempts: true, created: true } });
  if (!row) return null;
  const outcome = await runHandler(JSON.parse(row.payload) as Stripe.Event);
  await recordOutcome(db, row, outcome, new Date(), null, webhookQueueSettings());
  return outcome;
}
