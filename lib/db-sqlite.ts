// The embedded SQLite database through Prisma's better-sqlite3 adapter, with
// what that adapter leaves out:
//  - Turns. The adapter runs every statement on its one connection, so a
//    statement sent while an interactive transaction was open (awaiting between
//    its statements) ran inside it: it saw uncommitted rows and was rolled back
//    with it (an acknowledged webhook event vanished with a worker's failed
//    batch). Here an open transaction holds the connection until it ends and
//    every other statement waits its turn. A statement sent to the outer client
//    from inside a transaction callback now waits for that transaction, so
//    Prisma's transaction timeout ends it with an error instead of it silently
//    joining: code in a transaction uses its `tx`.
//  - The connection itself, for work that is cheaper as synchronous
//    better-sqlite3 calls than as Prisma queries (the webhook ack's batch
//    insert), taken in a turn like any statement.
//  - WAL and synchronous=NORMAL, set when the connection opens: readers run
//    during a write, and a commit is one append to the WAL without an fsync,
//    durable when the process dies while a power cut can lose the last commits
//    (production runs on PostgreSQL). busy_timeout (better-sqlite3's `timeout`)
//    makes a writer wait for another process's write (the app and `npm run worker`).
import type Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type AdapterFactory = Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect" | "connectToShadowDb">;

const BUSY_TIMEOUT_MS = 5_000;

/** First come, first served: take() resolves to the function that passes the turn on. */
class Turns {
  private tail: Promise<void> = Promise.resolve();

  take(): Promise<() => void> {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const mine = this.tail.then(() => once(release));
    this.tail = this.tail.then(() => done);
    return mine;
  }
}

function once(fn: () => void): () => void {
  let called = false;
  return () => {
    if (!called) (called = true), fn();
  };
}

async function inTurn<T>(turns: Turns, work: () => Promise<T> | T): Promise<T> {
  const release = await turns.take();
  try {
    return await work();
  } finally {
    release();
  }
}

export type SqliteConnection = {
  /** Runs `work` on the raw connection when no transaction is open; `work` must be synchronous. */
  exclusive<T>(work: (connection: Database.Database) => T): Promise<T>;
};

/**
 * Prisma's adapter factory for `url` (file:…), plus the connection for
 * `exclusive` work once Prisma has opened it.
 */
export function sqliteAdapter(url: string): { factory: AdapterFactory; connection: () => Promise<SqliteConnection> } {
  const inner = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
  const turns = new Turns();
  let opened: (value: SqliteConnection) => void;
  const connection = new Promise<SqliteConnection>((resolve) => (opened = resolve));

  const factory: AdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connectToShadowDb: () => inner.connectToShadowDb(),
    async connect() {
      const adapter = await inner.connect();
      // The adapter's one better-sqlite3 connection (a public field, untyped).
      const raw = (adapter as unknown as { client: Database.Database }).client;
      raw.pragma("journal_mode = WAL");
      raw.pragma("synchronous = NORMAL");
      opened({ exclusive: (work) => inTurn(turns, () => work(raw)) });
      return taking(adapter, turns);
    },
  };
  return { factory, connection: () => connection };
}

/** The adapter with every statement in a turn, and a transaction holding one turn from start to end. */
function taking(adapter: Adapter, turns: Turns): Adapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    queryRaw: (query) => inTurn(turns, () => adapter.queryRaw(query)),
    executeRaw: (query) => inTurn(turns, () => adapter.executeRaw(query)),
    executeScript: (script) => inTurn(turns, () => adapter.executeScript(script)),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      const release = await turns.take();
      let tx: Transaction;
      try {
        tx = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      const end = (finish: () => Promise<void>) => async () => {
        try {
          await finish();
        } finally {
          release();
        }
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (query) => tx.queryRaw(query),
        executeRaw: (query) => tx.executeRaw(query),
        commit: end(() => tx.commit()),
        rollback: end(() => tx.rollback()),
      };
    },
  };
}
