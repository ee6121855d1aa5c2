// Runtime Prisma client. DATABASE_URL selects the provider:
//   file:…             -> SQLite via better-sqlite3 (embedded default)
//   postgres(ql)://…   -> PostgreSQL via pg
// Both clients are generated from twin schemas, so one build serves either.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import type { TransactionClient } from "./generated/sqlite/internal/prismaNamespace";

export type Db = SqliteClient;
/** The app's client or the `tx` of an interactive transaction: what a function that may run inside one takes. */
export type DbClient = Db | TransactionClient;

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export type DbProvider = "sqlite" | "postgresql";
export type DbTarget = { provider: DbProvider; url: string };

// On globalThis like the client itself: Next bundles lib/db.ts into several
// chunks (and instrumentation.ts apart from the route handlers), and a
// module-level map in one would not know a client made by another.
const globalForDbInfo = globalThis as unknown as { __payportDbInfo?: { targets: WeakMap<Db, DbTarget>; tuned: WeakMap<Db, Promise<void>> } };
const dbInfo = (globalForDbInfo.__payportDbInfo ??= { targets: new WeakMap(), tuned: new WeakMap() });
const { targets } = dbInfo;

// better-sqlite3's `timeout` is SQLite's busy_timeout: a writer waits for
// another process's write (app + `npm run worker`) instead of failing at once.
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

// Our reads are short, indexed and LIMITed (a keyset page, one day's totals):
// a parallel plan's worker start-up costs more than it saves, and on a small
// server it doubled the admin lists' and dashboard's p95 in bench/admin-queries.ts
// (payments disputed=yes 81 → 38 ms, dashboard 30 days 58 → 25 ms).
const POSTGRES_SESSION_OPTIONS = "-c max_parallel_workers_per_gather=0";

export function createDb(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Db {
  if (isPostgresUrl(url)) {
    // Same models, separately generated class: structurally identical API.
    const db = new PostgresClient({ adapter: new PrismaPg({ connectionString: url, options: POSTGRES_SESSION_OPTIONS }) }) as unknown as Db;
    targets.set(db, { provider: "postgresql", url });
    return db;
  }
  const db = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }) });
  targets.set(db, { provider: "sqlite", url });
  return db;
}

/** Which database a client from createDb talks to (the live bus and the webhook queue open their own connections there). */
export function dbTarget(db: Db = getDb()): DbTarget {
  const known = targets.get(db);
  if (known) return known;
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  return { provider: isPostgresUrl(url) ? "postgresql" : "sqlite", url };
}

export const providerOf = (db: Db): DbProvider => dbTarget(db).provider;
export const databaseUrlOf = (db: Db): string => dbTarget(db).url;

const tunedSqlite = dbInfo.tuned;

/**
 * WAL lets readers run during a write, and synchronous=NORMAL makes a commit
 * one append to the WAL without an fsync: durable when the process dies, while
 * a power cut can lose the last commits (production runs on PostgreSQL).
 * Applied once per connection.
 */
export function tuneSqlite(db: Db): Promise<void> {
  if (providerOf(db) !== "sqlite") return Promise.resolve();
  let tuned = tunedSqlite.get(db);
  if (!tuned) {
    tuned = (async () => {
      await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
      await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    })();
    tuned.catch(() => tunedSqlite.delete(db));
    tunedSqlite.set(db, tuned);
  }
  return tuned;
}

/**
 * A prefix match in which `%` and `_` are literal characters (Prisma's
 * startsWith is a LIKE that would treat them as wildcards, so `q=%` matched
 * every row). PostgreSQL's LIKE escapes with a backslash; SQLite's, as Prisma
 * writes it, has no escape character, so there a byte-order range does it.
 */
export function prefixFilter(prefix: string, db: Db = getDb()): { startsWith: string } | { gte: string; lt: string } {
  if (!/[%_\\]/.test(prefix)) return { startsWith: prefix };
  if (providerOf(db) === "postgresql") return { startsWith: prefix.replace(/[\\%_]/g, "\\$&") };
  return { gte: prefix, lt: `${prefix}\u{10FFFF}` };
}

const globalForDb = globalThis as unknown as { __payportDb?: Db };

/** Lazily created singleton (survives dev-server HMR). */
export function getDb(): Db {
  return (globalForDb.__payportDb ??= createDb());
}

/** Tests swap in their own database. */
export function setDb(db: Db | undefined): void {
  globalForDb.__payportDb = db;
}
