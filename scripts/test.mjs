#!/usr/bin/env node
// `npm test`: every test, the same way on a laptop and in CI.
//   type-check → Vitest (SQLite, and PostgreSQL when reachable) → next build → secret scan → Playwright
//   → Playwright on the standalone server (playwright.standalone.config.ts)
//   → Playwright across two app instances on one PostgreSQL (when reachable)
// It installs Debian's chromium when missing (as root) and prints one
// closing "N passed, N failed" line summing both runners.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { bin, runNode } from "./lib/processes.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const onlyUnit = process.argv.includes("--unit");
const reports = ".test-results";
mkdirSync(reports, { recursive: true });
// Counted only when this run wrote it (the step is skipped without PostgreSQL).
for (const name of ["playwright", "playwright-standalone", "playwright-multi"]) rmSync(`${reports}/${name}.json`, { force: true });

function canConnect(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => { socket.end(); resolve(true); });
    socket.on("error", () => resolve(false));
    socket.setTimeout(1000, () => { socket.destroy(); resolve(false); });
  });
}

async function postgresUrl() {
  if (env.TEST_POSTGRES_URL) return env.TEST_POSTGRES_URL;
  if (!(await canConnect("127.0.0.1", 5432)) && process.getuid?.() === 0) {
    // This machine kind ships PostgreSQL; start the cluster if it is down.
    spawnSync("sh", ["-c", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"], { stdio: "inherit" });
  }
  if (await canConnect("127.0.0.1", 5432)) return "postgresql://postgres@127.0.0.1:5432/postgres";
  if (env.CI) throw new Error("PostgreSQL is not reachable at 127.0.0.1:5432 and TEST_POSTGRES_URL is unset");
  console.warn("! PostgreSQL not reachable: database tests run on SQLite only");
  return undefined;
}

function ensureChromium() {
  const path = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  if (process.getuid?.() !== 0) throw new Error(`Chromium not found at ${path}: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH`);
  console.log("Installing Debian's chromium for Playwright…");
  const r = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("apt-get install chromium failed");
}

function readJson(file) {
  try { return JSON.parse(readFileSync(file, "utf8")); } catch { return null; }
}

let failed = false;
function step(name, fn) {
  const started = Date.now();
  try { fn(); } catch (e) { failed = true; console.error(`✗ ${name}: ${e.message}`); }
  console.log(`[test] ${name} took ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

env.TEST_POSTGRES_URL = await postgresUrl();
step("typecheck", () => runNode("node_modules/typescript/bin/tsc", ["--noEmit"], env));
step("vitest", () => runNode(bin.vitest, ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`], env));
// stripe-app/ is its own npm package (React 18, own lockfile): install it when missing, then type-check and test it.
step("stripe-app", () => {
  const npm = (args) => {
    const r = spawnSync("npm", [...args, "--prefix", "stripe-app"], { env, stdio: "inherit" });
    if (r.status !== 0) throw new Error(`npm ${args.join(" ")} --prefix stripe-app exited with ${r.status}`);
  };
  if (!existsSync("stripe-app/node_modules")) npm(["ci", "--no-audit", "--no-fund"]);
  npm(["run", "typecheck"]);
  npm(["test"]);
});
if (!onlyUnit) {
  step("chromium", ensureChromium);
  step("next build", () => {
    runNode(bin.next, ["build"], env);
    runNode("scripts/standalone.mjs", [], env);
  });
  // Everything in .next/static is downloadable by any visitor: no secret may be in it.
  step("secret scan", () => runNode(bin.tsx, ["scripts/scan-build-secrets.ts"], env));
  step("playwright", () => runNode(bin.playwright, ["test", "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` }));
  // The production layout: the standalone server on PostgreSQL (when reachable) with JSON logs.
  step("playwright standalone", () =>
    runNode(bin.playwright, ["test", "--config", "playwright.standalone.config.ts", "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright-standalone.json` }),
  );
  // Live updates between app instances need PostgreSQL (NOTIFY/LISTEN); SQLite is one process.
  if (env.TEST_POSTGRES_URL) {
    step("playwright multi-instance", () =>
      runNode(bin.playwright, ["test", "-c", "playwright.multi-instance.config.ts", "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright-multi.json` }),
    );
  } else {
    console.warn("! PostgreSQL not reachable: the multi-instance browser tests are skipped");
  }
}

const vitest = readJson(`${reports}/vitest.json`);
const pwRuns = ["playwright", "playwright-standalone", "playwright-multi"].map((name) => readJson(`${reports}/${name}.json`));
const pwStat = (name) => pwRuns.reduce((sum, run) => sum + (run?.stats?.[name] ?? 0), 0);
const passed = (vitest?.numPassedTests ?? 0) + pwStat("expected");
const failedCount = (vitest?.numFailedTests ?? 0) + pwStat("unexpected") + pwStat("flaky");
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + pwStat("skipped");
console.log(`${passed} passed, ${failedCount} failed, ${skipped} skipped`);
process.exit(failed || failedCount > 0 ? 1 : 0);
