#!/usr/bin/env node
// `npm run dev` (and `npm start` with --production, on the standalone build): everything a newcomer
// needs on the embedded defaults, in one process tree:
//   database migrated → local Stripe emulator (unless real keys are set) →
//   catalog seeded → Next.js → once it answers (and has the emulator's
//   webhooks), a few lines saying where to click.
// Each step says one line on success and everything on failure: a clean start
// is quiet.
// With STRIPE_SECRET_KEY set it skips the emulator and talks to real Stripe;
// forward webhooks with `stripe listen --forward-to localhost:3000/api/webhooks/stripe`.
import { existsSync } from "node:fs";
import path from "node:path";
import { bin, isUp, runNode, runNodeQuietly, startNode, waitUntilUp } from "./lib/processes.mjs";

if (existsSync(".env")) process.loadEnvFile(".env");
const production = process.argv.includes("--production");
const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/dev.db",
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
};
const localMode = !env.STRIPE_SECRET_KEY;

try {
  runNode(bin.tsx, ["scripts/check-env.ts"], env);
} catch {
  process.exit(2); // check-env printed what to fix
}
console.log(`Payport: ${localMode ? "local mode (Stripe emulator, no keys)" : "real Stripe"}, database ${env.DATABASE_URL.replace(/\/\/[^@]*@/, "//…@")}`);
// Prisma's own report (the migration list, a note about the schema's url that driver adapters ignore) only on failure.
const migrated = runNodeQuietly(bin.prisma, ["migrate", "deploy"], env);
const applied = (migrated.match(/└─ \d{14}_\w+\//g) ?? []).length;
console.log(applied ? `Database migrated (${applied} migration${applied === 1 ? "" : "s"} applied)` : "Database up to date");

if (localMode) {
  env.STRIPE_EMULATOR_URL ??= `http://127.0.0.1:${env.STRIPE_EMULATOR_PORT ?? "12111"}`;
  env.STRIPE_WEBHOOK_SECRET ??= "whsec_payport_local_emulator";
  const health = `${env.STRIPE_EMULATOR_URL}/_emulator/health`;
  if (await isUp(health)) {
    console.log(`Using the Stripe emulator already running at ${env.STRIPE_EMULATOR_URL}`);
  } else {
    const emulator = startNode("emulator", "emulator/bin/stripe-emulator.mjs", [], {
      ...env,
      STRIPE_EMULATOR_PORT: new URL(env.STRIPE_EMULATOR_URL).port,
      STRIPE_EMULATOR_WEBHOOK_URL: `http://127.0.0.1:${port}/api/webhooks/stripe`,
      // The first delivery waits for Next.js to compile the webhook route.
      STRIPE_EMULATOR_WEBHOOK_TIMEOUT_MS: env.STRIPE_EMULATOR_WEBHOOK_TIMEOUT_MS ?? "120000",
    });
    await waitUntilUp(health, { child: emulator });
  }
}

// The seed's Stripe calls are logged at debug level; its summary is enough here.
runNode(bin.tsx, ["scripts/seed-catalog.ts"], { ...env, LOG_LEVEL: env.LOG_LEVEL ?? "warn" });

let next;
if (production) {
  // The production server is the standalone build (what the Docker image runs).
  if (!existsSync(".next/standalone/server.js")) runNode(bin.next, ["build"], env);
  runNode("scripts/standalone.mjs", [], env);
  // server.js runs from its own folder: a relative SQLite path must be made absolute first.
  const databaseUrl = env.DATABASE_URL.startsWith("file:") ? `file:${path.resolve(env.DATABASE_URL.slice("file:".length))}` : env.DATABASE_URL;
  next = startNode("next", ".next/standalone/server.js", [], { ...env, DATABASE_URL: databaseUrl, PORT: port, HOSTNAME: "0.0.0.0" });
} else {
  next = startNode("next", bin.next, ["dev", "-p", port], env);
}
next.on("exit", (code) => process.exit(code ?? 0));

// The emulator holds the seed's webhooks until the app answers; the banner comes after them.
await waitUntilUp(`http://127.0.0.1:${port}/api/health`, { timeoutMs: 300_000, child: next });
if (localMode) await webhooksDelivered(env.STRIPE_EMULATOR_URL);
runNode(bin.tsx, ["scripts/start-banner.ts"], production ? { ...env, NODE_ENV: "production" } : env);

/** Waits (up to a minute) until the emulator has no event left to deliver. */
async function webhooksDelivered(emulatorUrl) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${emulatorUrl}/v1/events?limit=100`, { headers: { authorization: "Bearer sk_test_emulator" } });
      const { data } = await res.json();
      if (data.every((event) => event.pending_webhooks === 0)) break;
    } catch {
      break; // the emulator is not ours to wait for
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // The workers apply what was just acknowledged within moments; let their lines come first.
  await new Promise((r) => setTimeout(r, 1000));
}
