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
