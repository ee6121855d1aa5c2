// The webhook route handler called directly with signed requests built here:
// signature checks, the StripeEvent ledger, duplicates, delivery order,
// failures and retries, on a real database (SQLite, and PostgreSQL when set).
// The route only stores and acknowledges; `deliver` then settles the queue so
// the handler's effect can be asserted right away.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type Stripe from "stripe";
import { POST } from "@/app/api/webhooks/stripe/route";
import { createDb, setDb } from "@/lib/db";
import { stripeEventHandlers } from "@/lib/webhooks/handlers";
import { replayStripeEvent } from "@/lib/webhooks/process";
import { subscribe } from "@/lib/live/bus";
import { closeStripeEventQueue, sweepStripeEvents } from "@/lib/webhooks/queue";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { buildEvent, buildPaymentIntent, nowSeconds, settleStripeEvents, signatureFor, signedWebhookRequest, uniqueId, webhookRequest } from "./helpers/stripe-events";

beforeAll(() => useLocalStripeEnv());

describe.each(testDatabases())("POST /api/webhooks/stripe on %s", (kind) => {
  const test = useTestDatabase(kind);

  async function newOrder(overrides: { amount?: number; currency?: string } = {}) {
    const piId = uniqueId("pi");
    const order = await test.db.order.create({
      data: { email: "ada@example.com", currency: overrides.currency ?? "usd", amount: overrides.amount ?? 2500, stripePaymentIntentId: piId },
    });
    return { order, piId };
  }

  const reload = (id: string) => test.db.order.findUniqueOrThrow({ where: { id } });
  const piEvent = (type: Stripe.Event.Type, pi: Partial<Stripe.PaymentIntent>, created?: number) =>
    buildEvent(type, buildPaymentIntent(pi), created);
  const deliver = async (event: Stripe.Event, options?: { secret?: string; timestamp?: number }) => {
    const res = await POST(signedWebhookRequest(event, options));
    await settleStripeEvents();
    return res;
  };

  describe("signature verification happens before anything is written", () => {
    const event = buildEvent("payment_intent.succeeded", buildPaymentIntent({ status: "succeeded" }));
    const payload = JSON.stringify(event);

    it.each([
      ["missing", () => webhookRequest(payload, null)],
      ["garbage", () => webhookRequest(payload, "not-a-signature")],
      ["signed with another secret", () => webhookRequest(payload, signatureFor(payload, { secret: "whsec_someone_else" }))],
      ["stale (10 minutes old)", () => webhookRequest(payload, signatureFor(payload, { timestamp: nowSeconds() - 600 }))],
      ["valid but for a tampered body", () => webhookRequest(payload.replace('"amount":2500', '"amount":1'), signatureFor(payload))],
    ])("%s signature → 400 and no StripeEvent row", async (_name, makeRequest) => {
      const res = await POST(makeRequest());
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/signature/i);
      expect(await test.db.stripeEvent.count({ where: { id: event.id } })).toBe(0);
    });

    it("a signature 4 minutes old is still inside the 300 s tolerance", async () => {
      const ok = buildEvent("customer.created", { id: uniqueId("cus"), object: "customer" });
      const res = await deliver(ok, { timestamp: nowSeconds() - 240 });
      expect(res.status).toBe(200);
    });
  });

  it("payment_intent.succeeded marks the order paid and records the event as processed", async () => {
    const { order, piId } = await newOrder();
    const event = piEvent("payment_intent.succeeded", { id: piId, status: "succeeded", latest_charge: "ch_1" });
    const res = await deliver(event);
    expect(res.status).toBe(200);
    expect(await reload(order.id)).toMatchObject({ status: "paid", paymentStatus: "succeeded", stripeChargeId: "ch_1" });
    const row = await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row).toMatchObject({ type: "payment_intent.succeeded", objectId: piId, status: "processed", attempts: 1, created: event.created });
    expect(row.handledAt).toBeInstanceOf(Date);
    expect(row.handlerMs).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(row.payload).id).toBe(event.id);
  });

  it("a duplicate delivery is acknowledged with 200 and not applied again", async () => {
    const { order, piId } = await newOrder();
    const event = piEvent("payment_intent.payment_failed", {
      id: piId,
      last_payment_error: { message: "Your card was declined.", type: "card_error" } as Stripe.PaymentIntent.LastPaymentError,
    });
    expect((await deliver(event)).status).toBe(200);
    const published: string[] = [];
    // Only publishes count (on PostgreSQL the LISTEN connection also says "resync" when it starts).
    const unsubscribe = subscribe(`order:${order.id}`, ({ reason }) => reason === "changed" && published.push(order.id));
    const spy = vi.spyOn(stripeEventHandlers, "payment_intent.payment_failed");
    const again = await deliver(event);
    unsubscribe();
    spy.mockRestore();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(spy).not.toHaveBeenCalled();
    expect(published).toEqual([]);
    expect(await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ attempts: 1, status: "processed" });
    expect(await reload(order.id)).toMatchObject({ status: "failed", lastPaymentError: "Your card was declined." });
  });

  it("a late payment_intent.processing after succeeded leaves the order paid", async () => {
    const { order, piId } = await newOrder();
    const t = nowSeconds();
    expect((await deliver(piEvent("payment_intent.succeeded", { id: piId, status: "succeeded" }, t))).status).toBe(200);
    expect((await deliver(piEvent("payment_intent.processing", { id: piId, status: "processing" }, t - 1))).status).toBe(200);
    expect((await deliver(piEvent("payment_intent.created", { id: piId }, t - 2))).status).toBe(200);
    expect(await reload(order.id)).toMatchObject({ status: "paid", paymentStatus: "succeeded" });
  });

  it("even a processing event stamped later than succeeded cannot regress a terminal status", async () => {
    const { order, piId } = await newOrder();
    const t = nowSeconds();
    await deliver(piEvent("payment_intent.succeeded", { id: piId, status: "succeeded" }, t));
    await deliver(piEvent("payment_intent.processing", { id: piId, status: "processing" }, t + 5));
    expect((await reload(order.id)).status).toBe("paid");
  });

  it("among non-terminal states the newer event wins: a late created does not erase a decline", async () => {
    const { order, piId } = await newOrder();
    const t = nowSeconds();
    await deliver(
      piEvent("payment_intent.payment_failed", {
        id: piId,
        last_payment_error: { message: "Your card has insufficient funds.", type: "card_error" } as Stripe.PaymentIntent.LastPaymentError,
      }, t),
    );
    await deliver(piEvent("payment_intent.created", { id: piId }, t - 3));
    expect(await reload(order.id)).toMatchObject({ status: "failed", lastPaymentError: "Your card has insufficient funds." });
    await deliver(piEvent("payment_intent.requires_action", { id: piId, status: "requires_action" }, t + 2));
    expect(await reload(order.id)).toMatchObject({ status: "requires_action", lastPaymentError: null });
  });

  it("a created event stamped in the same second as a decline, delivered after it, does not erase the decline", async () => {
    const { order, piId } = await newOrder();
    const t = nowSeconds();
    const declined = { message: "Your card was declined.", type: "card_error" } as Stripe.PaymentIntent.LastPaymentError;
    await deliver(piEvent("payment_intent.payment_failed", { id: piId, last_payment_error: declined }, t));
    await deliver(piEvent("payment_intent.created", { id: piId }, t));
    expect(await reload(order.id)).toMatchObject({ status: "failed", lastPaymentError: "Your card was declined." });
    // A same-second step that is not a fresh intent still applies (the shopper tried again).
    await deliver(piEvent("payment_intent.processing", { id: piId, status: "processing" }, t));
    expect(await reload(order.id)).toMatchObject({ status: "processing", lastPaymentError: null });
  });

  it("payment_intent.created links an order found by metadata.order_id before checkout stored the id", async () => {
    const order = await test.db.order.create({ data: { email: "a@example.com", currency: "usd", amount: 2500 } });
    const piId = uniqueId("pi");
    await deliver(piEvent("payment_intent.created", { id: piId, metadata: { order_id: order.id } }));
    expect(await reload(order.id)).toMatchObject({ stripePaymentIntentId: piId, status: "pending", paymentStatus: "requires_payment_method" });
  });

  it("a PaymentIntent for another amount never marks the order paid: the event fails for investigation", async () => {
    const { order, piId } = await newOrder({ amount: 2500 });
    const event = piEvent("payment_intent.succeeded", { id: piId, status: "succeeded", amount: 100 });
    const res = await deliver(event);
    expect(res.status).toBe(200);
    expect((await reload(order.id)).status).toBe("pending");
    expect(await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "failed", lastError: expect.stringMatching(/PaymentIntentMismatchError/) });
  });

  it("an event for a PaymentIntent that is not ours is acknowledged and needs nothing", async () => {
    const event = piEvent("payment_intent.succeeded", { status: "succeeded" });
    const res = await deliver(event);
    expect(res.status).toBe(200);
    expect((await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("processed");
  });

  it("a copy arriving while the event waits is a duplicate; an event whose worker died mid-way is re-run after its lease", async () => {
    const { order, piId } = await newOrder();
    const event = piEvent("payment_intent.succeeded", { id: piId, status: "succeeded" });
    // A worker took it (its lease runs a minute) and was killed.
    const lease = new Date(Date.now() + 60_000);
    const row = { id: event.id, type: event.type, objectId: piId, created: event.created, payload: JSON.stringify(event), status: "received", nextAttemptAt: lease };
    await test.db.stripeEvent.create({ data: row });
    const spy = vi.spyOn(stripeEventHandlers, "payment_intent.succeeded");
    const busy = await deliver(event);
    expect(busy.status).toBe(200);
    expect(await busy.json()).toMatchObject({ duplicate: true });
    expect(spy).not.toHaveBeenCalled();
    expect((await reload(order.id)).status).toBe("pending");

    // The lease ran out: the sweep finds it due and a worker runs it.
    await test.db.stripeEvent.update({ where: { id: event.id }, data: { nextAttemptAt: new Date(Date.now() - 5 * 60_000) } });
    await sweepStripeEvents();
    await settleStripeEvents();
    spy.mockRestore();
    expect((await reload(order.id)).status).toBe("paid");
    expect(await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "processed", attempts: 1, nextAttemptAt: null });
  });

  it("an unhandled event type is acknowledged with 200 and stored as ignored", async () => {
    const event = buildEvent("customer.created", { id: uniqueId("cus"), object: "customer" });
    const res = await deliver(event);
    expect(res.status).toBe(200);
    expect(await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "ignored", type: "customer.created" });
  });

  it("a handler failure is acknowledged and stored as failed with a retry time; the retry runs the handler again and succeeds", async () => {
    const { order, piId } = await newOrder();
    const event = piEvent("payment_intent.succeeded", { id: piId, status: "succeeded" });
    const spy = vi.spyOn(stripeEventHandlers, "payment_intent.succeeded").mockRejectedValueOnce(new Error("warehouse API timed out"));

    const first = await deliver(event);
    expect(first.status).toBe(200);
    const failed = await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1, handledAt: null });
    expect(failed.lastError).toContain("warehouse API timed out");
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect((await reload(order.id)).status).toBe("pending");

    // Stripe's copy is a duplicate now; our own retry does the work.
    expect(await (await deliver(event)).json()).toMatchObject({ duplicate: true });
    await settleStripeEvents({ retries: true });
    spy.mockRestore();
    expect(await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "processed", attempts: 2, lastError: null, nextAttemptAt: null });
    expect((await reload(order.id)).status).toBe("paid");
  });

  it("replayStripeEvent re-runs a stored event", async () => {
    const { order, piId } = await newOrder();
    const event = piEvent("payment_intent.canceled", { id: piId, status: "canceled" });
    const spy = vi.spyOn(stripeEventHandlers, "payment_intent.canceled").mockRejectedValueOnce(new Error("boom"));
    expect((await deliver(event)).status).toBe(200);
    expect((await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("failed");
    spy.mockRestore();
    expect(await replayStripeEvent(event.id)).toMatchObject({ status: "processed" });
    expect((await reload(order.id)).status).toBe("canceled");
    expect(await replayStripeEvent("evt_missing")).toBeNull();
  });

  it("refund events record the refund and a full refund marks the order refunded", async () => {
    const { order, piId } = await newOrder({ amount: 2500 });
    await deliver(piEvent("payment_intent.succeeded", { id: piId, status: "succeeded" }));
    const refund = { id: uniqueId("re"), object: "refund", amount: 1000, currency: "usd", payment_intent: piId, status: "pending", reason: "requested_by_customer" };
    const t = nowSeconds();
    await deliver(buildEvent("refund.created", refund, t));
    expect(await reload(order.id)).toMatchObject({ amountRefunded: 1000, status: "paid" });
    await deliver(buildEvent("refund.updated", { ...refund, status: "succeeded" }, t + 1));
    await deliver(buildEvent("refund.created", refund, t)); // a duplicate-ish late copy under another event id
    expect(await test.db.refund.findUniqueOrThrow({ where: { stripeRefundId: refund.id } })).toMatchObject({ status: "succeeded" });
    const rest = { ...refund, id: uniqueId("re"), amount: 1500, status: "succeeded" };
    await deliver(buildEvent("refund.created", rest, t + 2));
    expect(await reload(order.id)).toMatchObject({ amountRefunded: 2500, status: "refunded" });
    await deliver(buildEvent("refund.failed", { ...rest, status: "failed", failure_reason: "lost_or_stolen_card" }, t + 3));
    expect(await reload(order.id)).toMatchObject({ amountRefunded: 1000, status: "paid" });
  });

  it("product and price events keep the catalog mirror in step, ignoring older snapshots", async () => {
    const productId = uniqueId("prod");
    const t = nowSeconds();
    const product = { id: productId, object: "product", name: "Kettle", description: "Gooseneck", images: ["https://img.example/k.png"], active: true, created: t, updated: t };
    await deliver(buildEvent("product.created", product, t));
    const priceId = uniqueId("price");
    const price = { id: priceId, object: "price", product: productId, currency: "eur", unit_amount: 4900, type: "one_time", active: true, lookup_key: "kettle_eur", recurring: null, created: t };
    await deliver(buildEvent("price.created", price, t));
    expect(await test.db.price.findUniqueOrThrow({ where: { stripePriceId: priceId }, include: { product: true } })).toMatchObject({
      currency: "eur",
      unitAmount: 4900,
      active: true,
      product: { name: "Kettle", imageUrl: "https://img.example/k.png" },
    });

    await deliver(buildEvent("product.updated", { ...product, name: "Gooseneck Kettle" }, t + 10));
    await deliver(buildEvent("product.updated", { ...product, name: "Old name" }, t + 5)); // late, older
    expect((await test.db.product.findUniqueOrThrow({ where: { stripeProductId: productId } })).name).toBe("Gooseneck Kettle");

    await deliver(buildEvent("price.updated", { ...price, active: false }, t + 10));
    expect((await test.db.price.findUniqueOrThrow({ where: { stripePriceId: priceId } })).active).toBe(false);

    await deliver(buildEvent("product.deleted", { ...product, deleted: true }, t + 20));
    expect((await test.db.product.findUniqueOrThrow({ where: { stripeProductId: productId } })).active).toBe(false);
  });

  it("a database failure answers 503 so Stripe retries, and nothing is acknowledged", async () => {
    const broken = createDb(kind === "sqlite" ? "file:/nonexistent-dir/payport/down.db" : "postgresql://postgres@127.0.0.1:1/down");
    setDb(broken);
    try {
      const res = await POST(signedWebhookRequest(piEvent("payment_intent.succeeded", { status: "succeeded" })));
      expect(res.status).toBe(503);
    } finally {
      setDb(test.db);
      await closeStripeEventQueue(broken);
    }
  });
});

afterEach(() => vi.restoreAllMocks());
