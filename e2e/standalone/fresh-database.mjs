#!/usr/bin/env node
// Empties the database the standalone run uses: a PostgreSQL database is
// dropped and created again (on the server of the URL given), a SQLite file
// removed. `prisma migrate deploy` then builds it from the migrations.
import { rmSync } from "node:fs";
import pg from "pg";

const url = process.env.DATABASE_URL ?? "";
if (url.startsWith("file:")) {
  const file = url.slice("file:".length);
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
} else {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${JSON.stringify(name)}`);
  target.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}
