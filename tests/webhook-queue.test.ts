// The ledger-first webhook queue: the route only stores and acknowledges;
// workers apply events once, in any delivery order, retry failures with
// backoff until dead, retry unmatched events until their row appears, and
// malformed bodies are parked. On PostgreSQL the work really goes through
// graphile-worker jobs (two runners, each event once).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type Stripe from "stripe";
import { POST } from "@/app/api/webhooks/stripe/route";
import { stripeEventHandlers } from "@/lib/webhooks/handlers";
import { retryDelayMs, webhookQueueSettings } from "@/lib/webhooks/ledger";
import { replayStripeEvent } from "@/lib/webhooks/process";
import { getWebhookHealth, listParkedWebhooks, listStripeEvents } from "@/lib/webhooks/queries";
import { startStripeEventWorkers } from "@/lib/webhooks/queue";
import { reconcileStripe } from "@/lib/reconcile/reconcile";
import { setLogSink } from "@/lib/observability/log";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually } from "./helpers/emulator";
import { useLocalStripeEnv } from "./helpers/env";
import { buildEvent, buildPaymentIntent, nowSeconds, settleStripeEvents, signatureFor, signedWebhookRequest, uniqueId, webhookRequest } from "./helpers/stripe-events";

beforeAll(() => useLocalStripeEnv());
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe.each(testDatabases())("webhook queue on %s", (kind) => {
  const test = useTestDatabase(kind);

  const ack = (event: Stripe.Event) => POST(signedWebhookRequest(event));
  const row = (id: string) => test.db.stripeEvent.findUniqueOrThrow({ where: { id } });
  const reload = (id: string) => test.db.order.findUniqueOrThrow({ where: { id } });
  async function newOrder() {
    const piId = uniqueId("pi");
    const order = await test.db.order.create({ data: { email: "q@example.com", currency: "usd", amount: 2500, stripePaymentIntentId: piId } });
    return { order, piId };
  }
  const piEvent = (type: Stripe.Event.Type, pi: Partial<Stripe.PaymentIntent>, created?: number) => buildEvent(type, buildPaymentIntent(pi), created);

  it("the ack stores the event as received and answers before any handler runs; a worker applies it", async () => {
    const { order, piId } = await newOrder();
    const event = piEvent("payment_intent.succeeded", { id: piId, status: "succeeded" });
    const spy = vi.spyOn(stripeEventHandlers, "payment_intent.succeeded");
    const res = await ack(event);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });
    expect(spy).not.toHaveBeenCalled();
    expect(await row(event.id)).toMatchObject({ status: "received", attempts: 0, nextAttemptAt: expect.any(Date), handledAt: null });
    expect((await reload(order.id)).status).toBe("pending");

    await settleStripeEvents();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(await row(event.id)).toMatchObject({ status: "processed", attempts: 1, nextAttemptAt: null });
    expect((await reload(order.id)).status).toBe("paid");
  });

  it("concurrent deliveries with duplicates, in any order, are stored once each and applied once each", async () => {
    const { order, piId } = await newOrder();
    const t = nowSeconds();
    const events = [
      piEvent("payment_intent.created", { id: piId }, t - 2),
      piEvent("payment_intent.processing", { id: piId, status: "processing" }, t - 1),
      piEvent("payment_intent.succeeded", { id: piId, status: "succeeded" }, t),
    ];
    const calls: string[] = [];
    for (const type of ["payment_intent.created", "payment_intent.processing", "payment_intent.succeeded"] as const) {
      const original = stripeEventHandlers[type]!;
      vi.spyOn(stripeEventHandlers, type).mockImplementation((async (e: Stripe.Event) => {
        calls.push(e.id);
        return original(e as never);
      }) as never);
    }
    // Newest first, every event three times, all at once (one group commit).
    const deliveries = [...events].reverse().flatMap((e) => [e, e, e]);
    const answers = await Promise.all(deliveries.map((e) => ack(e).then((r) => r.json())));
    expect(answers.filter((a) => a.duplicate)).toHaveLength(6);
    expect(answers.every((a) => a.received === true)).toBe(true);
    // Stripe resends after the work, too.
    expect(await (await ack(events[0])).json()).toMatchObject({ duplicate: true });

    await settleStripeEvents();
    expect(calls.sort()).toEqual(events.map((e) => e.id).sort());
    expect(await test.db.stripeEvent.count({ where: { id: { in: events.map((e) => e.id) }, status: "processed", attempts: 1 } })).toBe(3);
    expect(await reload(order.id)).toMatchObject({ status: "paid", paymentStatus: "succeeded" });
  });

  it("an event acknowledged while another transaction is open is kept when that transaction rolls back", async () => {
    const { piId } = await newOrder();
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    // A transaction that writes, waits (as a worker's batch does between statements), then fails.
    const failing = test.db
      .$transaction(async (tx) => {
        await tx.order.create({ data: { email: "rolled-back@example.com", currency: "usd", amount: 100 } });
        inside();
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error("batch failed");
      })
      .catch((error: Error) => error.message);
    await opened;
    const event = piEvent("payment_intent.succeeded", { id: piId, status: "succeeded" });
    const res = await ack(event);
    expect(res.status).toBe(200);
    expect(await failing).toBe("batch failed");
    expect(await row(event.id)).toMatchObject({ status: "received" });
    expect(await test.db.order.count({ where: { email: "rolled-back@example.com" } })).toBe(0);
  });

  it("a batch of payment_intent events is applied as one, with the same result as one after another", async () => {
    // One attempt: the failing and unmatched events end final, not due again in the tests after this one.
    vi.stubEnv("PAYPORT_WEBHOOK_MAX_ATTEMPTS", "1");
    const t = nowSeconds();
    const a = await newOrder();
    const b = await newOrder();
    const mismatched = await newOrder();
    // Linked only through the metadata, as when payment_intent.created beats the checkout request.
    const linked = await test.db.order.create({ data: { email: "m@example.com", currency: "usd", amount: 2500 } });
    const linkedPi = uniqueId("pi");
    const missingOrder = uniqueId("ord");
    const paidEarlier = await newOrder();
    await test.db.order.update({ where: { id: paidEarlier.order.id }, data: { status: "paid", paymentStatus: "succeeded", paymentStatusAt: t - 100 } });
    const events = [
      // Order a: three states in one batch, delivered newest first; the last in Stripe's time wins.
      piEvent("payment_intent.succeeded", { id: a.piId, status: "succeeded", latest_charge: "ch_batch_a" }, t),
      piEvent("payment_intent.processing", { id: a.piId, status: "processing" }, t - 1),
      piEvent("payment_intent.created", { id: a.piId }, t - 2),
      // Order b: a decline, then a late `created` that must not erase it.
      piEvent("payment_intent.payment_failed", { id: b.piId, status: "requires_payment_method", last_payment_error: { message: "Your card was declined." } as Stripe.PaymentIntent.LastPaymentError }, t - 1),
      piEvent("payment_intent.created", { id: b.piId }, t - 3),
      piEvent("payment_intent.succeeded", { id: mismatched.piId, status: "succeeded", amount: 100 }, t),
      piEvent("payment_intent.created", { id: linkedPi, metadata: { order_id: linked.id } }, t - 1),
      piEvent("payment_intent.succeeded", { id: uniqueId("pi"), status: "succeeded", metadata: { order_id: missingOrder } }, t),
      piEvent("payment_intent.canceled", { id: paidEarlier.piId, status: "canceled" }, t),
    ];
    for (const event of events) expect((await ack(event)).status).toBe(200);
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    try {
      await settleStripeEvents();
    } finally {
      setLogSink(undefined);
    }

    // Applied by the batch path, not by its fallback one event at a time.
    expect(lines.filter((l) => l.includes("webhook batch failed"))).toEqual([]);
    expect(await reload(a.order.id)).toMatchObject({ status: "paid", paymentStatus: "succeeded", paymentStatusAt: t, stripeChargeId: "ch_batch_a", paidAt: expect.any(Date) });
    expect(await reload(b.order.id)).toMatchObject({ status: "failed", paymentStatus: "requires_payment_method", paymentStatusAt: t - 1, lastPaymentError: "Your card was declined.", paidAt: null });
    expect(await reload(mismatched.order.id)).toMatchObject({ status: "pending", paymentStatus: null });
    expect(await reload(linked.id)).toMatchObject({ stripePaymentIntentId: linkedPi, status: "pending", paymentStatus: "requires_payment_method" });
    expect(await reload(paidEarlier.order.id)).toMatchObject({ status: "paid", paymentStatus: "succeeded" });
    const statuses = Object.fromEntries((await test.db.stripeEvent.findMany({ where: { id: { in: events.map((e) => e.id) } } })).map((r) => [r.id, r]));
    for (const i of [0, 1, 2, 3, 4, 6, 8]) expect(statuses[events[i].id]).toMatchObject({ status: "processed", attempts: 1, nextAttemptAt: null, handledAt: expect.any(Date) });
    expect(statuses[events[5].id]).toMatchObject({ status: "dead", attempts: 1, lastError: expect.stringContaining("PaymentIntentMismatchError"), nextAttemptAt: null });
    expect(statuses[events[7].id]).toMatchObject({ status: "unmatched", attempts: 1, lastError: expect.stringContaining(missingOrder), nextAttemptAt: null });
  });

  it("a failing handler is retried with growing backoff and is dead after N attempts, visible in admin; replay still works", async () => {
    vi.stubEnv("PAYPORT_WEBHOOK_MAX_ATTEMPTS", "3");
    const settings = webhookQueueSettings();
    const { order, piId } = await newOrder();
    const event = piEvent("payment_intent.succeeded", { id: piId, status: "succeeded" });
    const spy = vi.spyOn(stripeEventHandlers, "payment_intent.succeeded").mockRejectedValue(new Error("ledger service down"));

    await ack(event);
    const before = Date.now();
    await settleStripeEvents();
    const first = await row(event.id);
    expect(first).toMatchObject({ status: "failed", attempts: 1, lastError: "Error: ledger service down" });
    const delay = first.nextAttemptAt!.getTime() - before;
    expect(delay).toBeGreaterThanOrEqual(retryDelayMs(1, settings) - 50);
    expect(delay).toBeLessThan(retryDelayMs(1, settings) + 5_000);
    expect(retryDelayMs(2, settings)).toBe(2 * retryDelayMs(1, settings));

    // Not due yet: settling now does not run it again.
    await settleStripeEvents();
    expect(spy).toHaveBeenCalledTimes(1);

    await settleStripeEvents({ retries: true });
    expect(spy).toHaveBeenCalledTimes(3);
    expect(await row(event.id)).toMatchObject({ status: "dead", attempts: 3, nextAttemptAt: null });
    expect((await reload(order.id)).status).toBe("pending");
    expect((await listStripeEvents({ status: "dead" })).rows.map((r) => r.id)).toContain(event.id);
    expect((await getWebhookHealth()).dead).toBeGreaterThanOrEqual(1);

    spy.mockRestore();
    expect(await replayStripeEvent(event.id)).toMatchObject({ status: "processed" });
    expect((await reload(order.id)).status).toBe("paid");
    expect(await row(event.id)).toMatchObject({ status: "processed", lastError: null });
  });

  it("an event for an order not stored yet is unmatched, retried, and applied once the order appears", async () => {
    const orderId = `ord_${uniqueId("late")}`;
    const piId = uniqueId("pi");
    const event = piEvent("payment_intent.succeeded", { id: piId, status: "succeeded", metadata: { order_id: orderId } });
    await ack(event);
    await settleStripeEvents();
    const waiting = await row(event.id);
    expect(waiting).toMatchObject({ status: "unmatched", attempts: 1, lastError: expect.stringContaining(orderId) });
    expect(waiting.nextAttemptAt).toBeInstanceOf(Date);
    expect((await listStripeEvents({ status: "unmatched" })).rows.map((r) => r.id)).toContain(event.id);
    expect((await getWebhookHealth()).unmatched).toBeGreaterThanOrEqual(1);

    await test.db.order.create({ data: { id: orderId, email: "late@example.com", currency: "usd", amount: 2500 } });
    await settleStripeEvents({ retries: true });
    expect(await row(event.id)).toMatchObject({ status: "processed", attempts: 2, nextAttemptAt: null });
    expect(await reload(orderId)).toMatchObject({ status: "paid", stripePaymentIntentId: piId });
  });

  it("an event still unmatched after N attempts stays unmatched (not dead) and reconcile re-runs it", async () => {
    vi.stubEnv("PAYPORT_WEBHOOK_MAX_ATTEMPTS", "2");
    const orderId = `ord_${uniqueId("never")}`;
    const piId = uniqueId("pi");
    const event = piEvent("payment_intent.succeeded", { id: piId, status: "succeeded", metadata: { order_id: orderId } });
    await ack(event);
    await settleStripeEvents({ retries: true });
    expect(await row(event.id)).toMatchObject({ status: "unmatched", attempts: 2, nextAttemptAt: null });

    await test.db.order.create({ data: { id: orderId, email: "never@example.com", currency: "usd", amount: 2500 } });
    // Reconcile lists Stripe (nothing there for this test) and then re-runs unmatched events.
    const stripe = { paymentIntents: { list: emptyList }, charges: { list: emptyList }, refunds: { list: emptyList }, disputes: { list: emptyList }, reviews: { list: emptyList }, subscriptions: { list: emptyList }, invoices: { list: emptyList } };
    const report = await reconcileStripe({ since: nowSeconds() - 60, stripe: stripe as unknown as Stripe });
    expect(report.counts.unmatched_events.changed).toBeGreaterThanOrEqual(1);
    expect(await row(event.id)).toMatchObject({ status: "processed" });
    expect((await reload(orderId)).status).toBe("paid");
  });

  it("signed bodies that are not events answer 400 and are parked for the admin, never in the ledger", async () => {
    const events = await test.db.stripeEvent.count();
    const marker = uniqueId("parked");
    const bodies = ["[]", "{}", JSON.stringify({ id: `evt_${marker}`, object: "event", type: "charge.updated", created: nowSeconds(), data: { object: null } })];
    for (const payload of bodies) {
      const res = await POST(webhookRequest(payload, signatureFor(payload)));
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/Not a Stripe event/);
    }
    expect(await test.db.stripeEvent.count()).toBe(events);
    const parked = await listParkedWebhooks(50);
    expect(parked.map((p) => p.payload)).toEqual(expect.arrayContaining(bodies));
    expect(parked.find((p) => p.payload.includes(marker))?.reason).toMatch(/data\.object/);
    expect((await getWebhookHealth()).parked).toBeGreaterThanOrEqual(3);
    // An unsigned body is not parked: anyone could send one.
    await POST(webhookRequest("[]", null));
    expect((await listParkedWebhooks(50)).length).toBe(parked.length);
  });

  it("health counts the backlog and the age of the oldest waiting event", async () => {
    const event = buildEvent("customer.created", { id: uniqueId("cus"), object: "customer" });
    await ack(event);
    const health = await getWebhookHealth(new Date(Date.now() + 120_000));
    expect(health.backlog).toBeGreaterThanOrEqual(1);
    expect(health.lagSeconds).toBeGreaterThanOrEqual(119);
    await settleStripeEvents();
    expect(await row(event.id)).toMatchObject({ status: "ignored" });
  });

  if (kind === "postgres") {
    it("the work goes through graphile-worker jobs: two runners on one database run each event exactly once", async () => {
      const events = Array.from({ length: 40 }, (_, i) => {
        const id = uniqueId("prod");
        return buildEvent("product.created", { id, object: "product", name: `Thing ${i}`, active: true, images: [], created: nowSeconds(), updated: nowSeconds() });
      });
      const original = stripeEventHandlers["product.created"]!;
      const runs = new Map<string, number>();
      vi.spyOn(stripeEventHandlers, "product.created").mockImplementation(async (e) => {
        runs.set(e.id, (runs.get(e.id) ?? 0) + 1);
        return original(e);
      });
      const ids = events.map((e) => e.id);
      const answers = await Promise.all(events.map((e) => ack(e)));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      const jobs = await test.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'stripe-events'`);
      expect(Number(jobs[0].n)).toBeGreaterThanOrEqual(1);

      const runners = [await startStripeEventWorkers({ concurrency: 2 }), await startStripeEventWorkers({ concurrency: 2 })];
      try {
        await eventually(async () => (await test.db.stripeEvent.count({ where: { id: { in: ids }, status: "processed" } })) === ids.length, { timeoutMs: 20_000 });
      } finally {
        await Promise.all(runners.map((r) => r.stop()));
      }
      expect(ids.every((id) => runs.get(id) === 1)).toBe(true);
      expect(await test.db.stripeEvent.count({ where: { id: { in: ids }, attempts: 1 } })).toBe(ids.length);
      expect(await test.db.product.count({ where: { stripeProductId: { in: events.map((e) => (e.data.object as { id: string }).id) } } })).toBe(ids.length);
      const left = await test.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'stripe-events' AND run_at <= now()`);
      expect(Number(left[0].n)).toBe(0);
    }, 40_000);
  }
});

async function* emptyList() {}
