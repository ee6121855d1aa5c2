// End-to-end tests in Debian's Chromium against the production build.
//
// Run through `npm test` (which runs `next build` first), or on its own:
//   npx next build && npx playwright test
// The app is the standalone server (node .next/standalone/server.js), as in
// production. If no build exists the app server builds once
// before starting; after changing app code, rebuild yourself: this config
// never rebuilds an existing build.
//
// Two servers, started in order: the local Stripe emulator (fresh state in a
// temp dir, webhooks to the app), then the app on a fresh SQLite database
// (migrations through the real `prisma migrate deploy`, catalog seeded into
// the emulator and mirrored into the database).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

import { APP_URL as appUrl, E2E_APP_PORT, E2E_EMULATOR_PORT, EMULATOR_URL as emulatorUrl, emulatorWebServer, QUIET_ENV as quiet } from "./e2e/servers";
const webhookSecret = "whsec_e2e";

// Workers re-evaluate this file; the env var keeps one directory per run.
process.env.PAYPORT_E2E_EMULATOR_DIR ??= mkdtempSync(path.join(os.tmpdir(), "payport-e2e-emulator-"));


export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1, // 2-core machine; one app and one emulator shared by all tests
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: appUrl,
    browserName: "chromium",
    trace: "retain-on-failure",
    // Debian's chromium (apt-get install -y chromium); never `npx playwright install`.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // Chromium itself (not the page) resolves Google hosts; make every
        // non-local hostname fail inside the browser, with no DNS at all.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
      ],
    },
  },
  webServer: [
    emulatorWebServer({ port: E2E_EMULATOR_PORT, dataDir: process.env.PAYPORT_E2E_EMULATOR_DIR, webhookUrl: `${appUrl}/api/webhooks/stripe`, webhookSecret }),
    {
      command: [
        "rm -f prisma/e2e.db prisma/e2e.db-journal prisma/e2e.db-wal prisma/e2e.db-shm",
        "node node_modules/prisma/build/index.js migrate deploy",
        "node node_modules/tsx/dist/cli.mjs scripts/seed-catalog.ts",
        "(test -f .next/standalone/server.js || node node_modules/next/dist/bin/next build)",
        "node scripts/standalone.mjs",
        // The standalone server the Docker image runs (PORT, HOSTNAME below).
        "node .next/standalone/server.js",
      ].join(" && "),
      url: `${appUrl}/`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe",
      env: {
        ...quiet,
        // Absolute: the standalone server runs from its own folder.
        DATABASE_URL: `file:${path.resolve("prisma/e2e.db")}`,
        PORT: String(E2E_APP_PORT),
        HOSTNAME: "127.0.0.1",
        STRIPE_EMULATOR_URL: emulatorUrl,
        APP_URL: appUrl,
        STRIPE_WEBHOOK_SECRET: webhookSecret,
      },
    },
  ],
});
