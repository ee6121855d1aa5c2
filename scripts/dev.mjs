#!/usr/bin/env node
// `npm run dev` (and `npm start` with --production, on the standalone build): everything a newcomer
// needs on the embedded defaults, in one process tree:
//   database migrated → local Stripe emulator (unless real keys are set) →
//   catalog seeded → Next.js.
// With STRIPE_SECRET_KEY set it skips the emulator and talks to real Stripe;
// forward webhooks with `stripe listen --forward-to localhost:3000/api/webhooks/stripe`.
import { existsSync } from "node:fs";
import path from "node:path";
import { bin, isUp, runNode, startNode, waitUntilUp } from "./lib/processes.mjs";

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
runNode(bin.prisma, ["migrate", "deploy"], env);

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
    });
    await waitUntilUp(health, { child: emulator });
  }
}

runNode(bin.tsx, ["scripts/seed-catalog.ts"], env);

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
