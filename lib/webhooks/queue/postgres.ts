// PostgreSQL: graphile-worker is the job queue. The ack inserts the ledger
// rows and their job in one transaction (an event is never stored without
// work to do), workers in any number of processes take jobs (graphile locks
// them; LISTEN/NOTIFY wakes them), and a cron task sweeps up ledger rows that
// are overdue (a killed worker's lease, a retry whose job was lost).
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Logger as GraphileLogger, Runner, TaskList, WorkerEvents } from "graphile-worker";
import { databaseUrlOf, type Db } from "@/lib/db";
import { drainDueStripeEvents, runStripeEventBatch } from "@/lib/webhooks/process";
import { WAITING_STATUSES } from "@/lib/webhooks/ledger";
import type { LedgerEntry, StripeEventQueueEngine } from "@/lib/webhooks/queue/engine";
import { log } from "@/lib/observability/log";

/** graphile-worker task names (the `identifier` of their jobs). */
export const STRIPE_EVENTS_TASK = "stripe-events";
export const STRIPE_EVENTS_SWEEP_TASK = "stripe-events-sweep";

// A due row this late should have been taken by its own job; only then does the sweep add one.
const SWEEP_SLACK_MS = 30_000;
const SWEEP_CRONTAB = `* * * * * ${STRIPE_EVENTS_SWEEP_TASK} ?max=1\n`;

function eventIds(payload: unknown): string[] {
  const ids = (payload as { ids?: unknown } | null)?.ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

export function postgresQueueEngine(db: Db): StripeEventQueueEngine {
  const pool = new pg.Pool({ connectionString: databaseUrlOf(db), max: 10 });
  // An idle connection cut by the server (restart, DROP DATABASE … FORCE) must not crash the process.
  pool.on("error", (error) => log.error("webhook: queue connection lost", { error }));
  // The stop functions of this process's supervised runners (startWorkers).
  const supervisors = new Set<() => Promise<void>>();
  // runOnce passes still using the pool; close() waits for them before ending it.
  const passes = new Set<Promise<unknown>>();
  let graphile: Promise<typeof import("graphile-worker")> | null = null;
  let migrated: Promise<void> | null = null;

  const lib = () => (graphile ??= import("graphile-worker"));
  const logger = async (): Promise<GraphileLogger> => {
    const { Logger } = await lib();
    return new Logger(() => (level, message) => {
      if (level === "error" || level === "warning") log.error(`webhook: graphile-worker ${level}`, { message });
    });
  };
  /** graphile-worker's own schema, installed (or upgraded) once per process. */
  const ready = () => {
    migrated ??= (async () => {
      const { runMigrations } = await lib();
      await runMigrations({ pgPool: pool, logger: await logger() });
    })();
    migrated.catch(() => (migrated = null));
    return migrated;
  };

  const addJob = (ids: string[], runAt?: Date, jobKey?: string) =>
    pool.query(`SELECT graphile_worker.add_job($1, json_build_object('ids', $2::text[]), run_at := $3::timestamptz, job_key := $4)`, [
      STRIPE_EVENTS_TASK,
      ids,
      runAt?.toISOString() ?? null,
      jobKey ?? null,
    ]);

  async function sweep(now: Date): Promise<number> {
    const overdue = await db.stripeEvent.findMany({
      where: { status: { in: WAITING_STATUSES }, nextAttemptAt: { lte: new Date(now.getTime() - SWEEP_SLACK_MS) } },
      orderBy: { created: "asc" },
      select: { id: true },
      take: 10_000,
    });
    const ids = overdue.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 100) await addJob(ids.slice(i, i + 100));
    return ids.length;
  }

  const taskList: TaskList = {
    [STRIPE_EVENTS_TASK]: async (payload) => {
      // Due events of other jobs come along, so a worker behind on its queue applies them in large batches (their own jobs then find nothing left).
      const { retries } = await runStripeEventBatch(db, { ids: eventIds(payload), alsoDue: 200 });
      // One job per retry, keyed by the event, so a later retry replaces an earlier one.
      for (const retry of retries) await addJob([retry.id], retry.at, `stripe-event:${retry.id}`);
    },
    [STRIPE_EVENTS_SWEEP_TASK]: async () => {
      await sweep(new Date());
    },
  };

  return {
    async store(entries: LedgerEntry[]) {
      await ready();
      const { sql, params } = ledgerInsert(entries, new Date());
      // One statement, so one round trip and its own transaction: the rows and, if any is new, their job commit together.
      const task = `$${params.push(STRIPE_EVENTS_TASK)}`;
      const { rows } = await pool.query<{ id: string }>(
        `WITH stored AS (${sql}),
              job AS (SELECT graphile_worker.add_job(${task}, json_build_object('ids', array_agg("id"))) FROM stored HAVING count(*) > 0)
         SELECT "id" FROM stored WHERE (SELECT count(*) FROM job) >= 0`,
        params,
      );
      return new Set(rows.map((r) => r.id));
    },
    async startWorkers(concurrency: number) {
      const { run } = await lib();
      let stopped = false;
      let runner: Runner | null = null;
      let generation = 0;
      let replacing: Promise<void> | null = null;

      const start = async () => {
        const mine = ++generation;
        const events: WorkerEvents = new EventEmitter();
        // A worker that cannot record a job's outcome (the database went away mid-job) exits for good:
        // graphile-worker does not replace it, and with all of them gone the process would sit idle
        // forever. A fresh runner takes over; the sweep re-queues the job that was cut off.
        events.on("worker:fatalError", () => {
          if (mine === generation) void replace();
        });
        const next = await run({ pgPool: pool, taskList, crontab: SWEEP_CRONTAB, concurrency, noHandleSignals: true, pollInterval: 2_000, logger: await logger(), events });
        if (stopped) await next.stop();
        else runner = next;
      };
      const replace = () =>
        (replacing ??= (async () => {
          const old = runner;
          runner = null;
          generation++;
          await old?.stop().catch(() => undefined);
          // The database may still be coming back: keep trying until a runner starts or we are stopped.
          while (!stopped) {
            try {
              await start();
              log.warn("webhook: workers restarted after a fatal worker error");
              return;
            } catch (error) {
              log.error("webhook: restarting the workers failed; retrying", { error });
              await new Promise((r) => setTimeout(r, 1_000));
            }
          }
        })().finally(() => (replacing = null)));

      await start();
      const stop = async () => {
        stopped = true;
        supervisors.delete(stop);
        await replacing;
        await runner?.stop();
        runner = null;
      };
      supervisors.add(stop);
      return stop;
    },
    async runDue() {
      const pass = (async () => {
        await ready();
        const { runOnce } = await lib();
        await runOnce({ pgPool: pool, taskList, noHandleSignals: true, logger: await logger() });
        // Anything due without a job (a replayed event's retry, an expired lease) is run here too.
        await drainDueStripeEvents(db);
      })();
      passes.add(pass);
      try {
        await pass;
      } finally {
        passes.delete(pass);
      }
    },
    sweep,
    async close() {
      await Promise.all([...supervisors].map((stop) => stop()));
      await Promise.allSettled([...passes]);
      await pool.end();
    },
  };
}

/**
 * The ack's one statement: a multi-row INSERT that skips known ids and returns
 * only the new ids. Raw SQL, because Prisma's model API compiles each query,
 * which costs more than the write itself. Every row is received and due `at`.
 */
function ledgerInsert(entries: LedgerEntry[], at: Date): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  // timestamp(3) columns hold UTC wall time, as Prisma writes them.
  const time = `(${bind(at.toISOString())}::timestamptz AT TIME ZONE 'UTC')`;
  const values = entries
    .map((e) => {
      const fields = [bind(e.id), bind(e.type), bind(e.objectId), bind(e.created), bind(e.payload)];
      return `(${fields.join(", ")}, 'received', 0, ${time}, ${time})`;
    })
    .join(", ");
  return {
    sql: `INSERT INTO "StripeEvent" ("id", "type", "objectId", "created", "payload", "status", "attempts", "receivedAt", "nextAttemptAt") VALUES ${values} ON CONFLICT ("id") DO NOTHING RETURNING "id"`,
    params,
  };
}
