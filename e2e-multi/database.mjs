// Keeps one throwaway PostgreSQL database alive for the multi-instance run:
// creates it, migrates it with the real `prisma migrate deploy`, seeds the
// catalog (into the emulator and the database), answers /health, and drops the
// database when Playwright stops it (SIGTERM), after both app instances.
//   MULTI_DATABASE_URL  the database to create (its server must be reachable)
//   MULTI_DATABASE_PORT where /health answers
import { spawnSync } from "node:child_process";
import http from "node:http";
import pg from "pg";

const url = new URL(process.env.MULTI_DATABASE_URL ?? "");
const name = decodeURIComponent(url.pathname.slice(1));
if (!/^payport_multi_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to manage database ${JSON.stringify(name)}`);
const serverUrl = new URL(url);
serverUrl.pathname = "/postgres";

async function admin(sql) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function run(label, args) {
  const result = spawnSync(process.execPath, args, { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${label} exited with ${result.status}`);
}

let dropped = false;
async function drop() {
  if (dropped) return;
  dropped = true;
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((error) => console.error(`could not drop ${name}:`, error.message));
  console.log(`dropped database ${name}`);
}
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => void drop().finally(() => process.exit(0)));
}

try {
  await admin(`CREATE DATABASE "${name}"`);
  console.log(`created database ${name}`);
  run("prisma migrate deploy", ["node_modules/prisma/build/index.js", "migrate", "deploy"]);
  run("seed-catalog", ["node_modules/tsx/dist/cli.mjs", "scripts/seed-catalog.ts"]);
} catch (error) {
  console.error(error);
  await drop();
  process.exit(1);
}

http
  .createServer((req, res) => {
    res.writeHead(req.url === "/health" ? 200 : 404, { "content-type": "text/plain" });
    res.end(name);
  })
  .listen(Number(process.env.MULTI_DATABASE_PORT ?? 3296), "127.0.0.1");
