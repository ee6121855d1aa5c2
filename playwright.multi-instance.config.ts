// Two app instances on one PostgreSQL database, end to end: a webhook that
// lands on instance A must reach a shopper whose page is served by instance B
// (the live bus: NOTIFY on A's write, LISTEN in B).
//
//   npx next build && npx playwright test -c playwright.multi-instance.config.ts
// (run by `npm test` after the main Playwright run when PostgreSQL is reachable).
// PostgreSQL: TEST_POSTGRES_URL's server, else postgresql://postgres@127.0.0.1:5432;
// a fresh `payport_multi_<random>` database is created, migrated and seeded,
// and dropped at the end (e2e-multi/database.mjs). Servers start in order:
// emulator (webhooks → A only), database, A, B.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { emulatorWebServer, QUIET_ENV as quiet } from "./e2e/servers";
import { APP_A_URL, APP_B_URL, EMULATOR_URL, MULTI_APP_A_PORT, MULTI_APP_B_PORT, MULTI_DATABASE_PORT, MULTI_EMULATOR_PORT } from "./e2e-multi/servers";
import baseConfig from "./playwright.config";

const webhookSecret = "whsec_e2e_multi";

// Workers re-evaluate this file; the env vars keep one database and one emulator directory per run.
process.env.PAYPORT_MULTI_EMULATOR_DIR ??= mkdtempSync(path.join(os.tmpdir(), "payport-e2e-multi-emulator-"));
process.env.PAYPORT_MULTI_DATABASE ??= `payport_multi_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const databaseUrl = new URL(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
databaseUrl.pathname = `/${process.env.PAYPORT_MULTI_DATABASE}`;

function appInstance(port: number, appUrl: string) {
  return {
    // The standalone server, as the production image runs it (npm test builds it first).
    command: "node .next/standalone/server.js",
    url: `${appUrl}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    env: {
      ...quiet,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl.toString(),
      STRIPE_EMULATOR_URL: EMULATOR_URL,
      APP_URL: appUrl,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
    },
  };
}

export default defineConfig({
  ...baseConfig,
  testDir: "e2e-multi",
  timeout: 90_000,
  use: { ...baseConfig.use, baseURL: APP_B_URL },
  webServer: [
    // Only instance A is a webhook endpoint.
    emulatorWebServer({ port: MULTI_EMULATOR_PORT, dataDir: process.env.PAYPORT_MULTI_EMULATOR_DIR, webhookUrl: `${APP_A_URL}/api/webhooks/stripe`, webhookSecret }),
    {
      command: "(test -f .next/BUILD_ID || node node_modules/next/dist/bin/next build) && node e2e-multi/database.mjs",
      url: `http://127.0.0.1:${MULTI_DATABASE_PORT}/health`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe",
      // SIGTERM lets it drop the database (after A and B, which stop first).
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: { ...quiet, MULTI_DATABASE_URL: databaseUrl.toString(), MULTI_DATABASE_PORT: String(MULTI_DATABASE_PORT), STRIPE_EMULATOR_URL: EMULATOR_URL },
    },
    appInstance(MULTI_APP_A_PORT, APP_A_URL),
    appInstance(MULTI_APP_B_PORT, APP_B_URL),
  ],
});
