// Stripe webhook intake, side by side on 127.0.0.1: a bare node:http server and a
// bare Next.js route (bench/bare-next), both only verifying the signature with the
// stripe SDK, then Payport's POST /api/webhooks/stripe as production runs it (the
// standalone server, .next/standalone/server.js) on a fresh SQLite file and on a
// fresh PostgreSQL database. Each request is a unique, signed
// payment_intent.succeeded for an order seeded beforehand, so Payport really marks
// orders paid; afterwards the database is polled until every event is applied and
// checked for exactly-once effects. The load generator is a child process (one core
// for it, one for the server); bodies are signed before each round starts.
//   npx tsx bench/webhooks.ts        (npm run bench:webhooks)
// Env: BENCH_SECONDS (15) per round; BENCH_ROUNDS (2) repeats of targets × connections;
// BENCH_CONNECTIONS ("10,50"); BENCH_POSTGRES_URL (postgresql://postgres@127.0.0.1:5432/postgres);
// BENCH_TIME_LIMIT (1500 s in all); BENCH_APPLY_TIMEOUT (120 s per round); BENCH_REBUILD=1;
// BENCH_CPU_PROF=<dir> (a CPU profile of each Payport server); BENCH_TARGETS (all:
// "bare-http,bare-next,payport-sqlite,payport-postgres,payport-postgres-split"; -split is the production layout: the app with
// PAYPORT_WEBHOOK_WORKERS=0 plus a separate `npm run worker` process, its CPU counted with the server) to iterate on some of them.
// Builds Payport (.next) and bench/bare-next/.next only when their BUILD_ID is missing or
// BENCH_REBUILD=1; it warns when sources are newer than the build it measures.
import { fork, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Stripe from "stripe";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BARE_NEXT_DIR = path.join(ROOT, "bench", "bare-next");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/** BENCH_CPU_PROF=<dir>: Payport's servers write a V8 CPU profile there when they stop (open in Chrome DevTools). */
const cpuProfArgs = (key: string) => (process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`, `--cpu-prof-name=${key}.cpuprofile`] : []);

/** The standalone server.js: at the app's path relative to the build's trace root (see scripts/standalone.mjs). */
function standaloneServer(): string {
  const required = JSON.parse(readFileSync(path.join(ROOT, ".next", "required-server-files.json"), "utf8")) as { relativeAppDir?: string };
  return path.join(ROOT, ".next", "standalone", required.relativeAppDir ?? "", "server.js");
}
const WEBHOOK_SECRET = "whsec_bench_webhooks";
const ORDER_AMOUNT = 2500;
const ORDER_CURRENCY = "usd";
const REQUEST_TIMEOUT_MS = 10_000;
const WARMUP_SECONDS = 2;

const envNumber = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/** Ids of one round's rows share a prefix, so the database checks can find exactly that round. */
const ids = (tag: string, i: number) => ({ event: `evt_${tag}_${i}`, intent: `pi_${tag}_${i}`, order: `bo_${tag}_${i}`, charge: `ch_${tag}_${i}` });
const prefixes = (tag: string) => ({ event: `evt_${tag}_`, order: `bo_${tag}_` });
const indexOf = (id: string) => Number(id.slice(id.lastIndexOf("_") + 1));

// ---------------------------------------------------------------------------
// Child role 1: the bare node:http target.

function runBareHttpServer(port: number): void {
  const stripe = new Stripe("sk_test_bench_signing_only");
  const secret = process.env.STRIPE_WEBHOOK_SECRET ?? "";
  http
    .createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        let status = 200;
        let body: unknown;
        try {
          const event = stripe.webhooks.constructEvent(Buffer.concat(chunks).toString("utf8"), req.headers["stripe-signature"] ?? "", secret, 300);
          body = { received: true, id: event.id };
        } catch (error) {
          status = 400;
          body = { error: { message: error instanceof Error ? error.message : String(error) } };
        }
        const text = JSON.stringify(body);
        res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.end(text);
      });
    })
    .listen(port, "127.0.0.1");
}

// ---------------------------------------------------------------------------
// Child role 2: the load generator.

interface RoundSpec {
  port: number;
  path: string;
  seconds: number;
  connections: number;
  tag: string;
  count: number;
}

interface RoundResult {
  /** Requests started (indices 0..sent-1). */
  sent: number;
  acked: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  /** Indices of requests that got no 2xx (capped). */
  unacked: number[];
  exhausted: boolean;
  firstRequestAt: number;
  seconds: number;
  latencies: number[];
  clientCpuPercent: number;
  bodyBytes: number;
  signMs: number;
}

async function runLoad(spec: RoundSpec): Promise<RoundResult> {
  const { buildEvent, buildPaymentIntent, nowSeconds, signatureFor } = await import("@/tests/helpers/stripe-events");
  const signStarted = performance.now();
  const created = nowSeconds();
  const bodies: string[] = new Array(spec.count);
  const signatures: string[] = new Array(spec.count);
  for (let i = 0; i < spec.count; i++) {
    const id = ids(spec.tag, i);
    const intent = buildPaymentIntent({
      id: id.intent,
      amount: ORDER_AMOUNT,
      amount_received: ORDER_AMOUNT,
      currency: ORDER_CURRENCY,
      status: "succeeded",
      latest_charge: id.charge,
      metadata: { order_id: id.order },
    });
    // Pretty-printed like Stripe's own deliveries.
    bodies[i] = JSON.stringify(buildEvent("payment_intent.succeeded", intent, created, id.event), null, 2);
    signatures[i] = signatureFor(bodies[i], { secret: WEBHOOK_SECRET, timestamp: created });
  }
  const signMs = performance.now() - signStarted;

  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const unacked: number[] = [];
  let acked = 0;
  let errors = 0;
  let timeouts = 0;
  let next = 0;

  const post = (i: number) =>
    new Promise<number | "error" | "timeout">((resolve) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: spec.port,
          path: spec.path,
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(bodies[i]), "stripe-signature": signatures[i] },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", () => resolve("error"));
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => {
        req.destroy();
        resolve("timeout");
      });
      req.on("error", () => resolve("error"));
      req.end(bodies[i]);
    });

  const cpuBefore = process.cpuUsage();
  const firstRequestAt = Date.now();
  const started = performance.now();
  const deadline = started + spec.seconds * 1000;
  async function connection() {
    while (performance.now() < deadline && next < spec.count) {
      const i = next++;
      const t0 = performance.now();
      const outcome = await post(i);
      const ms = performance.now() - t0;
      if (typeof outcome === "number" && outcome >= 200 && outcome < 300) {
        acked++;
        latencies.push(ms);
      } else {
        // A non-2xx answer counts as an error, like a broken connection.
        if (outcome === "timeout") timeouts++;
        else errors++;
        if (unacked.length < 100_000) unacked.push(i);
      }
      statuses[String(outcome)] = (statuses[String(outcome)] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: spec.connections }, connection));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  return {
    sent: next,
    acked,
    errors,
    timeouts,
    statuses,
    unacked,
    exhausted: next >= spec.count,
    firstRequestAt,
    seconds,
    latencies,
    clientCpuPercent: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
    bodyBytes: Buffer.byteLength(bodies[0] ?? ""),
    signMs,
  };
}

// ---------------------------------------------------------------------------
// The bench.

type Db = import("@/lib/db").Db;

interface Target {
  key: string;
  label: string;
  path: string;
  port: number;
  pid: number;
  proc: ChildProcess;
  log: string;
  /** Payport targets only: the database the server writes, as the bench reads it. */
  db?: { kind: "sqlite" | "postgres"; client: Db; name?: string };
  /** Requests per second expected, to size the next round's signed pool and seeded orders. */
  expectedRate: number;
  /** The production layout's separate webhook worker process (`npm run worker`), counted in the server's CPU. */
  workerPid?: number;
}

interface Measured {
  target: string;
  connections: number;
  round: number;
  load: RoundResult;
  serverCpuMs: number;
  pgCpuMs: number | null;
  applied?: AppliedResult;
  check?: CheckResult;
}

interface AppliedResult {
  seconds: number | null;
  processed: number;
  paid: number;
  statuses: Record<string, number>;
  gaveUp: string | null;
}

interface CheckResult {
  ok: boolean;
  problems: string[];
}

const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

function readStat(pid: number): { ppid: number; own: number; children: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After "pid (comm) ": state ppid … utime(11) stime(12) cutime(13) cstime(14).
    return { ppid: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) parents.set(Number(entry), stat.ppid);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

/** CPU milliseconds used so far by a server and its descendants (reaped ones included through cutime). */
function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    const stat = readStat(pid);
    if (stat) ticks += stat.own + (pid === root ? stat.children : 0);
  }
  return (ticks * 1000) / CLK_TCK;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const tail = (file: string, lines = 30) => {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
};

/**
 * Turbopack only compiles files under its root, and finds node_modules through it; a
 * git worktree whose node_modules links elsewhere needs a root spanning both.
 */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
  const modules = realpathSync(path.join(ROOT, "node_modules"));
  if (path.relative(ROOT, modules).startsWith("..")) {
    let common = ROOT;
    while (path.relative(common, modules).startsWith("..")) common = path.dirname(common);
    env.NEXT_PRIVATE_OUTPUT_TRACE_ROOT = common;
  }
  return env;
}

/** Newest modification time under the given paths (directories walked, node_modules and dot-folders skipped). */
function newestMtime(paths: string[]): { file: string; mtime: number } {
  let newest = { file: "", mtime: 0 };
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) if (!entry.startsWith(".") && entry !== "node_modules") visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest.mtime) newest = { file: p, mtime: stat.mtimeMs };
  };
  paths.forEach(visit);
  return newest;
}

function ensureBuild(dir: string, label: string, sources: string[], { standalone = false } = {}): void {
  const buildId = path.join(dir, ".next", "BUILD_ID");
  const rebuild = process.env.BENCH_REBUILD === "1";
  // The production server is .next/standalone/server.js, completed by scripts/standalone.mjs (static assets).
  const completeStandalone = () => {
    const done = spawnSync(process.execPath, [path.join(ROOT, "scripts", "standalone.mjs")], { cwd: dir, encoding: "utf8" });
    if (done.status !== 0) throw new Error(`scripts/standalone.mjs failed in ${dir}:\n${done.stdout}${done.stderr}`);
  };
  if (existsSync(buildId) && !rebuild && (!standalone || existsSync(standaloneServer()))) {
    if (standalone && !existsSync(path.join(path.dirname(standaloneServer()), ".next", "static"))) completeStandalone();
    const builtAt = statSync(buildId).mtimeMs;
    console.log(`${label}: using the existing build (${path.relative(ROOT, buildId)}, ${new Date(builtAt).toISOString()})`);
    const newest = newestMtime(sources.map((s) => path.join(dir, s)));
    if (newest.mtime > builtAt) console.log(`  Warning: ${path.relative(ROOT, newest.file)} changed after this build; BENCH_REBUILD=1 measures the current code.`);
    return;
  }
  console.log(`${label}: ${rebuild ? "BENCH_REBUILD=1" : "no build"}, running next build…`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: dir, env: buildEnv(), encoding: "utf8", timeout: 600_000 });
  if (result.status !== 0) throw new Error(`next build failed in ${dir}:\n${(result.stdout + result.stderr).split("\n").slice(-40).join("\n")}`);
  if (standalone) completeStandalone();
  console.log(`${label}: built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function waitReady(target: Pick<Target, "port" | "path" | "proc" | "log" | "label">): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (target.proc.exitCode !== null) throw new Error(`${target.label} exited with ${target.proc.exitCode}:\n${tail(target.log)}`);
    // An unsigned POST is refused with 400 once the route is up.
    const status = await new Promise<number>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port: target.port, path: target.path, method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", () => resolve(0));
      req.end("{}");
    });
    if (status === 400) return;
    if (status !== 0) throw new Error(`${target.label} answered an unsigned request with ${status}, expected 400:\n${tail(target.log)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${target.label} not ready after 90 s:\n${tail(target.log)}`);
}

const children: ChildProcess[] = [];

/** `args` and `env` get the port: `next start` takes it as flags, the standalone server.js as PORT/HOSTNAME. */
async function startServer(opts: { key: string; label: string; path: string; cwd: string; args: (port: number) => string[]; env: (port: number) => NodeJS.ProcessEnv; logDir: string; expectedRate: number }): Promise<Target> {
  const port = await freePort();
  const log = path.join(opts.logDir, `${opts.key}.log`);
  const fd = openSync(log, "a");
  const proc = spawn(process.execPath, opts.args(port), {
    cwd: opts.cwd,
    env: opts.env(port),
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  children.push(proc);
  const target: Target = { key: opts.key, label: opts.label, path: opts.path, port, pid: proc.pid!, proc, log, expectedRate: opts.expectedRate };
  await waitReady(target);
  return target;
}

/** `npm run worker` (scripts/worker.ts) on the target's database. */
function startWorkerProcess(env: NodeJS.ProcessEnv, log: string): number {
  const fd = openSync(log, "a");
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "worker.ts")], { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  children.push(proc);
  return proc.pid!;
}

async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null || !proc.pid) return;
  const tree = processTree(proc.pid);
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  for (const pid of tree.reverse()) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
  if (!killed) {
    for (const pid of tree) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
}

/**
 * CPU of Payport's PostgreSQL backends (one process per pooled connection) in the bench
 * database, the bench's own connections excluded. Sampled every 250 ms because the pool
 * closes idle connections, and a backend's CPU leaves with its process.
 */
async function samplePgBackendCpu(adminUrl: string, dbName: string): Promise<{ stop: () => Promise<number> }> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const read = async () => {
    const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name <> 'webhook-bench'", [dbName]);
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      const stat = readStat(pid);
      if (stat) cpu.set(pid, (stat.own * 1000) / CLK_TCK);
    }
    return cpu;
  };
  const record = async () => {
    for (const [pid, ms] of await read()) last.set(pid, ms);
  };
  const first = await read();
  const last = new Map(first);
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    pending = pending.then(record).catch(() => undefined);
  }, 250);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      await record();
      await client.end();
      let ms = 0;
      // A backend opened during the round counts from zero.
      for (const [pid, value] of last) ms += value - (first.get(pid) ?? 0);
      return ms;
    },
  };
}

async function seedOrders(db: Db, tag: string, count: number): Promise<void> {
  const CHUNK = 2000;
  for (let start = 0; start < count; start += CHUNK) {
    const data = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const id = ids(tag, i);
      data.push({ id: id.order, email: `bench+${tag}-${i}@example.com`, currency: ORDER_CURRENCY, amount: ORDER_AMOUNT, status: "pending", stripePaymentIntentId: id.intent });
    }
    await db.order.createMany({ data });
  }
}

/**
 * Polls until every ledger row of the round is final and the processed ones' orders
 * are paid; gives up on a stall or the timeout. Final is the ledger's own notion
 * (lib/webhooks/ledger.ts): nothing left to do, nextAttemptAt null, whatever the
 * status (processed, ignored, dead, unmatched with its attempts used up); a row
 * waiting for a retry is not final. checkExactlyOnce then says whether they are
 * all processed.
 */
async function waitApplied(db: Db, tag: string, load: RoundResult, timeoutMs: number): Promise<AppliedResult> {
  const { prefixFilter } = await import("@/lib/db");
  const p = prefixes(tag);
  const deadline = Date.now() + timeoutMs;
  const STALL_MS = 10_000;
  let lastSignature = "";
  let lastChange = Date.now();
  for (;;) {
    const [paid, groups, final] = await Promise.all([
      db.order.count({ where: { id: prefixFilter(p.order, db), status: "paid" } }),
      db.stripeEvent.groupBy({ by: ["status"], where: { id: prefixFilter(p.event, db) }, _count: { _all: true } }),
      db.stripeEvent.count({ where: { id: prefixFilter(p.event, db), nextAttemptAt: null } }),
    ]);
    const now = Date.now();
    const statuses = Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
    const rows = groups.reduce((n, g) => n + g._count._all, 0);
    const processed = statuses.processed ?? 0;
    if (rows >= load.acked && final === rows && paid >= processed) {
      return { seconds: (now - load.firstRequestAt) / 1000, processed, paid, statuses, gaveUp: null };
    }
    const signature = `${paid}|${final}|${JSON.stringify(statuses)}`;
    if (signature !== lastSignature) {
      lastSignature = signature;
      lastChange = now;
    }
    const gaveUp = now - lastChange > STALL_MS ? `no progress for ${STALL_MS / 1000} s` : now > deadline ? `timeout ${timeoutMs / 1000} s` : null;
    if (gaveUp) return { seconds: null, processed, paid, statuses, gaveUp };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Exactly once: each acked event has one processed ledger row, tried once, and its order is paid; nothing else moved. */
async function checkExactlyOnce(db: Db, tag: string, load: RoundResult): Promise<CheckResult> {
  const { prefixFilter } = await import("@/lib/db");
  const p = prefixes(tag);
  const [orders, events, audits, fulfilments] = await Promise.all([
    db.order.findMany({ where: { id: prefixFilter(p.order, db) }, select: { id: true, status: true, paymentStatus: true, paidAt: true } }),
    db.stripeEvent.findMany({ where: { id: prefixFilter(p.event, db) }, select: { id: true, status: true, attempts: true, objectId: true } }),
    db.auditLog.groupBy({ by: ["action", "targetId"], where: { targetId: prefixFilter(p.order, db) }, _count: { _all: true } }),
    db.fulfilment.groupBy({ by: ["orderId"], where: { orderId: prefixFilter(p.order, db) }, _count: { _all: true } }),
  ]);
  const unacked = new Set(load.unacked);
  const problems: string[] = [];
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const eventById = new Map(events.map((e) => [e.id, e]));
  let ackedNotPaid = 0;
  let ackedNoLedger = 0;
  for (let i = 0; i < load.sent; i++) {
    if (unacked.has(i)) continue;
    const id = ids(tag, i);
    const order = orderById.get(id.order);
    if (order?.status !== "paid" || order.paymentStatus !== "succeeded" || !order.paidAt) ackedNotPaid++;
    if (!eventById.has(id.event)) ackedNoLedger++;
  }
  if (ackedNotPaid) problems.push(`${ackedNotPaid} acked events whose order is not paid`);
  if (ackedNoLedger) problems.push(`${ackedNoLedger} acked events missing from the ledger`);
  const paidUnsent = orders.filter((o) => o.status === "paid" && indexOf(o.id) >= load.sent).length;
  if (paidUnsent) problems.push(`${paidUnsent} orders paid without an event sent`);
  const notProcessed = events.filter((e) => e.status !== "processed");
  if (notProcessed.length) {
    const by: Record<string, number> = {};
    for (const e of notProcessed) by[e.status] = (by[e.status] ?? 0) + 1;
    problems.push(`ledger rows not processed: ${JSON.stringify(by)}`);
  }
  const retried = events.filter((e) => e.attempts !== 1);
  if (retried.length) {
    const by: Record<string, number> = {};
    for (const e of retried) by[e.attempts] = (by[e.attempts] ?? 0) + 1;
    problems.push(`ledger rows with attempts ≠ 1 (attempts: rows) ${JSON.stringify(by)}`);
  }
  const perIntent = new Map<string, number>();
  for (const e of events) if (e.objectId) perIntent.set(e.objectId, (perIntent.get(e.objectId) ?? 0) + 1);
  const doubled = [...perIntent.values()].filter((n) => n > 1).length;
  if (doubled) problems.push(`${doubled} PaymentIntents with more than one ledger row`);
  const auditDup = audits.filter((a) => a._count._all > 1);
  if (auditDup.length) problems.push(`${auditDup.length} (action, order) audit entries written more than once`);
  const fulfilDup = fulfilments.filter((f) => f._count._all > 1);
  if (fulfilDup.length) problems.push(`${fulfilDup.length} orders with more than one fulfilment row`);
  return { ok: problems.length === 0, problems };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Median time of a 4 KiB write + fsync in dir: what each SQLite or PostgreSQL commit waits for at least once. */
function fsyncMedianMs(dir: string): number {
  const file = path.join(dir, "fsync-probe");
  const fd = openSync(file, "w");
  const block = Buffer.alloc(4096, 1);
  const samples: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    writeSync(fd, block, 0, block.length, i * 4096);
    fsyncSync(fd);
    samples.push(performance.now() - t0);
  }
  closeSync(fd);
  rmSync(file);
  return percentile(samples.sort((a, b) => a - b), 0.5);
}

const loadAverage = () => os.loadavg().map((n) => n.toFixed(1)).join(" ");

const fmt = (n: number | null | undefined, digits = 1) => (n == null || Number.isNaN(n) ? "–" : n.toFixed(digits));

async function main() {
  const benchStarted = Date.now();
  // The test helpers read prisma/*/migrations relative to the working directory.
  process.chdir(ROOT);
  const seconds = envNumber("BENCH_SECONDS", 15);
  const rounds = envNumber("BENCH_ROUNDS", 2);
  const connectionCounts = (process.env.BENCH_CONNECTIONS ?? "10,50").split(",").map(Number);
  const onlyTargets = process.env.BENCH_TARGETS?.split(",").map((t) => t.trim());
  const timeLimitMs = envNumber("BENCH_TIME_LIMIT", 1500) * 1000;
  const applyTimeoutMs = envNumber("BENCH_APPLY_TIMEOUT", 120) * 1000;
  const pgBase = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

  // Whatever happens, nothing outlives the time limit by much.
  const hardStop = setTimeout(() => {
    console.error(`\nTime limit (${timeLimitMs / 1000} s + 120 s grace) exceeded: stopping.`);
    void cleanup().finally(() => process.exit(2));
  }, timeLimitMs + 120_000);
  hardStop.unref();

  const tmp = mkdtempSync(path.join(os.tmpdir(), "payport-bench-webhooks-"));
  const cleanups: (() => Promise<void>)[] = [];
  let cleaned = false;
  async function cleanup() {
    if (cleaned) return;
    cleaned = true;
    for (const proc of children) await stopProcess(proc);
    for (const fn of cleanups.reverse()) await fn().catch((error) => console.error("cleanup:", error));
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up…`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  console.log(`Machine: ${os.cpus().length} cores, load average ${loadAverage()} (1/5/15 min); 4 KiB write + fsync in ${os.tmpdir()}: ${fmt(fsyncMedianMs(tmp), 2)} ms median`);
  if (os.loadavg()[0] > os.cpus().length) console.log("Warning: the machine is already busy; figures will be lower and noisier than on an idle one.");
  try {
    ensureBuild(ROOT, "Payport", ["app", "components", "lib", "prisma/sqlite/schema.prisma", "prisma/postgres/schema.prisma", "proxy.ts", "instrumentation.ts", "next.config.ts"], { standalone: true });
    ensureBuild(BARE_NEXT_DIR, "bare Next", ["app", "proxy.ts", "instrumentation.ts", "next.config.ts"]);

    const { createTestDatabase } = await import("@/tests/helpers/db");
    const { createDb } = await import("@/lib/db");
    const sqlite = await createTestDatabase("sqlite");
    cleanups.push(sqlite.drop);
    let postgres: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
    let postgresSplit: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
    try {
      process.env.TEST_POSTGRES_URL = pgBase;
      postgres = await createTestDatabase("postgres");
      cleanups.push(postgres.drop);
      if (!onlyTargets || onlyTargets.includes("payport-postgres-split")) {
        postgresSplit = await createTestDatabase("postgres");
        cleanups.push(postgresSplit.drop);
      }
    } catch (error) {
      console.log(`PostgreSQL at ${pgBase} unavailable (${error instanceof Error ? error.message : error}): Payport on PostgreSQL skipped.`);
    }

    const serverEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, ...extra };
      // Local mode: no Stripe keys; the emulator URL is a closed loopback port, so an unexpected Stripe call fails instead of leaving the machine.
      delete env.STRIPE_SECRET_KEY;
      delete env.STRIPE_PUBLISHABLE_KEY;
      delete env.TEST_POSTGRES_URL;
      return env;
    };
    // The standalone server chdirs into .next/standalone: the SQLite URL from createTestDatabase is absolute.
    const payportEnv = (databaseUrl: string) => (port: number) =>
      serverEnv({ DATABASE_URL: databaseUrl, STRIPE_EMULATOR_URL: "http://127.0.0.1:9", APP_URL: `http://127.0.0.1:${port}`, PORT: String(port), HOSTNAME: "127.0.0.1" });

    console.log("Starting servers…");
    const targets: Target[] = [];
    const wanted = (key: string) => !onlyTargets || onlyTargets.includes(key);
    if (wanted("bare-http"))
      targets.push(
      await startServer({ key: "bare-http", label: "bare node:http", path: "/api/webhooks/stripe", cwd: ROOT, args: (port) => ["--import", "tsx", fileURLToPath(import.meta.url), "--bare-http", String(port)], env: () => serverEnv({}), logDir: tmp, expectedRate: 6000 }),
    );
    if (wanted("bare-next")) targets.push(await startServer({ key: "bare-next", label: "bare Next route", path: "/api/webhook", cwd: BARE_NEXT_DIR, args: (port) => [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], env: () => serverEnv({}), logDir: tmp, expectedRate: 2500 }));
    for (const [database, split] of [[sqlite, false], [postgres, false], [postgresSplit, true]] as const) {
      if (!database) continue;
      const key = `payport-${database.kind}${split ? "-split" : ""}`;
      if (!wanted(key)) continue;
      const label = `Payport ${database.kind === "sqlite" ? "SQLite" : split ? "PG + worker" : "PostgreSQL"}`;
      const benchUrl = database.kind === "postgres" ? `${database.url}?application_name=webhook-bench` : database.url;
      const client = createDb(benchUrl);
      cleanups.push(() => client.$disconnect());
      // The split layout (compose.yaml): the app only acknowledges; `npm run worker` applies.
      const env = split ? (port: number) => ({ ...payportEnv(database.url)(port), PAYPORT_WEBHOOK_WORKERS: "0" }) : payportEnv(database.url);
      const target = await startServer({ key, label, path: "/api/webhooks/stripe", cwd: ROOT, args: () => [...cpuProfArgs(key), standaloneServer()], env, logDir: tmp, expectedRate: 1000 });
      if (split) target.workerPid = startWorkerProcess(payportEnv(database.url)(target.port), path.join(tmp, `${key}-worker.log`));
      target.db = { kind: database.kind, client, name: database.kind === "postgres" ? new URL(database.url).pathname.slice(1) : undefined };
      targets.push(target);
    }

    for (const target of targets) {
      const tree = processTree(target.pid);
      console.log(`  ${target.label.padEnd(19)} 127.0.0.1:${target.port}${target.path}  pid ${target.pid}${tree.length > 1 ? ` (+${tree.length - 1} child processes, counted in its CPU)` : ""}`);
    }

    const loader = fork(fileURLToPath(import.meta.url), ["--load-child"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    children.push(loader);
    const runRound = (spec: RoundSpec) =>
      new Promise<RoundResult>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load generator exited with ${code}`));
        loader.once("exit", onExit);
        loader.once("message", (m) => {
          loader.off("exit", onExit);
          resolve(m as RoundResult);
        });
        loader.send(spec);
      });

    const poolFor = (target: Target, secs: number) => Math.ceil(target.expectedRate * secs * 2) + 500;
    const results: Measured[] = [];

    const measure = async (target: Target, connections: number, round: number, secs: number, warmup: boolean): Promise<Measured | null> => {
      const tag = `${warmup ? "w" : `r${round}`}-${target.key}-c${connections}`;
      const count = poolFor(target, secs);
      if (target.db) await seedOrders(target.db.client, tag, count);
      const pgAdmin = target.db?.name ? pgBase : null;
      const targetCpuMs = () => treeCpuMs(target.pid) + (target.workerPid ? treeCpuMs(target.workerPid) : 0);
      const cpuBefore = targetCpuMs();
      const pgSampler = pgAdmin ? await samplePgBackendCpu(pgAdmin, target.db!.name!) : null;
      const load = await runRound({ port: target.port, path: target.path, seconds: secs, connections, tag, count });
      let applied: AppliedResult | undefined;
      let check: CheckResult | undefined;
      // Background work (a queue) still counts: server CPU is read once the round's events are applied.
      if (target.db) applied = await waitApplied(target.db.client, tag, load, applyTimeoutMs);
      const serverCpuMs = targetCpuMs() - cpuBefore;
      const pgCpuMs = pgSampler ? await pgSampler.stop() : null;
      if (target.db) check = await checkExactlyOnce(target.db.client, tag, load);
      if (target.proc.exitCode !== null) throw new Error(`${target.label} died during the round:\n${tail(target.log)}`);
      const rate = (load.acked + load.errors + load.timeouts) / load.seconds;
      // Sizes later pools; never shrunk, so a slow round on a busy machine cannot starve the next one.
      target.expectedRate = Math.max(target.expectedRate, rate);
      if (warmup) {
        if (check && !check.ok) console.log(`  warm-up ${target.label}: exactly-once FAILED: ${check.problems.join("; ")}`);
        return null;
      }
      const m: Measured = { target: target.label, connections, round, load, serverCpuMs, pgCpuMs, applied, check };
      const acksPerSec = load.acked / load.seconds;
      const sorted = [...load.latencies].sort((a, b) => a - b);
      console.log(
        `  round ${round} ${target.label.padEnd(19)} ${String(connections).padStart(3)} conns: ${fmt(acksPerSec, 0).padStart(6)} acks/s  p50 ${fmt(percentile(sorted, 0.5), 2)} ms  p99 ${fmt(percentile(sorted, 0.99), 2)} ms  ` +
          `errors ${load.errors} timeouts ${load.timeouts}${load.exhausted ? " (signed pool used up: round ended early)" : ""}  client CPU ${fmt(load.clientCpuPercent, 0)}%` +
          (applied ? `  applied ${applied.seconds == null ? `NOT ALL (${applied.gaveUp}; ${JSON.stringify(applied.statuses)}, paid ${applied.paid})` : `after ${fmt(applied.seconds, 2)} s`}` : "") +
          (check ? `  exactly-once ${check.ok ? "ok" : `FAILED: ${check.problems.join("; ")}`}` : ""),
      );
      const other = Object.entries(load.statuses).filter(([s]) => !/^2\d\d$/.test(s));
      if (other.length) console.log(`    non-2xx: ${other.map(([s, n]) => `${s}×${n}`).join(", ")}; server log tail:\n${tail(target.log, 8)}`);
      return m;
    };

    console.log(`Warm-up: ${WARMUP_SECONDS} s at 10 connections per target…`);
    for (const target of targets) await measure(target, 10, 0, WARMUP_SECONDS, true);
    for (const target of targets) {
      // WAL is a property of the file, so after the server's first writes the bench's connection sees the mode the app chose.
      if (target.db?.kind !== "sqlite") continue;
      const [mode] = await target.db.client.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      console.log(`  ${target.label}: SQLite journal_mode=${mode?.journal_mode} (every commit outside WAL waits for several fsyncs, on the server's event loop)`);
    }

    console.log(`\nRounds: ${rounds} × ${targets.length} targets × connections ${connectionCounts.join("/")}, ${seconds} s each, interleaved:`);
    let stopped: string | null = null;
    outer: for (let round = 1; round <= rounds; round++) {
      for (const connections of connectionCounts) {
        for (const target of targets) {
          if (Date.now() + (seconds + 30) * 1000 > benchStarted + timeLimitMs) {
            stopped = `time limit (${timeLimitMs / 1000} s) reached before round ${round}, ${target.label}, ${connections} conns`;
            break outer;
          }
          const m = await measure(target, connections, round, seconds, false);
          if (m) results.push(m);
        }
      }
    }
    if (stopped) console.log(`\nStopped early: ${stopped}.`);

    printTable(results, targets, connectionCounts);
    console.log(`Load average at the end: ${loadAverage()}.`);
    const failed = results.some((r) => r.check && !r.check.ok) || results.some((r) => r.applied && r.applied.seconds == null);
    process.exitCode = failed ? 1 : 0;
    console.log(`\nTotal bench time ${((Date.now() - benchStarted) / 1000).toFixed(0)} s.`);
  } finally {
    await cleanup();
    clearTimeout(hardStop);
  }
}

function printTable(results: Measured[], targets: Target[], connectionCounts: number[]) {
  const head = ["target", "conns", "acks/s", "p50 ms", "p99 ms", "err", "t/o", "srv CPU ms/ev", "pg CPU ms/ev", "applied after s", "applied/s", "exactly once"];
  const rows: string[][] = [];
  const rateOf = new Map<string, number>();
  for (const target of targets) {
    for (const connections of connectionCounts) {
      const rs = results.filter((r) => r.target === target.label && r.connections === connections);
      if (!rs.length) continue;
      const acked = rs.reduce((n, r) => n + r.load.acked, 0);
      const secs = rs.reduce((n, r) => n + r.load.seconds, 0);
      const sorted = rs.flatMap((r) => r.load.latencies).sort((a, b) => a - b);
      const rate = acked / secs;
      rateOf.set(`${target.key}@${connections}`, rate);
      const pg = rs.every((r) => r.pgCpuMs != null) ? rs.reduce((n, r) => n + r.pgCpuMs!, 0) / acked : null;
      const appliedRounds = rs.filter((r) => r.applied?.seconds != null);
      const appliedSecs = appliedRounds.map((r) => r.applied!.seconds!);
      const appliedRate = appliedRounds.length ? appliedRounds.reduce((n, r) => n + r.applied!.processed, 0) / appliedSecs.reduce((a, b) => a + b, 0) : null;
      const isPayport = Boolean(target.db);
      const notApplied = rs.filter((r) => r.applied && r.applied.seconds == null).length;
      const checkFails = rs.filter((r) => r.check && !r.check.ok).length;
      rows.push([
        target.label,
        String(connections),
        fmt(rate, 0),
        fmt(percentile(sorted, 0.5), 2),
        fmt(percentile(sorted, 0.99), 2),
        String(rs.reduce((n, r) => n + r.load.errors, 0)),
        String(rs.reduce((n, r) => n + r.load.timeouts, 0)),
        fmt(rs.reduce((n, r) => n + r.serverCpuMs, 0) / acked, 3),
        pg == null ? "–" : fmt(pg, 3),
        isPayport ? (notApplied ? `${notApplied} round(s) not all` : appliedSecs.map((s) => fmt(s, 1)).join(" / ")) : "–",
        isPayport ? fmt(appliedRate, 0) : "–",
        isPayport ? (checkFails ? `FAIL (${checkFails} rounds)` : "ok") : "–",
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  const roundsRun = [...new Set(results.map((r) => r.round))].length;
  console.log(`\nSummary (${roundsRun} round(s) per cell; req/s and CPU summed over rounds, latencies pooled; "applied after" per round, from the first request):`);
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i < 1 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const row of rows) console.log(line(row));
  const bodyBytes = results[0]?.load.bodyBytes;
  if (bodyBytes) console.log(`Body: one signed payment_intent.succeeded, ${bodyBytes} bytes, pretty-printed; every request a new event id for a new order.`);
  for (const connections of connectionCounts) {
    const bare = rateOf.get(`bare-next@${connections}`);
    const bareHttp = rateOf.get(`bare-http@${connections}`);
    for (const key of ["payport-sqlite", "payport-postgres", "payport-postgres-split"]) {
      const payport = rateOf.get(`${key}@${connections}`);
      if (payport && bare) console.log(`${key} ÷ bare Next at ${connections} conns: ${(payport / bare).toFixed(2)}${bareHttp ? `  (bare Next ÷ bare node:http ${(bare / bareHttp).toFixed(2)})` : ""}`);
    }
  }
}

if (process.argv[2] === "--bare-http") {
  runBareHttpServer(Number(process.argv[3]));
} else if (process.argv[2] === "--load-child") {
  process.on("message", (spec) => {
    void runLoad(spec as RoundSpec).then((result) => process.send!(result));
  });
  process.on("disconnect", () => process.exit(0));
} else {
  await main();
}
