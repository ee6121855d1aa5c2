// The production layout in a browser: the standalone server as the Docker
// image runs it (copied out of the repository, JSON logs), on its own
// emulator, ports and a fresh database: PostgreSQL when TEST_POSTGRES_URL is
// set (as scripts/test.mjs does when it can reach one), else SQLite. Needs a build:
//   npm run build && npx playwright test --config playwright.standalone.config.ts
// Ports: STANDALONE_APP_PORT (3299), STANDALONE_EMULATOR_PORT (12299).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { emulatorWebServer, QUIET_ENV as quiet } from "./e2e/servers";

const appPort = Number(process.env.STANDALONE_APP_PORT ?? 3299);
const emulatorPort = Number(process.env.STANDALONE_EMULATOR_PORT ?? 12299);
const appUrl = `http://127.0.0.1:${appPort}`;
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
const webhookSecret = "whsec_standalone_e2e";

// Workers re-evaluate this file; the env var keeps one directory per run.
process.env.PAYPORT_STANDALONE_DIR ??= mkdtempSync(path.join(os.tmpdir(), "payport-standalone-"));
const runDir = process.env.PAYPORT_STANDALONE_DIR;
// The server's output, also read by the spec (its log lines).
const serverLog = path.join(runDir, "server.log");
const serverDir = path.join(runDir, "app");

function databaseUrl(): string {
  const postgres = process.env.TEST_POSTGRES_URL;
  if (!postgres) return `file:${path.join(runDir, "standalone.db")}`;
  const url = new URL(postgres);
  url.pathname = "/payport_standalone_e2e";
  return url.toString();
}


export default defineConfig({
  ...base,
  testDir: "e2e/standalone",
  testMatch: "*.standalone.ts",
  use: { ...base.use, baseURL: appUrl },
  webServer: [
    emulatorWebServer({ port: emulatorPort, dataDir: path.join(runDir, "emulator"), webhookUrl: `${appUrl}/api/webhooks/stripe`, webhookSecret }),
    {
      command: [
        "node e2e/standalone/fresh-database.mjs",
        "node node_modules/prisma/build/index.js migrate deploy",
        "node node_modules/tsx/dist/cli.mjs scripts/seed-catalog.ts",
        "node scripts/standalone.mjs",
        // Copied out of the repository, as into the image: nothing can fall back on ./node_modules.
        `rm -rf ${JSON.stringify(serverDir)} && cp -a .next/standalone ${JSON.stringify(serverDir)}`,
        `node ${JSON.stringify(path.join(serverDir, "server.js"))} 2>&1 | tee ${JSON.stringify(serverLog)}`,
      ].join(" && "),
      url: `${appUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        ...quiet,
        DATABASE_URL: databaseUrl(),
        STRIPE_EMULATOR_URL: emulatorUrl,
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        APP_URL: appUrl,
        PORT: String(appPort),
        HOSTNAME: "127.0.0.1",
        LOG_FORMAT: "json",
      },
    },
  ],
});
