// Real databases for tests: a fresh migrated SQLite file per suite, and, when
// TEST_POSTGRES_URL is set, a throwaway PostgreSQL database migrated the same
// way (dropped afterwards). Migrations are applied from the committed
// migration.sql files, so the tests also prove the migrations themselves.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDb, setDb, type Db } from "@/lib/db";
import { closeStripeEventQueue } from "@/lib/webhooks/queue";

export type DbKind = "sqlite" | "postgres";

export function migrationNames(provider: DbKind): string[] {
  const dir = path.join("prisma", provider, "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function migrationSql(provider: DbKind): string[] {
  return migrationNames(provider).map((name) => readFileSync(path.join("prisma", provider, "migrations", name, "migration.sql"), "utf8"));
}

/** Databases the database-backed suites run on: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set. */
export function testDatabases(): DbKind[] {
  return process.env.TEST_POSTGRES_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

export type TestDatabase = { kind: DbKind; url: string; db: Db; drop: () => Promise<void> };

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "payport-test-"));
    const file = path.join(dir, "test.db");
    const sqlite = new Database(file);
    for (const sql of migrationSql("sqlite")) sqlite.exec(sql);
    sqlite.close();
    const url = `file:${file}`;
    const db = createDb(url);
    return { kind, url, db, drop: async () => { await closeStripeEventQueue(db); await db.$disconnect(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error("TEST_POSTGRES_URL is not set");
  const name = `payport_test_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  for (const sql of migrationSql("postgres")) await client.query(sql);
  await client.end();
  const db = createDb(url.toString());
  return {
    kind,
    url: url.toString(),
    db,
    drop: async () => {
      await closeStripeEventQueue(db);
      await db.$disconnect();
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** Registers hooks giving the current describe block its own database, installed as the app's getDb(). */
export function useTestDatabase(kind: DbKind): { readonly db: Db; readonly url: string } {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase(kind);
    setDb(current.db);
  }, 60_000);
  // Dropping a PostgreSQL database waits for its connections to close, which takes a while on a busy machine.
  afterAll(async () => {
    setDb(undefined);
    await current?.drop();
  }, 60_000);
  return {
    get db() {
      if (!current) throw new Error("test database not ready");
      return current.db;
    },
    get url() {
      if (!current) throw new Error("test database not ready");
      return current.url;
    },
  };
}
