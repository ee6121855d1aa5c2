// The `stripe-emulator` command (bin/stripe-emulator.mjs): prints its URL when ready, persists to
// the data folder, preconfigures the webhook endpoint from the environment, and takes flags.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { eventually } from "./helpers.ts";

const BIN = fileURLToPath(new URL("../bin/stripe-emulator.mjs", import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
}

describe("CLI", () => {
  it("serves on STRIPE_EMULATOR_PORT, prints the URL, writes STRIPE_EMULATOR_DATA_DIR/emulator.json", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "stripe-emulator-cli-"));
    const child = run([], {
      STRIPE_EMULATOR_PORT: "0",
      STRIPE_EMULATOR_DATA_DIR: dataDir,
      STRIPE_EMULATOR_WEBHOOK_URL: "http://127.0.0.1:9/hooks",
      STRIPE_WEBHOOK_SECRET: "whsec_cli",
    });
    try {
      let output = "";
      child.stdout!.on("data", (chunk) => (output += String(chunk)));
      const url = await eventually(() => /listening on (http:\/\/\S+)/.exec(output)?.[1], 15_000);
      const { hostname, port } = new URL(url);
      const stripe = new Stripe("sk_test_emulator", { host: hostname, port: Number(port), protocol: "http" });
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

  it("--port and --data-dir override the environment, and the control API answers", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "stripe-emulator-cli-"));
    const child = run(["--port", "0", "--data-dir", dataDir], { STRIPE_EMULATOR_PORT: "1", STRIPE_EMULATOR_LOG: "0" });
    try {
      let output = "";
      child.stdout!.on("data", (chunk) => (output += String(chunk)));
      const url = await eventually(() => /listening on (http:\/\/\S+)/.exec(output)?.[1], 15_000);
      const health = await fetch(`${url}/_emulator/health`);
      expect(await health.json()).toEqual({ ok: true });
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it("--help prints the usage and exits without listening", async () => {
    const child = run(["--help"]);
    let output = "";
    child.stdout!.on("data", (chunk) => (output += String(chunk)));
    const code = await new Promise((r) => child.once("exit", r));
    expect(code).toBe(0);
    expect(output).toContain("Usage: stripe-emulator [--port N]");
  }, 30_000);
});
