import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../index.ts";
import { RETURN_URL } from "./helpers.ts";

const dataDir = mkdtempSync(join(tmpdir(), "stripe-emulator-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const client = (port: number) => new Stripe("sk_test_emulator", { host: "127.0.0.1", port, protocol: "http" });

describe("persistence", () => {
  it("state written to <dataDir>/emulator.json survives a restart", async () => {
    const first = await startEmulator({ port: 0, dataDir });
    const stripe = client(first.port);
    const customer = await stripe.customers.create({ email: "keep@example.com" });
    const product = await stripe.products.create({ id: "prod_persisted", name: "Kept" });
    const pm = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", customer: customer.id, confirm: true, payment_method: pm.id, return_url: RETURN_URL });
    await first.close();
    expect(JSON.parse(readFileSync(join(dataDir, "emulator.json"), "utf8")).customers).toHaveLength(1);

    const second = await startEmulator({ port: 0, dataDir });
    try {
      const again = client(second.port);
      expect(((await again.customers.retrieve(customer.id)) as Stripe.Customer).email).toBe("keep@example.com");
      expect((await again.products.retrieve(product.id)).name).toBe("Kept");
      expect((await again.paymentIntents.retrieve(pi.id)).status).toBe("succeeded");
      // emulator-private facts (the card behind the PaymentMethod) survive too
      const declined = await again.paymentIntents.create({ amount: 1000, currency: "usd", customer: customer.id, confirm: true, payment_method: pm.id, return_url: RETURN_URL });
      expect(declined.status).toBe("succeeded");
      expect((await again.events.list({ limit: 100 })).data.length).toBeGreaterThan(3);
    } finally {
      await second.close();
    }
  });

  it("without dataDir, state is memory-only and reset wipes it", async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      const stripe = client(emu.port);
      const c = await stripe.customers.create();
      const res = await fetch(`${emu.url}/_emulator/reset`, { method: "POST" });
      expect(res.status).toBe(200);
      await expect(stripe.customers.retrieve(c.id)).rejects.toMatchObject({ statusCode: 404 });
    } finally {
      await emu.close();
    }
  });
});

describe("preconfigured webhook endpoints across restarts", () => {
  it("are kept once, updated with the new secret, and removed when no longer configured", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stripe-emulator-we-"));
    try {
      const a = await startEmulator({ port: 0, dataDir: dir, webhookEndpoints: [{ url: "http://127.0.0.1:9/a", secret: "whsec_one" }] });
      await a.close();
      const b = await startEmulator({ port: 0, dataDir: dir, webhookEndpoints: [{ url: "http://127.0.0.1:9/a", secret: "whsec_two" }] });
      const listed = await client(b.port).webhookEndpoints.list();
      expect(listed.data.map((w) => w.url)).toEqual(["http://127.0.0.1:9/a"]);
      expect(b.emulator.webhookSecret(listed.data[0].id)).toBe("whsec_two");
      await b.close();
      const c = await startEmulator({ port: 0, dataDir: dir });
      expect((await client(c.port).webhookEndpoints.list()).data).toEqual([]);
      await c.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
