// Runtime Prisma client. DATABASE_URL selects the provider:
//   file:…             -> SQLite via better-sqlite3 (embedded default)
//   postgres(ql)://…   -> PostgreSQL via pg
// Both clients are generated from twin schemas, so one build serves either.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";

export type Db = SqliteClient;

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export type DbTarget = { provider: "sqlite" | "postgresql"; url: string };

// On globalThis like the client itself: Next bundles lib/db.ts into several
// chunks, and a module-level map in one would not know a client made by another.
const globalForTargets = globalThis as unknown as { __payportDbTargets?: WeakMap<Db, DbTarget> };
const targets = (globalForTargets.__payportDbTargets ??= new WeakMap<Db, DbTarget>());

export function createDb(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Db {
  if (isPostgresUrl(url)) {
    // Same models, separately generated class: structurally identical API.
    const db = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
    targets.set(db, { provider: "postgresql", url });
    return db;
  }
  const db = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url }) });
  targets.set(db, { provider: "sqlite", url });
  return db;
}

/** Which database a client from createDb talks to (the live bus opens its own LISTEN connection there). */
export function dbTarget(db: Db = getDb()): DbTarget {
  const known = targets.get(db);
  if (known) return known;
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  return { provider: isPostgresUrl(url) ? "postgresql" : "sqlite", url };
}

/**
 * A prefix match in which `%` and `_` are literal characters (Prisma's
 * startsWith is a LIKE that would treat them as wildcards, so `q=%` matched
 * every row). PostgreSQL's LIKE escapes with a backslash; SQLite's, as Prisma
 * writes it, has no escape character, so there a byte-order range does it.
 */
export function prefixFilter(prefix: string, db: Db = getDb()): { startsWith: string } | { gte: string; lt: string } {
  if (!/[%_\\]/.test(prefix)) return { startsWith: prefix };
  if (targets.get(db)?.provider === "postgresql") return { startsWith: prefix.replace(/[\\%_]/g, "\\$&") };
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
