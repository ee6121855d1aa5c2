// SQLite (the embedded default): no job library. The ledger is the queue: a
// worker loop in this process takes due rows (lib/webhooks/process.ts), woken
// after each ack commit and by a timer for the next due retry. Another process
// on the same file (`npm run worker`) takes rows the same way; the claim is a
// conditional UPDATE, so no event runs twice.
import type Database from "better-sqlite3";
import { sqliteConnection, type Db } from "@/lib/db";
import { drainDueStripeEvents, nextDueAt } from "@/lib/webhooks/process";
import type { LedgerEntry, StripeEventQueueEngine } from "@/lib/webhooks/queue/engine";
import { log } from "@/lib/observability/log";

// Also the sweep: a lease that ran out (a killed worker) becomes due and is found here.
const IDLE_CHECK_MS = 30_000;
// A wake-up after an ack waits this long for the acks behind it: one pass then
// applies them together (fewer, larger transactions on the one connection the
// acks also write through), at the cost of a few milliseconds until applied.
const WAKE_DELAY_MS = 50;

class InProcessWorker {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** A pending wake-up after an ack (WAKE_DELAY_MS). */
  private soon: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly db: Db) {}

  /** Runs a pass now (start, timers) or, after an ack, a moment later with whatever else arrived. */
  wake(delayMs = 0): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (delayMs > 0) {
      this.soon ??= setTimeout(() => {
        this.soon = null;
        this.wake();
      }, delayMs);
      return;
    }
    if (this.soon) clearTimeout(this.soon);
    this.soon = null;
    this.again = false;
    this.running = this.loop().finally(() => {
      this.running = null;
      // Acks stored during the pass: the next one gathers them (and what follows) after the delay.
      if (this.again) this.wake(WAKE_DELAY_MS);
    });
  }

  private async loop(): Promise<void> {
    try {
      await drainDueStripeEvents(this.db, undefined, { limit: 200, stopWhenShort: true });
      const due = await nextDueAt(this.db);
      // Not sooner than the wake delay: events acked during the pass are due at once, and are gathered like any others.
      this.arm(due ? Math.max(WAKE_DELAY_MS, due.getTime() - Date.now()) : IDLE_CHECK_MS);
    } catch (error) {
      log.error("webhook: worker pass failed; retrying shortly", { error });
      this.arm(1_000);
    }
  }

  private arm(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), Math.max(0, Math.min(ms, IDLE_CHECK_MS)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.soon) clearTimeout(this.soon);
    await this.running;
  }
}

export function sqliteQueueEngine(db: Db): StripeEventQueueEngine {
  const workers = new Set<InProcessWorker>();
  return {
    async store(entries: LedgerEntry[]) {
      const connection = await sqliteConnection(db);
      const stored = await connection.exclusive((raw) => insertLedgerRows(raw, entries, new Date()));
      if (stored.size > 0) for (const worker of workers) worker.wake(WAKE_DELAY_MS);
      return stored;
    },
    async startWorkers() {
      // One loop is enough: SQLite has one writer at a time.
      const worker = new InProcessWorker(db);
      workers.add(worker);
      worker.wake();
      return async () => {
        workers.delete(worker);
        await worker.stop();
      };
    },
    async runDue() {
      await drainDueStripeEvents(db);
    },
    async sweep(now: Date) {
      return drainDueStripeEvents(db, now);
    },
    async close() {
      await Promise.all([...workers].map((w) => w.stop()));
      workers.clear();
    },
  };
}

const statements = new WeakMap<Database.Database, Database.Statement>();

/**
 * The ack's write: the rows in one transaction of synchronous better-sqlite3
 * calls (one prepared statement, no Prisma query compilation, nothing
 * returned but whether the row is new). Returns the ids stored now.
 */
function insertLedgerRows(raw: Database.Database, entries: LedgerEntry[], at: Date): Set<string> {
  let insert = statements.get(raw);
  if (!insert) {
    insert = raw.prepare(
      `INSERT INTO "StripeEvent" ("id", "type", "objectId", "created", "payload", "status", "attempts", "receivedAt", "nextAttemptAt")
       VALUES (?, ?, ?, ?, ?, 'received', 0, ?, ?) ON CONFLICT ("id") DO NOTHING`,
    );
    statements.set(raw, insert);
  }
  const statement = insert;
  // DateTime columns hold Prisma's text form (what its adapter writes for a Date).
  const time = at.toISOString().replace("Z", "+00:00");
  const stored = new Set<string>();
  raw.transaction(() => {
    for (const e of entries) if (statement.run(e.id, e.type, e.objectId, e.created, e.payload, time, time).changes > 0) stored.add(e.id);
  })();
  return stored;
}
