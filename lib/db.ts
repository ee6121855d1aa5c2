// Runtime Prisma client. DATABASE_URL selects the provider:
//   file:…             -> SQLite via better-sqlite3 (embedded default)
//   postgres(ql)://…   -> PostgreSQL via pg
// Both clients are generated from twin schemas, so one build serves either.
import { PrismaPg } from "@prisma/adapter-pg";
import { sqliteAdapter, type SqliteConnection } from "./db-sqlite";
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
const globalForDbInfo = globalThis as unknown as { __payportDbInfo?: { targets: WeakMap<Db, DbTarget>; sqlite: WeakMap<Db, () => Promise<SqliteConnection>> } };
const dbInfo = (globalForDbInfo.__payportDbInfo ??= { targets: new WeakMap(), sqlite: new WeakMap() });
const { targets } = dbInfo;

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
  const { factory, connection } = sqliteAdapter(url);
  const db = new SqliteClient({ adapter: factory });
  targets.set(db, { provider: "sqlite", url });
  dbInfo.sqlite.set(db, connection);
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

/** A SQLite client's connection for synchronous work in its own turn (lib/db-sqlite). */
export async function sqliteConnection(db: Db): Promise<SqliteConnection> {
  const connection = dbInfo.sqlite.get(db);
  if (!connection) throw new Error("Not a SQLite client made by createDb.");
  await db.$connect();
  return connection();
}

const statementCache = new WeakMap<Db, Map<string, import("better-sqlite3").Statement>>();
const CACHED_STATEMENTS = 64;

/**
 * A raw statement outside any transaction, its rows as the driver returns them.
 * On SQLite a synchronous better-sqlite3 call in its turn (lib/db-sqlite), its
 * prepared statement kept for the next time, Dates bound in Prisma's text form;
 * on PostgreSQL Prisma's $queryRawUnsafe. For hot paths whose query compilation
 * costs more than the statement (the webhook workers' claim).
 */
export async function queryRows<T>(db: Db, sql: string, params: unknown[]): Promise<T[]> {
  if (providerOf(db) === "postgresql") return db.$queryRawUnsafe<T[]>(sql, ...params);
  const connection = await sqliteConnection(db);
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  const statements = cache;
  const values = params.map((p) => (p instanceof Date ? p.toISOString().replace("Z", "+00:00") : p));
  return connection.exclusive((raw) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = raw.prepare(sql);
      if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
    }
    return statement.reader ? (statement.all(...values) as T[]) : (statement.run(...values), []);
  });
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
