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

export function createDb(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Db {
  if (isPostgresUrl(url)) {
    // Same models, separately generated class: structurally identical API.
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url }) });
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
