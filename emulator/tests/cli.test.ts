// `npm run emulator` (= tsx emulator/main.ts): prints its URL when ready, persists to the data
// folder, and preconfigures the webhook endpoint from the environment.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { eventually } from "./helpers.ts";

describe("CLI", () => {
  it("serves on STRIPE_EMULATOR_PORT, prints the URL, writes STRIPE_EMULATOR_DATA_DIR/emulator.json", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "stripe-emulator-cli-"));
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts"], {
      env: {
        ...process.env,
        STRIPE_EMULATOR_PORT: "0",
        STRIPE_EMULATOR_DATA_DIR: dataDir,
        STRIPE_EMULATOR_WEBHOOK_URL: "http://127.0.0.1:9/hooks",
        STRIPE_WEBHOOK_SECRET: "whsec_cli",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      let output = "";
      child.stdout!.on("data", (chunk) => (output += String(chunk)));
      const url = await eventually(() => /listening on (http:\/\/\S+)/.exec(output)?.[1], 15_000);
      const { hostname, port } = new URL(url);
      const stripe = new Stripe("sk_test_cli", { host: hostname, port: Number(port), protocol: "http" });
      const endpoints = await stripe.webhookEndpoints.list();
      expect(endpoints.data.map((w) => w.url)).toEqual(["http://127.0.0.1:9/hooks"]);
      await stripe.customers.create({ email: "cli@example.com" });
      await eventually(() => existsSync(join(dataDir, "emulator.json")), 5_000);
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
