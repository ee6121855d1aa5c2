// The work behind the ack: take due ledger rows, run their handlers in the
// order Stripe created them, and stamp each row with its outcome and, for a
// retry, when it is due again. Shared by every queue engine (lib/webhooks/queue)
// and by the admin's replay.
//
// Event types with a batch handler (payment_intent.*) are applied together: a
// run of them in the batch goes through the handler in one transaction with
// its outcomes, one UPDATE per outcome kind. Everything else, and a run whose
// transaction fails, goes one event at a time.
//
// Before any handler, each event is screened (lib/webhooks/scope.ts): one of
// the other mode (livemode) or of an account that is not ours is recorded as
// such and never applied. An event rendered with another API version than the
// pinned one is applied but flagged (otherApiVersion) for the admin's health panel.
import type Stripe from "stripe";
import { getDb, providerOf, queryRows, type Db, type DbClient } from "@/lib/db";
import { missingPermissionFields } from "@/lib/stripe/permissions";
import { isUnmatched } from "@/lib/stripe/types";
import { batchHandlerFor, handlerFor } from "@/lib/webhooks/handlers";
import type { HandlerResult, StripeEventBatchHandler } from "@/lib/webhooks/handlers/types";
import { wakeMailer } from "@/lib/mail/wake";
import { log } from "@/lib/observability/log";
import { eventScope, otherApiVersionOf } from "@/lib/webhooks/scope";
import { retryDelayMs, WAITING_STATUSES, webhookQueueSettings, type LedgerStatus, type WebhookQueueSettings } from "@/lib/webhooks/ledger";

export type ProcessOutcome =
  | { status: "processed"; handlerMs: number }
  | { status: "ignored" }
  | { status: "other_mode" }
  | { status: "foreign_account" }
  | { status: "unmatched"; handlerMs: number; reason: string }
  | { status: "failed"; handlerMs: number; error: string };

/** Screens the event, then runs its handler if it is ours; says what happened and writes nothing to the ledger. */
export async function processEvent(event: Stripe.Event): Promise<ProcessOutcome> {
  return (await outOfScope(event)) ?? runHandler(event);
}

/** The outcome of an event that must not be applied (other mode, foreign account), or null when it is ours. */
async function outOfScope(event: Stripe.Event): Promise<ProcessOutcome | null> {
  try {
    const scope = await eventScope(event);
    return scope === "ours" ? null : { status: scope };
  } catch (error) {
    // Only an account-scoped event can get here (learning our account id from Stripe failed): retried like a failed handler.
    log.error("webhook: could not tell whether the event's account is ours", { eventId: event.id, account: event.account, error });
    return { status: "failed", handlerMs: 0, error: `Could not tell whether account ${event.account} is ours: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Runs an event's handler and says what happened; writes nothing to the ledger. */
async function runHandler(event: Stripe.Event): Promise<ProcessOutcome> {
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
    log.error("webhook handler failed", { eventId: event.id, eventType: event.type, handlerMs, ...missingPermissionFields(error), error });
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
async function recordOutcome(db: DbClient, row: LedgerRow, outcome: ProcessOutcome, now: Date, lease: Date | null, settings: WebhookQueueSettings): Promise<Date | null> {
  const where = lease ? { id: row.id, nextAttemptAt: lease } : { id: row.id };
  if (outcome.status === "ignored" || outcome.status === "other_mode" || outcome.status === "foreign_account") {
    await db.stripeEvent.updateMany({ where, data: { status: outcome.status, handledAt: now, nextAttemptAt: null } });
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
 * of two workers asking for the same event only one gets it. `alsoDue` takes
 * that many of the oldest other due events along with the given ones (a
 * worker catching up takes more than its own job's events at once).
 * Raw SQL: one statement, no query compilation, only the columns the worker reads.
 */
export async function claimStripeEvents(
  db: Db,
  { ids, now, limit = 100, alsoDue = 0, settings = webhookQueueSettings() }: { ids?: string[]; now: Date; limit?: number; alsoDue?: number; settings?: WebhookQueueSettings },
): Promise<{ rows: LedgerRow[]; lease: Date }> {
  const lease = new Date(now.getTime() + settings.leaseMs);
  if (ids && ids.length === 0 && alsoDue === 0) return { rows: [], lease };
  const postgres = providerOf(db) === "postgresql";
  const params: unknown[] = [];
  // SQLite's `?` are filled in textual order: each piece below binds as it is written, left to right.
  const bind = (value: unknown) => (postgres ? `$${params.push(value)}` : (params.push(value), "?"));
  // PostgreSQL's timestamp(3) columns hold UTC wall time, as Prisma writes them; SQLite's hold Prisma's text form.
  const time = (at: Date) => (postgres ? `(${bind(at.toISOString())}::timestamptz AT TIME ZONE 'UTC')` : bind(at));
  const due = () => `"status" IN (${WAITING_STATUSES.map((s) => `'${s}'`).join(", ")}) AND "nextAttemptAt" <= ${time(now)}`;
  // Another worker's claim in progress is skipped, not waited for (PostgreSQL); SQLite has one writer anyway.
  const oldest = (n: number) => `SELECT "id" FROM "StripeEvent" WHERE ${due()} ORDER BY "created", "id" LIMIT ${Math.floor(n)}${postgres ? " FOR UPDATE SKIP LOCKED" : ""}`;
  const extra = ids ? alsoDue : limit;
  let sql = `UPDATE "StripeEvent" SET "nextAttemptAt" = ${time(lease)} WHERE (`;
  if (ids?.length) sql += `"id" IN (${ids.map((id) => bind(id)).join(", ")})${extra > 0 ? " OR " : ""}`;
  if (extra > 0) sql += `"id" IN (${oldest(extra)})`;
  sql += `) AND ${due()} RETURNING "id", "payload", "attempts", "created"`;
  const rows = await queryRows<LedgerRow>(db, sql, params);
  return { rows: rows.map((r) => ({ ...r, attempts: Number(r.attempts), created: Number(r.created) })), lease };
}

type ParsedRow = { row: LedgerRow; event: Stripe.Event };

/** Claims the given (or the oldest due) events, runs them in Stripe's `created` order and records each outcome. */
export async function runStripeEventBatch(db: Db, options: { ids?: string[]; now?: Date; limit?: number; alsoDue?: number } = {}): Promise<BatchResult> {
  const settings = webhookQueueSettings();
  const now = options.now ?? new Date();
  const { rows, lease } = await claimStripeEvents(db, { ...options, now, settings });
  rows.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  const retries: BatchResult["retries"] = [];
  const all: ParsedRow[] = rows.map((row) => ({ row, event: JSON.parse(row.payload) as Stripe.Event }));
  await flagOtherApiVersions(db, all);
  const parsed: ParsedRow[] = [];
  for (const r of all) {
    const outcome = await outOfScope(r.event);
    if (!outcome) {
      parsed.push(r);
      continue;
    }
    const retryAt = await recordOutcome(db, r.row, outcome, options.now ?? new Date(), lease, settings);
    if (retryAt) retries.push({ id: r.row.id, at: retryAt });
  }
  for (let i = 0; i < parsed.length; ) {
    const batch = batchHandlerFor(parsed[i].event);
    let j = i + 1;
    while (batch && j < parsed.length && batchHandlerFor(parsed[j].event) === batch) j++;
    const run = parsed.slice(i, j);
    i = j;
    // Outcomes are stamped with the batch's clock, so a settled test clock stays consistent.
    const at = options.now ?? new Date();
    if (batch && run.length > 1) {
      const applied = await applyRun(db, batch, run, at, lease, settings).catch((error: unknown) => {
        log.error("webhook batch failed; applying its events one by one", { events: run.length, error });
        return null;
      });
      if (applied) {
        retries.push(...applied);
        continue;
      }
    }
    for (const { row, event } of run) {
      const outcome = await runHandler(event);
      const retryAt = await recordOutcome(db, row, outcome, options.now ?? new Date(), lease, settings);
      if (retryAt) retries.push({ id: row.id, at: retryAt });
    }
  }
  // Messages the handlers wrote have committed now.
  if (rows.length) wakeMailer();
  return { processed: rows.length, retries };
}

/**
 * A run of events through their batch handler, in one transaction with their
 * outcomes: processed ones with one UPDATE, the rest (rare) one by one.
 */
async function applyRun(db: Db, handler: StripeEventBatchHandler, run: ParsedRow[], now: Date, lease: Date, settings: WebhookQueueSettings): Promise<BatchResult["retries"]> {
  return db.$transaction(
    async (tx) => {
      const started = performance.now();
      const results = await handler(
        run.map((r) => r.event),
        db,
        tx,
      );
      // The run's time, shared out: the ledger keeps a per-event figure.
      const handlerMs = Math.round((performance.now() - started) / run.length);
      const processed: string[] = [];
      const retries: BatchResult["retries"] = [];
      for (let k = 0; k < run.length; k++) {
        const outcome = outcomeOf(run[k].event, results[k], handlerMs);
        if (outcome.status === "processed") processed.push(run[k].row.id);
        else {
          const retryAt = await recordOutcome(tx, run[k].row, outcome, now, lease, settings);
          if (retryAt) retries.push({ id: run[k].row.id, at: retryAt });
        }
      }
      if (processed.length) await recordProcessed(db, tx, processed, handlerMs, now, lease);
      return retries;
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

function outcomeOf(event: Stripe.Event, result: HandlerResult | Error, handlerMs: number): ProcessOutcome {
  if (result instanceof Error) {
    log.error("webhook handler failed", { eventId: event.id, eventType: event.type, handlerMs, ...missingPermissionFields(result), error: result });
    return { status: "failed", handlerMs, error: `${result.name}: ${result.message}` };
  }
  if (isUnmatched(result)) return { status: "unmatched", handlerMs, reason: result.reason };
  return { status: "processed", handlerMs };
}

/** recordOutcome's "processed" for many rows in one statement (each still only under its lease). */
async function recordProcessed(db: Db, tx: DbClient, ids: string[], handlerMs: number, now: Date, lease: Date): Promise<void> {
  const postgres = providerOf(db) === "postgresql";
  const params: unknown[] = [];
  const bind = (value: unknown) => (postgres ? `$${params.push(value)}` : (params.push(value), "?"));
  const time = (at: Date) => (postgres ? `(${bind(at.toISOString())}::timestamptz AT TIME ZONE 'UTC')` : bind(at));
  await tx.$executeRawUnsafe(
    `UPDATE "StripeEvent" SET "status" = 'processed', "attempts" = "attempts" + 1, "lastError" = NULL, "handlerMs" = ${bind(handlerMs)}, "handledAt" = ${time(now)}, "nextAttemptAt" = NULL
     WHERE "id" IN (${ids.map((id) => bind(id)).join(", ")}) AND "nextAttemptAt" = ${time(lease)}`,
    ...params,
  );
}

/** Marks the events rendered with another API version than the pinned one: one UPDATE per such version, none in the usual case. */
async function flagOtherApiVersions(db: DbClient, rows: ParsedRow[]): Promise<void> {
  const byVersion = new Map<string, string[]>();
  for (const { row, event } of rows) {
    const version = otherApiVersionOf(event);
    if (version) byVersion.set(version, [...(byVersion.get(version) ?? []), row.id]);
  }
  for (const [version, ids] of byVersion) await db.stripeEvent.updateMany({ where: { id: { in: ids } }, data: { otherApiVersion: version } });
}

/** Runs batches until nothing is due at `now`. Returns how many events ran. */
export async function drainDueStripeEvents(db: Db, now?: Date, { limit = 100, stopWhenShort = false }: { limit?: number; stopWhenShort?: boolean } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const { processed } = await runStripeEventBatch(db, { now, limit });
    total += processed;
    // A short batch took everything that was due when it claimed: a caller that is woken by new work and re-checks when retries are due can stop here, without one more (empty) claim.
    if (processed === 0 || (stopWhenShort && processed < limit)) return total;
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
 * handlers are idempotent). Screened like any run: an event of the other mode
 * or a foreign account is never applied, replayed or not. A failure is
 * retried by the workers like any other, unless the event has used up its attempts.
 */
export async function replayStripeEvent(id: string, db: Db = getDb()): Promise<ProcessOutcome | null> {
  const row = await db.stripeEvent.findUnique({ where: { id }, select: { id: true, payload: true, attempts: true, created: true } });
  if (!row) return null;
  const event = JSON.parse(row.payload) as Stripe.Event;
  await flagOtherApiVersions(db, [{ row, event }]);
  const outcome = await processEvent(event);
  await recordOutcome(db, row, outcome, new Date(), null, webhookQueueSettings());
  return outcome;
}
