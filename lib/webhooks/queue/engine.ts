// What a queue engine provides. Two implementations: PostgreSQL on
// graphile-worker (lib/webhooks/queue/postgres.ts) and an in-process worker on
// SQLite (lib/webhooks/queue/sqlite.ts). The ledger work they run is shared
// (lib/webhooks/process.ts).

/** A verified event, as the ack path stores it. */
export type LedgerEntry = { id: string; type: string; objectId: string | null; created: number; payload: string };

export interface StripeEventQueueEngine {
  /**
   * Inserts the rows in one transaction (an id already stored is skipped) and
   * makes sure work exists for each new one: on PostgreSQL a job in the same
   * transaction, on SQLite a wake-up after the commit. Returns the new ids.
   */
  store(entries: LedgerEntry[]): Promise<Set<string>>;
  /** Starts workers in this process; resolves to a function that stops them. */
  startWorkers(concurrency: number): Promise<() => Promise<void>>;
  /** Runs every event due now, through the engine's own path, until none is. */
  runDue(): Promise<void>;
  /** Schedules waiting events whose time has passed (a killed worker's lease, a lost wake-up). */
  sweep(now: Date): Promise<number>;
  /** Stops workers and closes connections this engine opened. */
  close(): Promise<void>;
}

/**
 * The ack's one statement: a multi-row INSERT that skips known ids and returns
 * only the new ids. Raw SQL, because Prisma's model API compiles each query,
 * which costs more than the write itself. Every row is received and due `at`.
 */
export function ledgerInsert(entries: LedgerEntry[], dialect: "sqlite" | "postgres", at: Date): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown) => (dialect === "sqlite" ? (params.push(value), "?") : `$${params.push(value)}`);
  // PostgreSQL's timestamp(3) columns hold UTC wall time (as Prisma writes them); SQLite's hold Prisma's text form.
  const time = dialect === "postgres" ? `(${bind(at.toISOString())}::timestamptz AT TIME ZONE 'UTC')` : null;
  const values = entries
    .map((e) => {
      const fields = [bind(e.id), bind(e.type), bind(e.objectId), bind(e.created), bind(e.payload)];
      const stamp = () => time ?? bind(at);
      return `(${fields.join(", ")}, 'received', 0, ${stamp()}, ${stamp()})`;
    })
    .join(", ");
  return {
    sql: `INSERT INTO "StripeEvent" ("id", "type", "objectId", "created", "payload", "status", "attempts", "receivedAt", "nextAttemptAt") VALUES ${values} ON CONFLICT ("id") DO NOTHING RETURNING "id"`,
    params,
  };
}
