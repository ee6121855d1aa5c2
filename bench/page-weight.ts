// How heavy Payport's pages are for a browser, as production serves them: the
// JavaScript a page loads before it can respond (gzip, our own origin only;
// Stripe.js comes from Stripe, or from the emulator in local mode, and is not
// counted) beside what any page of this Next.js version loads anyway (the one
// page of bench/bare-next, built in its own folder), then
// Lighthouse (mobile preset: simulated slow 4G and a 4× slower CPU) in Debian's
// Chromium on the storefront, /pricing, a checkout page and the admin dashboard.
//   npx tsx bench/page-weight.ts
// Builds once (.next/standalone, as bench/webhooks.ts does) and starts the standalone
// server on a fresh SQLite file against a fresh local Stripe emulator, with the
// catalog and the local admin seeded as `npm run dev` seeds them.
// Env: BENCH_REBUILD=1 (build even if a build exists); BENCH_RUNS (3 Lighthouse runs a
// page); BENCH_LIGHTHOUSE=0 (weights only); BENCH_SAVE=<file.json> keeps the figures
// and BENCH_COMPARE=<file.json> prints them as "before" beside this run's;
// CHROMIUM_PATH (/usr/bin/chromium).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BARE_NEXT_DIR = path.join(ROOT, "bench", "bare-next");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const PRISMA_BIN = path.join(ROOT, "node_modules", "prisma", "build", "index.js");
const TSX_BIN = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  // Nothing leaves the machine: every host but ours fails inside the browser.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
];
const WEBHOOK_SECRET = "whsec_bench_page_weight";
const LOCAL_ADMIN = { email: "admin@payport.local", password: "payport-admin" };
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const QUIET = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

type Weight = { route: string; path: string; status: number; scripts: number; gzipBytes: number };
type Audit = { page: string; path: string; runs: number; score: number; lcpMs: number; tbtMs: number; cls: number; fcpMs: number };
type Saved = { at: string; loadAverage: string; frameworkBytes: number; rootMainBytes?: number; weights: Weight[]; audits: Audit[]; adminIndex: string };

const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadAverage = () => os.loadavg().map((n) => n.toFixed(1)).join(" ");

// ---------------------------------------------------------------------------
// Build and servers

/** Turbopack compiles only under its root: a checkout whose node_modules links elsewhere needs a root spanning both. */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...QUIET };
  const modules = realpathSync(path.join(ROOT, "node_modules"));
  if (path.relative(ROOT, modules).startsWith("..")) {
    let common = ROOT;
    while (path.relative(common, modules).startsWith("..")) common = path.dirname(common);
    env.NEXT_PRIVATE_OUTPUT_TRACE_ROOT = common;
  }
  return env;
}

function newestSource(paths: string[]): { file: string; mtime: number } {
  let newest = { file: "", mtime: 0 };
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) if (!entry.startsWith(".") && entry !== "node_modules" && entry !== "generated") visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest.mtime) newest = { file: p, mtime: stat.mtimeMs };
  };
  paths.forEach(visit);
  return newest;
}

function standaloneServer(): string {
  const required = JSON.parse(readFileSync(path.join(ROOT, ".next", "required-server-files.json"), "utf8")) as { relativeAppDir?: string };
  return path.join(ROOT, ".next", "standalone", required.relativeAppDir ?? "", "server.js");
}

/** bench/bare-next's one page, built with `next build` in its own folder when missing or older than its sources. */
function ensureBareBuild(): void {
  const buildId = path.join(BARE_NEXT_DIR, ".next", "BUILD_ID");
  const page = path.join(BARE_NEXT_DIR, ".next", "server", "app", "page.js");
  const sources = newestSource(["app", "next.config.ts", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts"].map((s) => path.join(BARE_NEXT_DIR, s)));
  if (existsSync(buildId) && existsSync(page) && statSync(buildId).mtimeMs > sources.mtime && process.env.BENCH_REBUILD !== "1") return;
  console.log("Building bench/bare-next (the framework baseline)…");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: BARE_NEXT_DIR, env: buildEnv(), encoding: "utf8", timeout: 600_000 });
  if (result.status !== 0) throw new Error(`next build failed in bench/bare-next:\n${(result.stdout + result.stderr).split("\n").slice(-40).join("\n")}`);
}

function ensureBuild(): void {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const completeStandalone = () => {
    const done = spawnSync(process.execPath, [path.join(ROOT, "scripts", "standalone.mjs")], { cwd: ROOT, encoding: "utf8" });
    if (done.status !== 0) throw new Error(`scripts/standalone.mjs failed:\n${done.stdout}${done.stderr}`);
  };
  if (existsSync(buildId) && process.env.BENCH_REBUILD !== "1" && existsSync(standaloneServer())) {
    if (!existsSync(path.join(path.dirname(standaloneServer()), ".next", "static"))) completeStandalone();
    const builtAt = statSync(buildId).mtimeMs;
    console.log(`Using the existing build (${new Date(builtAt).toISOString()}).`);
    const newest = newestSource(["app", "components", "lib", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "next.config.ts"].map((s) => path.join(ROOT, s)));
    if (newest.mtime > builtAt) console.log(`  Warning: ${path.relative(ROOT, newest.file)} changed after this build; BENCH_REBUILD=1 measures the current code.`);
    return;
  }
  console.log("Running next build…");
  const started = performance.now();
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, env: buildEnv(), encoding: "utf8", timeout: 900_000 });
  if (result.status !== 0) throw new Error(`next build failed:\n${(result.stdout + result.stderr).split("\n").slice(-40).join("\n")}`);
  completeStandalone();
  console.log(`Built in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const children: ChildProcess[] = [];

function start(label: string, args: string[], env: NodeJS.ProcessEnv, log: string, cwd = ROOT): ChildProcess {
  const fd = openSync(log, "a");
  const proc = spawn(process.execPath, args, { cwd, env: { ...env, ...QUIET }, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  proc.once("exit", (code, signal) => {
    if (code && !stopping) console.error(`${label} exited with ${code ?? signal}; log: ${log}`);
  });
  children.push(proc);
  return proc;
}

let stopping = false;
async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all(
    children.map(
      (proc) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          const timer = setTimeout(() => {
            proc.kill("SIGKILL");
            resolve();
          }, 5000);
          proc.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          proc.kill("SIGTERM");
        }),
    ),
  );
}

async function waitFor(url: string, proc: ChildProcess, log: string, seconds = 120): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`${url}: the server exited (${proc.exitCode}):\n${readFileSync(log, "utf8").slice(-3000)}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not up after ${seconds} s:\n${readFileSync(log, "utf8").slice(-3000)}`);
}

function runOrThrow(label: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...env, ...QUIET }, encoding: "utf8", timeout: 180_000 });
  if (result.status !== 0) throw new Error(`${label} failed:\n${result.stdout}${result.stderr}`);
}

// ---------------------------------------------------------------------------
// Page weight

/** The same-origin scripts a page's HTML makes the browser load before it is interactive (script tags and script preloads). */
function scriptsOf(html: string, base: string): string[] {
  const urls = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const attrs = Object.fromEntries([...tag.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)].slice(1).map((m) => [m[1].toLowerCase(), m[2] ?? ""]));
    const url = tag.startsWith("<script") ? attrs.src : /^(preload|modulepreload)$/.test(attrs.rel ?? "") && (attrs.as === "script" || attrs.rel === "modulepreload") ? attrs.href : undefined;
    if (!url || tag.startsWith("<script") && "nomodule" in attrs) continue;
    const resolved = new URL(url.replace(/&amp;/g, "&"), base);
    if (resolved.origin === new URL(base).origin) urls.add(resolved.href);
  }
  return [...urls];
}

const gzipCache = new Map<string, number>();
async function gzipSize(url: string): Promise<number> {
  let size = gzipCache.get(url);
  if (size === undefined) {
    const res = await fetch(url, { headers: { "accept-encoding": "identity" } });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    size = gzipSync(Buffer.from(await res.arrayBuffer())).length;
    gzipCache.set(url, size);
  }
  return size;
}

async function weigh(base: string, route: string, pagePath: string, cookie: string): Promise<Weight> {
  const res = await fetch(`${base}${pagePath}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status}, not a page to weigh`);
  const scripts = scriptsOf(html, base);
  let gzipBytes = 0;
  for (const url of scripts) gzipBytes += await gzipSize(url);
  return { route, path: pagePath, status: res.status, scripts: scripts.length, gzipBytes };
}

/** Payport's start-up chunks every page loads first (the framework plus instrumentation-client.ts). */
async function rootMainBytes(base: string): Promise<number> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next", "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  let bytes = 0;
  for (const file of manifest.rootMainFiles) bytes += await gzipSize(`${base}/_next/${file}`);
  return bytes;
}

// ---------------------------------------------------------------------------
// Sessions and data

function cookiesFrom(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesFrom(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/`, json: "true" }),
  });
  cookiesFrom(res, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return cookieHeader(jar);
}

async function createOrder(base: string, databaseFile: string): Promise<string> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(databaseFile, { readonly: true });
  const price = db.prepare(`SELECT id FROM "Price" WHERE type = 'one_time' AND currency = 'usd' ORDER BY unitAmount LIMIT 1`).get() as { id: string } | undefined;
  db.close();
  if (!price) throw new Error("no one-time USD price was seeded");
  const res = await fetch(`${base}/api/checkout`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "bench@example.com", cartId: `bench_${Date.now().toString(36)}`, items: [{ priceId: price.id, quantity: 1 }] }),
  });
  const body = (await res.json()) as { orderId?: string };
  if (!res.ok || !body.orderId) throw new Error(`POST /api/checkout ${res.status}: ${JSON.stringify(body)}`);
  return body.orderId;
}

// ---------------------------------------------------------------------------
// Lighthouse

async function audit(pages: { page: string; path: string; cookie?: string }[], base: string): Promise<Audit[]> {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  const audits: Audit[] = [];
  try {
    for (const { page, path: pagePath, cookie } of pages) {
      const samples: Omit<Audit, "page" | "path" | "runs">[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await lighthouse(
          `${base}${pagePath}`,
          { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"], ...(cookie && { extraHeaders: { cookie } }) },
          undefined,
        );
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`Lighthouse returned nothing for ${pagePath}`);
        if (lhr.runtimeError) throw new Error(`Lighthouse ${pagePath}: ${lhr.runtimeError.message}`);
        const numeric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
        samples.push({
          score: Math.round((lhr.categories.performance.score ?? 0) * 100),
          lcpMs: numeric("largest-contentful-paint"),
          tbtMs: numeric("total-blocking-time"),
          cls: numeric("cumulative-layout-shift"),
          fcpMs: numeric("first-contentful-paint"),
        });
        process.stdout.write(`  ${page} run ${run + 1}: ${samples.at(-1)!.score}\n`);
      }
      audits.push({
        page,
        path: pagePath,
        runs: samples.length,
        score: median(samples.map((s) => s.score)),
        lcpMs: median(samples.map((s) => s.lcpMs)),
        tbtMs: median(samples.map((s) => s.tbtMs)),
        cls: median(samples.map((s) => s.cls)),
        fcpMs: median(samples.map((s) => s.fcpMs)),
      });
    }
  } finally {
    chrome.kill();
  }
  return audits;
}

// ---------------------------------------------------------------------------
// Tables

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

function print(now: Saved, before: Saved | null): void {
  const was = <T extends { route?: string; page?: string }>(list: T[] | undefined, key: string) => list?.find((x) => (x.route ?? x.page) === key);
  console.log(`\nFirst-load JavaScript, gzip, own origin (Stripe.js not counted). Framework (a bare page of this Next.js, bench/bare-next): ${kB(now.frameworkBytes)} kB.`);
  if (now.rootMainBytes) console.log(`Payport's start-up chunks (rootMainFiles: the framework's plus instrumentation-client.ts): ${kB(now.rootMainBytes)} kB${before?.rootMainBytes ? ` (before ${kB(before.rootMainBytes)} kB)` : ""}.`);
  table(
    ["route", ...(before ? ["before kB", "before over fw"] : []), "kB", "over framework", "scripts"],
    now.weights.map((w) => {
      const b = was(before?.weights, w.route);
      return [
        w.route,
        // Over the framework of this run: the same Next.js, so before and after are measured against one baseline.
        ...(before ? [b ? kB(b.gzipBytes) : "–", b ? `+${kB(b.gzipBytes - now.frameworkBytes)}` : "–"] : []),
        kB(w.gzipBytes),
        `+${kB(w.gzipBytes - now.frameworkBytes)}`,
        String(w.scripts),
      ];
    }),
  );
  console.log(`/admin for a signed-in admin: ${now.adminIndex}${before ? ` (before: ${before.adminIndex})` : ""}`);
  if (!now.audits.length) return;
  console.log(`\nLighthouse ${RUNS > 1 ? `median of ${RUNS} runs` : "1 run"}, mobile preset, performance only; load average ${now.loadAverage}${before ? ` (before: ${before.loadAverage})` : ""}.`);
  const ms = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(0));
  const cls = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(3));
  table(
    ["page", ...(before ? ["score before", "LCP ms before", "TBT ms before", "CLS before"] : []), "score", "LCP ms", "TBT ms", "CLS", "FCP ms"],
    now.audits.map((a) => {
      const b = was(before?.audits, a.page);
      return [a.page, ...(before ? [b ? String(b.score) : "–", b ? ms(b.lcpMs) : "–", b ? ms(b.tbtMs) : "–", b ? cls(b.cls) : "–"] : []), String(a.score), ms(a.lcpMs), ms(a.tbtMs), cls(a.cls), ms(a.fcpMs)];
    }),
  );
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  process.chdir(ROOT);
  console.log(`Machine: ${os.cpus().length} cores, load average ${loadAverage()} (1/5/15 min).`);
  ensureBuild();
  ensureBareBuild();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "payport-bench-page-weight-"));
  const cleanup = async () => {
    await stopAll();
    rmSync(tmp, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  try {
    const [appPort, emulatorPort] = [await freePort(), await freePort()];
    const base = `http://127.0.0.1:${appPort}`;
    const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
    const databaseFile = path.join(tmp, "bench.db");
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_URL: `file:${databaseFile}`, STRIPE_EMULATOR_URL: emulatorUrl, APP_URL: base, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET };
    // Local mode: the emulator, never Stripe.
    delete env.STRIPE_SECRET_KEY;
    delete env.STRIPE_PUBLISHABLE_KEY;

    const emulatorLog = path.join(tmp, "emulator.log");
    const emulator = start(
      "emulator",
      ["emulator/bin/stripe-emulator.mjs"],
      { ...env, STRIPE_EMULATOR_PORT: String(emulatorPort), STRIPE_EMULATOR_DATA_DIR: path.join(tmp, "emulator"), STRIPE_EMULATOR_WEBHOOK_URL: `${base}/api/webhooks/stripe` },
      emulatorLog,
    );
    await waitFor(`${emulatorUrl}/_emulator/health`, emulator, emulatorLog);
    runOrThrow("prisma migrate deploy", [PRISMA_BIN, "migrate", "deploy"], env);
    runOrThrow("seed-catalog", [TSX_BIN, "scripts/seed-catalog.ts"], env);
    const appLog = path.join(tmp, "app.log");
    const app = start("app", [standaloneServer()], { ...env, PORT: String(appPort), HOSTNAME: "127.0.0.1" }, appLog, path.dirname(standaloneServer()));
    await waitFor(`${base}/api/health`, app, appLog);

    const admin = await signIn(base, LOCAL_ADMIN.email, LOCAL_ADMIN.password);
    const orderId = await createOrder(base, databaseFile);
    const pricing = await (await fetch(`${base}/pricing`)).text();
    const planPrice = /\/subscribe\?price=([^"&]+)/.exec(pricing)?.[1];
    if (!planPrice) throw new Error("no /subscribe?price= link on /pricing");
    const checkoutPath = `/checkout/${encodeURIComponent(orderId)}`;

    const routes: [string, string, string][] = [
      ["/", "/", ""],
      ["/pricing", "/pricing", ""],
      ["/cart", "/cart", ""],
      ["/checkout/[orderId]", checkoutPath, ""],
      ["/subscribe", `/subscribe?price=${planPrice}`, admin],
      ["/account", "/account", admin],
      ["/account/billing", "/account/billing", admin],
      ["/admin/dashboard", "/admin/dashboard", admin],
      ["/admin/payments", "/admin/payments", admin],
    ];
    // Warm every route once: the first answer of a route pays for loading its code.
    for (const [, p, cookie] of routes) await fetch(`${base}${p}`, { headers: cookie ? { cookie } : {} }).then((r) => r.arrayBuffer());
    const weights: Weight[] = [];
    for (const [route, p, cookie] of routes) weights.push(await weigh(base, route, p, cookie));
    const adminRes = await fetch(`${base}/admin`, { headers: { cookie: admin }, redirect: "manual" });
    const adminIndex = `${adminRes.status}${adminRes.headers.get("location") ? ` → ${adminRes.headers.get("location")}` : ""}`;
    await adminRes.arrayBuffer();

    let audits: Audit[] = [];
    if (process.env.BENCH_LIGHTHOUSE !== "0") {
      console.log(`\nLighthouse (${RUNS} runs a page, load average ${loadAverage()})…`);
      audits = await audit(
        [
          { page: "/", path: "/" },
          { page: "/pricing", path: "/pricing" },
          { page: "checkout", path: checkoutPath },
          { page: "admin dashboard", path: "/admin/dashboard", cookie: admin },
        ],
        base,
      );
    }
    const barePort = await freePort();
    const bareLog = path.join(tmp, "bare-next.log");
    const bare = start("bare Next", [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(barePort)], { ...process.env, NODE_ENV: "production" }, bareLog, BARE_NEXT_DIR);
    await waitFor(`http://127.0.0.1:${barePort}/`, bare, bareLog);
    const framework = await weigh(`http://127.0.0.1:${barePort}`, "bare Next page", "/", "");
    const now: Saved = { at: new Date().toISOString(), loadAverage: loadAverage(), frameworkBytes: framework.gzipBytes, rootMainBytes: await rootMainBytes(base), weights, audits, adminIndex };
    const comparePath = process.env.BENCH_COMPARE;
    const before = comparePath && existsSync(comparePath) ? (JSON.parse(readFileSync(comparePath, "utf8")) as Saved) : null;
    print(now, before);
    if (process.env.BENCH_SAVE) {
      writeFileSync(process.env.BENCH_SAVE, `${JSON.stringify(now, null, 2)}\n`);
      console.log(`\nSaved to ${process.env.BENCH_SAVE}.`);
    }
  } finally {
    await cleanup();
  }
}

await main();
