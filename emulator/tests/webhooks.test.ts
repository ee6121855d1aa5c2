import http from "node:http";
import Stripe from "stripe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startEmulator } from "../index.ts";
import { eventually, RETURN_URL, startReceiver, useTestEmulator } from "./helpers.ts";

const SECRET = "whsec_test_emulator_secret";
const verifier = new Stripe("sk_test_verify");
const t = useTestEmulator({ retrySchedule: [50, 100, 150], asyncDelayMs: 5 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await t.control("/_emulator/chaos", { duplicate_rate: 0, shuffle: false, delivery_delay_ms: 0, drop_types: [] });
  while (cleanups.length) await cleanups.pop()!();
});

/** Registers an endpoint with a fixed secret through the SDK, returns the receiver. */
async function endpoint(enabled: string[], respond?: Parameters<typeof startReceiver>[0]) {
  const receiver = await startReceiver(respond);
  const we = await t.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: enabled as Stripe.WebhookEndpointCreateParams.EnabledEvent[] });
  cleanups.push(async () => {
    await t.stripe.webhookEndpoints.del(we.id);
    await receiver.close();
  });
  return { receiver, secret: we.secret!, we };
}

describe("webhook delivery", () => {
  it("deliveries are signed so that stripe.webhooks.constructEvent accepts them", async () => {
    const { receiver, secret } = await endpoint(["customer.created"]);
    const customer = await t.stripe.customers.create({ email: "hook@example.com" });
    await eventually(() => receiver.deliveries.length >= 1);
    const d = receiver.deliveries[0];
    expect(d.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(d.headers["stripe-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = verifier.webhooks.constructEvent(d.raw, d.headers["stripe-signature"] as string, secret);
    expect(event.type).toBe("customer.created");
    expect((event.data.object as Stripe.Customer).id).toBe(customer.id);
    expect(event.request).toEqual({ id: customer.lastResponse.requestId, idempotency_key: customer.lastResponse.idempotencyKey });
    expect(() => verifier.webhooks.constructEvent(d.raw, d.headers["stripe-signature"] as string, "whsec_wrong")).toThrow(/No signatures found/);
  });

  it("a preconfigured endpoint (options.webhookEndpoints) uses the given secret", async () => {
    const receiver = await startReceiver();
    const emu = await startEmulator({ port: 0, webhookEndpoints: [{ url: receiver.url, secret: SECRET }] });
    try {
      const stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: emu.port, protocol: "http" });
      await stripe.customers.create();
      await eventually(() => receiver.deliveries.length >= 1);
      const d = receiver.deliveries[0];
      expect(verifier.webhooks.constructEvent(d.raw, d.headers["stripe-signature"] as string, SECRET).type).toBe("customer.created");
      const listed = await stripe.webhookEndpoints.list();
      expect(listed.data.map((w) => w.url)).toEqual([receiver.url]);
    } finally {
      await emu.close();
      await receiver.close();
    }
  });

  it("retries after a non-2xx with backoff, then pending_webhooks drops to 0", async () => {
    const { receiver } = await endpoint(["product.created"], (_d, i) => (i < 2 ? 500 : 200));
    const product = await t.stripe.products.create({ name: "Retry me" });
    await eventually(() => receiver.deliveries.length >= 3);
    const ids = receiver.deliveries.map((d) => d.event.id);
    expect(new Set(ids).size).toBe(1);
    expect(receiver.deliveries[0].event.pending_webhooks).toBe(1);
    const [event] = (await t.stripe.events.list({ type: "product.created", limit: 5 })).data.filter((e) => (e.data.object as Stripe.Product).id === product.id);
    await eventually(async () => (await t.stripe.events.retrieve(event.id)).pending_webhooks === 0);
  });

  it("gives up after the retry schedule", async () => {
    const { receiver } = await endpoint(["price.created"], () => 503);
    await t.stripe.prices.create({ currency: "usd", unit_amount: 100, product_data: { name: "Never acked" } });
    await eventually(() => receiver.deliveries.length >= 4);
    await new Promise((r) => setTimeout(r, 400));
    expect(receiver.deliveries).toHaveLength(4);
  });

  it("a delivery that times out is retried", async () => {
    let calls = 0;
    const slow = http.createServer((_req, res) => {
      calls += 1;
      if (calls === 1) return;
      res.writeHead(200).end();
    });
    await new Promise<void>((r) => slow.listen(0, "127.0.0.1", r));
    const port = (slow.address() as { port: number }).port;
    const emu = await startEmulator({ port: 0, webhookTimeoutMs: 100, retrySchedule: [50], webhookEndpoints: [{ url: `http://127.0.0.1:${port}/`, secret: SECRET }] });
    try {
      const stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: emu.port, protocol: "http" });
      await stripe.customers.create();
      await eventually(() => calls >= 2);
      await eventually(async () => (await stripe.events.list()).data[0].pending_webhooks === 0);
    } finally {
      await emu.close();
      slow.closeAllConnections();
      await new Promise((r) => slow.close(r));
    }
  });

  it("emits a payment's events in the order of BEHAVIOR §2.7", async () => {
    const { receiver } = await endpoint(["*"]);
    const pi = await t.stripe.paymentIntents.create({ amount: 2000, currency: "usd", confirm: true, payment_method: "pm_card_visa", return_url: RETURN_URL });
    await eventually(() => receiver.deliveries.some((d) => d.event.type === "charge.updated"));
    const types = receiver.deliveries.map((d) => d.event.type);
    expect(types).toEqual(["payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "charge.updated"]);
    const updated = receiver.deliveries[3].event as unknown as Stripe.ChargeUpdatedEvent;
    expect(updated.data.previous_attributes).toEqual({ balance_transaction: null });
    expect(updated.request).toEqual({ id: null, idempotency_key: null });
    expect((receiver.deliveries[2].event.data.object as unknown as Stripe.PaymentIntent).id).toBe(pi.id);
  });

  it("decline, 3DS and manual-capture sequences", async () => {
    const { receiver } = await endpoint([
      "payment_intent.created",
      "payment_intent.succeeded",
      "payment_intent.payment_failed",
      "payment_intent.requires_action",
      "payment_intent.amount_capturable_updated",
      "charge.succeeded",
      "charge.failed",
      "charge.captured",
      "charge.updated",
    ]);
    const ofIntent = (id: string) =>
      receiver.deliveries
        .filter((d) => d.event.data.object.id === id || d.event.data.object.payment_intent === id)
        .map((d) => d.event.type);

    const declined = await t.stripe.paymentIntents.create({ amount: 2000, currency: "usd" });
    await t.stripe.paymentIntents.confirm(declined.id, { payment_method: "pm_card_visa_chargeDeclined", return_url: RETURN_URL }).catch(() => null);
    await eventually(() => ofIntent(declined.id).length >= 3);
    expect(ofIntent(declined.id)).toEqual(["payment_intent.created", "charge.failed", "payment_intent.payment_failed"]);

    const secure = await t.stripe.paymentIntents.create({ amount: 2000, currency: "usd", confirm: true, payment_method: "pm_card_threeDSecureRequired", return_url: RETURN_URL });
    await t.control(`/_emulator/payment_intents/${secure.id}/three_d_secure`, { outcome: "succeed", client_secret: secure.client_secret });
    await eventually(() => ofIntent(secure.id).length >= 5);
    expect(ofIntent(secure.id)).toEqual(["payment_intent.created", "payment_intent.requires_action", "charge.succeeded", "payment_intent.succeeded", "charge.updated"]);

    const manual = await t.stripe.paymentIntents.create({ amount: 2000, currency: "usd", capture_method: "manual", confirm: true, payment_method: "pm_card_visa", return_url: RETURN_URL });
    await t.stripe.paymentIntents.capture(manual.id);
    await eventually(() => ofIntent(manual.id).length >= 6);
    expect(ofIntent(manual.id)).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.amount_capturable_updated",
      "charge.captured",
      "payment_intent.succeeded",
      "charge.updated",
    ]);
  });

  it("chaos: duplicate_rate=1 delivers every event twice with the same id", async () => {
    const { receiver } = await endpoint(["customer.created"]);
    await t.control("/_emulator/chaos", { duplicate_rate: 1 });
    await t.stripe.customers.create();
    await t.stripe.customers.create();
    await eventually(() => receiver.deliveries.length >= 4);
    const ids = receiver.deliveries.map((d) => d.event.id);
    expect(new Set(ids).size).toBe(2);
    expect(ids.filter((id) => id === ids[0])).toHaveLength(2);
  });

  it("chaos: shuffle reorders deliveries (same set of events)", async () => {
    const { receiver } = await endpoint(["customer.created"]);
    const chaos = await t.control<{ shuffle: boolean }>("/_emulator/chaos", { shuffle: true, delivery_delay_ms: 150 });
    expect(chaos.body.shuffle).toBe(true);
    const created: string[] = [];
    for (let i = 0; i < 8; i++) created.push((await t.stripe.customers.create()).id);
    await eventually(() => receiver.deliveries.length >= 8);
    const delivered = receiver.deliveries.map((d) => d.event.data.object.id as string);
    expect([...delivered].sort()).toEqual([...created].sort());
    expect(delivered).not.toEqual(created);
  });

  it("chaos: drop_types suppresses deliveries (the event is still listable) and redeliver sends it", async () => {
    const { receiver } = await endpoint(["customer.created", "customer.updated"]);
    await t.control("/_emulator/chaos", { drop_types: ["customer.created"] });
    const c = await t.stripe.customers.create();
    await t.stripe.customers.update(c.id, { name: "after" });
    await eventually(() => receiver.deliveries.length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.deliveries.map((d) => d.event.type)).toEqual(["customer.updated"]);
    const [created] = (await t.stripe.events.list({ type: "customer.created", limit: 1 })).data;
    expect((created.data.object as Stripe.Customer).id).toBe(c.id);
    expect(created.pending_webhooks).toBe(1);
    const res = await t.control("/_emulator/webhooks/redeliver", { event: created.id });
    expect(res.status).toBe(200);
    await eventually(() => receiver.deliveries.length >= 2);
    expect(receiver.deliveries[1].event.id).toBe(created.id);
  });

  it("the updated event carries previous_attributes of only the changed keys", async () => {
    const { receiver } = await endpoint(["customer.updated"]);
    const c = await t.stripe.customers.create({ name: "Before", email: "same@example.com" });
    await t.stripe.customers.update(c.id, { name: "After", email: "same@example.com" });
    await eventually(() => receiver.deliveries.length >= 1);
    expect((receiver.deliveries[0].event as unknown as Stripe.CustomerUpdatedEvent).data.previous_attributes).toEqual({ name: "Before" });
  });
});

describe("events API", () => {
  it("lists with type (including wildcards) and created filters; retrieves by id", async () => {
    const c = await t.stripe.customers.create();
    const list = await t.stripe.events.list({ type: "customer.created", created: { gte: c.created - 1 } });
    const mine = list.data.find((e) => (e.data.object as Stripe.Customer).id === c.id)!;
    expect(mine).toMatchObject({ object: "event", api_version: "2026-10-28.endive", livemode: false, type: "customer.created" });
    expect(mine.id).toMatch(/^evt_/);
    expect((await t.stripe.events.retrieve(mine.id)).id).toBe(mine.id);
    const wildcard = await t.stripe.events.list({ type: "customer.*", limit: 100 });
    expect(wildcard.data.every((e) => e.type.startsWith("customer."))).toBe(true);
    const future = await t.stripe.events.list({ created: { gt: c.created + 1000 } });
    expect(future.data).toHaveLength(0);
  });
});

describe("an endpoint nothing listens on yet", () => {
  it("holds its deliveries in order, uses up no retries, logs the wait once, and delivers them when it answers", async () => {
    const placeholder = http.createServer();
    await new Promise<void>((r) => placeholder.listen(0, "127.0.0.1", r));
    const port = (placeholder.address() as { port: number }).port;
    await new Promise((r) => placeholder.close(r));
    const logged: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
    const emu = await startEmulator({ port: 0, retrySchedule: [10], log: true, webhookEndpoints: [{ url: `http://127.0.0.1:${port}/`, secret: SECRET }] });
    const received: string[] = [];
    const app = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push((JSON.parse(body) as { type: string; data: { object: { id: string } } }).data.object.id);
        res.end("{}");
      });
    });
    try {
      const stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: emu.port, protocol: "http" });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await stripe.customers.create()).id);
      // Far longer than the whole retry schedule: refused connections are not attempts.
      await new Promise((r) => setTimeout(r, 700));
      await new Promise<void>((r) => app.listen(port, "127.0.0.1", r));
      await eventually(() => received.length >= 5);
      expect(received).toEqual(ids);
      const webhookLines = logged.filter((line) => line.includes("webhook"));
      expect(webhookLines).toEqual([expect.stringContaining(`webhook endpoint http://127.0.0.1:${port}/ is not answering yet; waiting for it`)]);
    } finally {
      spy.mockRestore();
      await emu.close();
      app.closeAllConnections();
      await new Promise((r) => app.close(r));
    }
  });
});
