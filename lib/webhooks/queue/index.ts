// The webhook queue's public face. The ack path calls acknowledgeStripeEvent;
// instrumentation.ts and `npm run worker` call startStripeEventWorkers; tests
// and scripts call settleStripeEvents. The engine (PostgreSQL + graphile-worker,
// or SQLite + an in-process worker) follows the database client.
import { getDb, providerOf, type Db } from "@/lib/db";
import { webhookQueueSettings } from "@/lib/webhooks/ledger";
import { drainDueStripeEvents, nextDueAt } from "@/lib/webhooks/process";
import { createGroupCommit } from "@/lib/webhooks/queue/group-commit";
import type { LedgerEntry, StripeEventQueueEngine } from "@/lib/webhooks/queue/engine";
import { postgresQueueEngine } from "@/lib/webhooks/queue/postgres";
import { sqliteQueueEngine } from "@/lib/webhooks/queue/sqlite";

export type { LedgerEntry } from "@/lib/webhooks/queue/engine";
export type StoreResult = "stored" | "duplicate";

type Queue = { engine: StripeEventQueueEngine; ack: (entry: LedgerEntry) => Promise<StoreResult>; closed: boolean };

// One queue per database client in the process, on globalThis: Next bundles
// instrumentation.ts (which starts the workers) apart from the route handlers
// (which wake them), and each bundle has its own module instances.
const globalForQueues = globalThis as unknown as { __payportStripeEventQueues?: WeakMap<Db, Queue> };
const queues = (globalForQueues.__payportStripeEventQueues ??= new WeakMap<Db, Queue>());

function queueFor(db: Db): Queue {
  let queue = queues.get(db);
  if (!queue) {
    const engine = providerOf(db) === "postgresql" ? postgresQueueEngine(db) : sqliteQueueEngine(db);
    const group = createGroupCommit<LedgerEntry, StoreResult>({
      // SQLite has one writer: batches go one after another. PostgreSQL takes a few at once.
      maxConcurrent: providerOf(db) === "postgresql" ? 4 : 1,
      flush: async (entries) => {
        const firstIndex = new Map<string, number>();
        entries.forEach((e, i) => firstIndex.has(e.id) || firstIndex.set(e.id, i));
        const stored = await engine.store(entries.filter((e, i) => firstIndex.get(e.id) === i));
        // Two copies in one batch: the first is stored, the second is its duplicate.
        return entries.map((e, i) => (firstIndex.get(e.id) === i && stored.has(e.id) ? "stored" : "duplicate"));
      },
    });
    queue = { engine, ack: (entry) => group.add(entry), closed: false };
    queues.set(db, queue);
  }
  return queue;
}

/**
 * Stores a verified event in the ledger, grouped with concurrent deliveries
 * into one write, and resolves once that write committed (with its job on
 * PostgreSQL). "duplicate": the id was already stored. Rejects when the
 * database is unavailable; nothing was acknowledged then.
 */
export async function acknowledgeStripeEvent(entry: LedgerEntry, db: Db = getDb()): Promise<StoreResult> {
  const queue = queueFor(db);
  if (queue.closed) throw new Error("The webhook queue of this database is closed.");
  return queue.ack(entry);
}

export type StripeEventWorkers = { stop: () => Promise<void> };

/**
 * Starts this process's workers (PAYPORT_WEBHOOK_WORKERS of them on
 * PostgreSQL, where more processes may run their own; one loop on SQLite).
 */
export async function startStripeEventWorkers({ concurrency, db = getDb() }: { concurrency?: number; db?: Db } = {}): Promise<StripeEventWorkers> {
  const stop = await queueFor(db).engine.startWorkers(Math.max(1, concurrency ?? webhookQueueSettings().workers));
  return { stop };
}

/**
 * Runs the workers' work until nothing is due: every stored event gets its
 * outcome. With `retries`, time is stepped forward to each scheduled retry as
 * well, until every event is final (processed, ignored, dead, or unmatched with
 * its attempts used up). For tests and scripts; the workers do this by themselves.
 */
export async function settleStripeEvents({ retries = false, db = getDb() }: { retries?: boolean; db?: Db } = {}): Promise<void> {
  const queue = queueFor(db);
  if (queue.closed) return;
  await queue.engine.runDue();
  if (!retries) return;
  for (let step = 0; step < 10_000; step++) {
    const due = await nextDueAt(db);
    if (!due) return;
    await drainDueStripeEvents(db, new Date(Math.max(due.getTime(), Date.now())));
  }
  throw new Error("settleStripeEvents: events kept becoming due");
}

/** Schedules (PostgreSQL) or runs (SQLite) waiting events whose time has come; returns how many. */
export function sweepStripeEvents(now: Date = new Date(), db: Db = getDb()): Promise<number> {
  return queueFor(db).engine.sweep(now);
}

/** Stops the workers and closes the connections of `db`'s queue (tests, shutdown). */
export async function closeStripeEventQueue(db: Db = getDb()): Promise<void> {
  const queue = queues.get(db);
  if (!queue || queue.closed) return;
  queue.closed = true;
  await queue.engine.close();
}
