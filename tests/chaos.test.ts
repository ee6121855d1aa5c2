// Chaos: Payport's money state survives faults. Each scenario breaks something
// (duplicated and shuffled webhooks, a worker SIGKILLed mid-event, PostgreSQL
// restarted mid-burst, the app answering 503, Stripe answering 500/429 or
// dropping its answers) and ends the same way: the ledger holds every event
// Stripe sent, once, each applied; a reconcile run finds nothing to change;
// and every side effect exists exactly once (one order per checkout, one
// PaymentIntent per order, paidAt stamped once, one Refund row per Stripe
// refund, one Dispute row per dispute, one audit row per admin action).
// Payport sends no email and keeps no outbox: Stripe sends receipts
// (receipt_email), and DailyStat is recomputed from these rows.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as refundRoute } from "@/app/api/admin/refunds/route";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { createDb, setDb, type Db } from "@/lib/db";
import { reconcileStripe } from "@/lib/reconcile/reconcile";
import { setLogSink } from "@/lib/observability/log";
import { isUnmatched } from "@/lib/stripe/types";
import { stripeEventHandlers } from "@/lib/webhooks/handlers";
import { WAITING_STATUSES } from "@/lib/webhooks/ledger";
import { closeStripeEventQueue, startStripeEventWorkers, sweepStripeEvents } from "@/lib/webhooks/queue";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";
import { migrationSql, testDatabases, useTestDatabase } from "./helpers/db";
import { eventually, useEmulator } from "./helpers/emulator";
import { useSignedInAs } from "./helpers/session";
import { buildEvent, buildPaymentIntent, nowSeconds, settleStripeEvents, signedWebhookRequest, uniqueId } from "./helpers/stripe-events";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Short retries and leases, so recovery happens within the test.
const QUEUE_ENV = { PAYPORT_WEBHOOK_RETRY_BASE_MS: "100", PAYPORT_WEBHOOK_LEASE_MS: "1000", PAYPORT_WEBHOOK_MAX_ATTEMPTS: "8" };
// The sweep takes rows overdue by its slack (30 s); it is run with its clock that far on.
const SWEEP_SLACK_MS = 31_000;

type Checkout = { orderId: string; piId: string; cartId: string; amount: number };

/** Counts, per event id, the handler runs that applied it (an "unmatched" answer is a wait, not an application). */
function countApplications() {
  const handlers = stripeEventHandlers as Record<string, (event: Stripe.Event) => Promise<unknown>>;
  const originals = { ...handlers };
  const applied = new Map<string, number>();
  for (const [type, handler] of Object.entries(originals)) {
    handlers[type] = async (event) => {
      const result = await handler(event);
      if (!isUnmatched(result)) applied.set(event.id, (applied.get(event.id) ?? 0) + 1);
      return result;
    };
  }
  return { applied, restore: () => Object.assign(handlers, originals) };
}

describe.each(testDatabases())("chaos on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator({ webhooks: true });
  const signInAs = useSignedInAs();
  let admin: { id: string; email: string };
  let teePrice: string;
  const savedEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    for (const [name, value] of Object.entries(QUEUE_ENV)) {
      savedEnv[name] = process.env[name];
      process.env[name] = value;
    }
    await seedCatalog();
    teePrice = await priceIdByLookupKey(test.db, "payport_tee_usd");
    admin = await test.db.user.create({ data: { email: `chaos-admin-${kind}-${uniqueId("u")}@example.com`, role: "admin" } });
  }, 30_000);
  afterAll(() => {
    for (const [name, value] of Object.entries(savedEnv)) if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  });
  // The faults are expected to be logged; the lines are kept, not printed.
  const logged: string[] = [];
  beforeEach(() => setLogSink((line) => logged.push(line)));
  afterEach(async () => {
    setLogSink(undefined);
    logged.length = 0;
    emu.forwarder.settle = true;
    emu.forwarder.unavailable = false;
    await emu.control("/_emulator/chaos", { duplicate_rate: 0, shuffle: false, delivery_delay_ms: 0, drop_types: [] });
    await fetch(`${emu.url}/_emulator/faults`, { method: "DELETE", headers: { authorization: "Bearer sk_test_emulator" } });
  });

  async function checkout(cartId = newCartId(), expected = 201): Promise<Checkout> {
    signInAs(null);
    const { status, json } = await postCheckout({ email: "chaos@example.com", cartId, items: [{ priceId: teePrice, quantity: 2 }] });
    expect(status, JSON.stringify(json)).toBe(expected);
    return { orderId: json.orderId, piId: (json.clientSecret as string).split("_secret_")[0], cartId, amount: json.amount ?? (await test.db.order.findUniqueOrThrow({ where: { id: json.orderId } })).amount };
  }
  // A declined card makes confirm throw; the decline is what the test wants.
  const confirm = (piId: string, pm: string) => emu.stripe.paymentIntents.confirm(piId, { payment_method: pm, return_url: "http://localhost:3000/done" }).catch((e: unknown) => e);
  async function adminRefund(orderId: string, amount: number): Promise<{ status: number; json: any }> {
    signInAs(admin);
    const res = await refundRoute(
      new Request("http://payport.test/api/admin/refunds", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ orderId, amount, currency: "usd", reason: "requested_by_customer" }),
      }),
    );
    return { status: res.status, json: await res.json() };
  }
  /** Waits until our order is paid (running whatever retries came due meanwhile); returns its paidAt. */
  const paidAt = (c: Checkout) =>
    eventually(
      async () => {
        await settleStripeEvents();
        const order = await test.db.order.findUniqueOrThrow({ where: { id: c.orderId } });
        return order.status === "paid" && order.paidAt;
      },
      { timeoutMs: 15_000 },
    );

  async function emulatorEventIds(since: number): Promise<string[]> {
    const ids: string[] = [];
    for await (const event of emu.stripe.events.list({ created: { gte: since }, limit: 100 })) ids.push(event.id);
    return ids;
  }

  /** Waits until every event Stripe has sent since `since` is in the ledger (and no new ones appear). */
  async function allEventsStored(since: number): Promise<string[]> {
    let ids: string[] = [];
    for (let round = 0; round < 20; round++) {
      const listed = await emulatorEventIds(since);
      await eventually(async () => (await test.db.stripeEvent.count({ where: { id: { in: listed } } })) === listed.length, { timeoutMs: 20_000, intervalMs: 100 });
      if (listed.length === ids.length) return ids;
      ids = listed;
      await sleep(300);
    }
    throw new Error("Stripe kept sending events");
  }

  /** The end of every scenario: ledger complete and settled, reconcile finds nothing, every side effect exactly once. */
  async function expectMoneyStateConsistent(since: number, checkouts: Checkout[], adminActions: Map<string, number>, paidAtSeen = new Map<string, Date>()) {
    const eventIds = await allEventsStored(since);
    await settleStripeEvents({ retries: true });

    // Each ledger event once, each with its final outcome.
    expect(new Set(eventIds).size).toBe(eventIds.length);
    const rows = await test.db.stripeEvent.findMany({ where: { id: { in: eventIds } }, select: { id: true, type: true, status: true, lastError: true } });
    expect(rows).toHaveLength(eventIds.length);
    expect(rows.filter((r) => r.status !== "processed" && r.status !== "ignored")).toEqual([]);

    const report = await reconcileStripe({ since });
    expect(report.errors).toEqual([]);
    expect(report.changes).toEqual([]);

    // One order per checkout, one PaymentIntent per order.
    expect(await test.db.order.count({ where: { cartId: { in: checkouts.map((c) => c.cartId) } } })).toBe(checkouts.length);
    const intents: Stripe.PaymentIntent[] = [];
    for await (const pi of emu.stripe.paymentIntents.list({ created: { gte: since }, limit: 100 })) intents.push(pi);
    for (const c of checkouts) {
      expect(intents.filter((pi) => pi.metadata.order_id === c.orderId).map((pi) => pi.id)).toEqual([c.piId]);
      const order = await test.db.order.findUniqueOrThrow({ where: { id: c.orderId }, include: { refunds: true, disputes: true } });
      expect(order.stripePaymentIntentId).toBe(c.piId);
      const pi = intents.find((p) => p.id === c.piId)!;
      expect(order.paidAt !== null).toBe(pi.status === "succeeded");
      // paidAt is stamped once: a later (duplicate) delivery does not move it.
      if (paidAtSeen.has(c.orderId)) expect(order.paidAt).toEqual(paidAtSeen.get(c.orderId));

      // One Refund row per Stripe refund, one Dispute row per dispute.
      const refunds = (await emu.stripe.refunds.list({ payment_intent: c.piId, limit: 100 })).data;
      expect(order.refunds.map((r) => r.stripeRefundId).sort()).toEqual(refunds.map((r) => r.id).sort());
      expect(order.amountRefunded).toBe(refunds.filter((r) => r.status !== "failed" && r.status !== "canceled").reduce((sum, r) => sum + r.amount, 0));
      const disputes = (await emu.stripe.disputes.list({ payment_intent: c.piId, limit: 100 })).data;
      expect(order.disputes.map((d) => d.stripeDisputeId).sort()).toEqual(disputes.map((d) => d.id).sort());

      // One audit row per admin action.
      expect(await test.db.auditLog.count({ where: { action: "refund.create", targetId: c.orderId } })).toBe(adminActions.get(c.orderId) ?? 0);
    }
    return { eventIds };
  }

  it("webhooks duplicated (20 %) and shuffled during a burst of payments, declines, a dispute and refunds leave one of everything", async () => {
    const since = nowSeconds() - 1;
    await emu.control("/_emulator/chaos", { duplicate_rate: 0.2, shuffle: true });
    const cards = ["pm_card_visa", "pm_card_visa", "pm_card_visa", "pm_card_visa", "pm_card_chargeDeclined", "pm_card_chargeDeclinedInsufficientFunds", "pm_card_createDispute"];
    const checkouts = await Promise.all(cards.map(() => checkout()));
    await Promise.all(checkouts.map((c, i) => confirm(c.piId, cards[i])));

    const [partial, full] = checkouts;
    const paidAtSeen = new Map<string, Date>();
    for (const c of checkouts.slice(0, 4)) paidAtSeen.set(c.orderId, await paidAt(c));
    const actions = new Map<string, number>();
    expect((await adminRefund(partial.orderId, 1000)).status).toBe(201);
    expect((await adminRefund(full.orderId, full.amount)).status).toBe(201);
    actions.set(partial.orderId, 1).set(full.orderId, 1);

    const { eventIds } = await expectMoneyStateConsistent(since, checkouts, actions, paidAtSeen);
    // Chaos really happened: more deliveries than events.
    const ids = new Set(eventIds);
    expect(emu.deliveries.filter((d) => ids.has(d.id) && d.status === 200).length).toBeGreaterThan(ids.size);
    expect(await test.db.dispute.count({ where: { orderId: checkouts[6].orderId } })).toBe(1);
  }, 60_000);

  it("a worker process SIGKILLed mid-event: the lease and the sweep recover every event, none is applied twice", async () => {
    const since = nowSeconds() - 1;
    emu.forwarder.settle = false; // the route only stores; the work is the child's
    const cards = ["pm_card_visa", "pm_card_visa", "pm_card_visa", "pm_card_visa", "pm_card_chargeDeclined", "pm_card_createDispute"];
    const checkouts = await Promise.all(cards.map(() => checkout()));
    await Promise.all(checkouts.map((c, i) => confirm(c.piId, cards[i])));
    const eventIds = await allEventsStored(since);

    // tsx as a loader in this one process (its CLI would put a second process in between, which SIGKILL does not reach).
    const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/worker-process.ts"], {
      env: { ...process.env, ...QUEUE_ENV, DATABASE_URL: test.url, PAYPORT_WEBHOOK_WORKERS: "1", CHAOS_STALL_AT: "8" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const childApplied = new Map<string, number>();
    let stalled: string | null = null;
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
    child.stdout!.on("data", (chunk: Buffer) => {
      for (const line of String(chunk).split("\n")) {
        const [word, id] = line.split(" ");
        if (word === "applied") childApplied.set(id, (childApplied.get(id) ?? 0) + 1);
        if (word === "stalled") stalled = id;
      }
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    try {
      await eventually(async () => stalled, { timeoutMs: 30_000, intervalMs: 50 }).catch((error) => {
        throw new Error(`${String(error)}; worker stderr: ${stderr}`);
      });
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    // Killed with its event written but not recorded, and work left in the ledger.
    expect(await test.db.stripeEvent.findUniqueOrThrow({ where: { id: stalled! } })).toMatchObject({ status: "received", attempts: 0 });
    expect(await test.db.stripeEvent.count({ where: { id: { in: eventIds }, status: { in: WAITING_STATUSES } } })).toBeGreaterThan(0);

    // What the child committed before it died: its outcome is recorded, so no one may run it again.
    const committed = new Set((await test.db.stripeEvent.findMany({ where: { id: { in: eventIds }, status: { notIn: WAITING_STATUSES } }, select: { id: true } })).map((r) => r.id));
    const counter = countApplications();
    const workers = await startStripeEventWorkers({ concurrency: 2 });
    try {
      await sleep(Number(QUEUE_ENV.PAYPORT_WEBHOOK_LEASE_MS));
      const swept = await sweepStripeEvents(new Date(Date.now() + SWEEP_SLACK_MS));
      // On PostgreSQL the killed worker's job stays locked; only the sweep gives its events new jobs.
      if (kind === "postgres") expect(swept).toBeGreaterThan(0);
      await eventually(async () => (await test.db.stripeEvent.count({ where: { id: { in: eventIds }, status: { in: WAITING_STATUSES } } })) === 0, { timeoutMs: 20_000, intervalMs: 100 });
    } finally {
      await workers.stop();
      counter.restore();
    }
    // Work the child committed never runs again; what ran twice is the killed event and, when the
    // child had taken it in one batch with others, that batch (rolled back whole, so applied once in effect).
    const twice = [...new Set([...childApplied.keys(), ...counter.applied.keys()])].filter((id) => (childApplied.get(id) ?? 0) + (counter.applied.get(id) ?? 0) !== 1);
    expect(twice).toContain(stalled);
    expect(twice.filter((id) => committed.has(id))).toEqual([]);
    expect([...counter.applied.keys()].filter((id) => committed.has(id))).toEqual([]);
    expect(childApplied.size).toBe(8);

    emu.forwarder.settle = true;
    const [partial, full] = checkouts;
    const paidAtSeen = new Map<string, Date>();
    for (const c of checkouts.slice(0, 4)) paidAtSeen.set(c.orderId, await paidAt(c));
    expect((await adminRefund(partial.orderId, 500)).status).toBe(201);
    expect((await adminRefund(full.orderId, full.amount)).status).toBe(201);
    await expectMoneyStateConsistent(since, checkouts, new Map([[partial.orderId, 1], [full.orderId, 1]]), paidAtSeen);
  }, 60_000);

  it("the app answering 503 for a while: Stripe's retries deliver everything and the state matches", async () => {
    const since = nowSeconds() - 1;
    const outageStart = new Date();
    emu.forwarder.unavailable = true;
    const cards = ["pm_card_visa", "pm_card_visa", "pm_card_chargeDeclined"];
    const checkouts = await Promise.all(cards.map(() => checkout()));
    await Promise.all(checkouts.map((c, i) => confirm(c.piId, cards[i])));
    await sleep(600);
    expect(await test.db.stripeEvent.count({ where: { receivedAt: { gte: outageStart } } })).toBe(0);
    emu.forwarder.unavailable = false;

    const paidAtSeen = new Map<string, Date>([[checkouts[0].orderId, await paidAt(checkouts[0])]]);
    expect((await adminRefund(checkouts[0].orderId, 700)).status).toBe(201);
    await expectMoneyStateConsistent(since, checkouts, new Map([[checkouts[0].orderId, 1]]), paidAtSeen);
  }, 60_000);

  it("Stripe answering 500/429 or dropping its answers: one PaymentIntent per checkout, one refund per refund, the user's retry after a 502 makes no duplicate", async () => {
    const since = nowSeconds() - 1;
    const fault = (path: string, mode: string, count: number, method = "POST") => emu.control("/_emulator/faults", { path, method, mode, count });

    // The client's own retries (same idempotency key) ride out a 500 and a 429.
    await fault("/v1/payment_intents", "500", 1);
    await fault("/v1/payment_intents", "429", 1);
    const retried = await checkout();
    // Stripe created the intent, its answer was lost, and the client's retries met 500s: the shopper
    // gets a clear 502, retries the same cart (200: the order it made), and gets that same intent (the key is the order's).
    await fault("/v1/payment_intents", "drop_after", 1);
    await fault("/v1/payment_intents", "500", 2);
    const cartId = newCartId();
    signInAs(null);
    const failed = await postCheckout({ email: "chaos@example.com", cartId, items: [{ priceId: teePrice, quantity: 2 }] });
    expect(failed.status).toBe(502);
    expect(failed.json.error.message).toMatch(/try again/i);
    const again = await checkout(cartId, 200);
    // Once more, with the read of the stored intent failing once: the client retries the read.
    await fault("/v1/payment_intents/*", "500", 1, "GET");
    expect((await checkout(cartId, 200)).piId).toBe(again.piId);
    expect(await emu.control("/_emulator/faults")).toEqual({ data: [] });
    const checkouts = [retried, again];
    for (const c of checkouts) await confirm(c.piId, "pm_card_visa");
    const third = await checkout();
    await confirm(third.piId, "pm_card_visa");
    checkouts.push(third);
    for (const c of checkouts) await paidAt(c);

    const actions = new Map<string, number>();
    const act = (orderId: string) => actions.set(orderId, (actions.get(orderId) ?? 0) + 1);
    // A 500 once: the client retries with the same key.
    await fault("/v1/refunds", "500", 1);
    expect((await adminRefund(retried.orderId, 800)).status).toBe(201);
    act(retried.orderId);
    // Stripe down for longer: the admin gets a 502 (outcome unknown), retries, and the same refund is sent again.
    await fault("/v1/refunds", "500", 3);
    expect((await adminRefund(again.orderId, 900)).status).toBe(502);
    act(again.orderId);
    const resent = await adminRefund(again.orderId, 900);
    expect(resent.status, JSON.stringify(resent.json)).toBe(201);
    act(again.orderId);
    // Stripe refunded in full but every answer was lost: the retry gets that refund back (201), or,
    // once its webhook has named it, is told the payment is fully refunded (409, nothing done).
    await fault("/v1/refunds", "drop_after", 1);
    await fault("/v1/refunds", "500", 2);
    expect((await adminRefund(third.orderId, third.amount)).status).toBe(502);
    act(third.orderId);
    const recovered = await adminRefund(third.orderId, third.amount);
    expect([201, 409], JSON.stringify(recovered.json)).toContain(recovered.status);
    if (recovered.status === 201) act(third.orderId);

    await expectMoneyStateConsistent(since, checkouts, actions);
    for (const c of checkouts) expect(await test.db.refund.count({ where: { orderId: c.orderId } })).toBe(1);
  }, 60_000);

  if (kind === "postgres") {
    const initdb = findPostgresBinary("initdb");
    const skip = process.getuid?.() !== 0 ? "not running as root (runuser is needed to start a private cluster)" : !initdb ? "no initdb under /usr/lib/postgresql" : null;
    it.skipIf(skip !== null)(`PostgreSQL restarted (immediate) during a burst: every acknowledged event is durable and applied, once in effect${skip ? ` — skipped: ${skip}` : ""}`, async () => {
      // Only the workers apply events here (a late emulator delivery must not settle the queue for them).
      emu.forwarder.settle = false;
      const cluster = await startPrivateCluster(path.dirname(initdb!));
      const counter = countApplications();
      let db: Db | undefined;
      let workers: { stop: () => Promise<void> } | undefined;
      try {
        db = createDb(cluster.url);
        setDb(db);
        // Workers run through the restart, as `npm run worker` does.
        workers = await startStripeEventWorkers({ db, concurrency: 2 });
        const orders = await Promise.all(
          Array.from({ length: 30 }, async () => {
            const piId = uniqueId("pi");
            const order = await db!.order.create({ data: { email: "restart@example.com", currency: "usd", amount: 2500, stripePaymentIntentId: piId } });
            return { orderId: order.id, piId };
          }),
        );
        const t = nowSeconds();
        const events = orders.flatMap(({ piId }) => [
          buildEvent("payment_intent.created", buildPaymentIntent({ id: piId }), t - 2),
          buildEvent("payment_intent.processing", buildPaymentIntent({ id: piId, status: "processing" }), t - 1),
          buildEvent("payment_intent.succeeded", buildPaymentIntent({ id: piId, status: "succeeded", amount_received: 2500 }), t),
        ]);
        // Like Stripe: send everything (10 at a time), resend whatever did not get a 2xx until it does.
        const acknowledged = new Set<string>();
        const answers = { ok: 0, failed: 0 };
        let restart: Promise<void> | null = null;
        let pending = events;
        for (let round = 0; pending.length > 0; round++) {
          if (round > 100) throw new Error(`${pending.length} events never acknowledged`);
          for (let i = 0; i < pending.length; i += 10) {
            // Mid-burst of the first round: the server goes down hard and comes back.
            if (round === 0 && i === 30) restart = cluster.restart();
            await Promise.all(
              pending.slice(i, i + 10).map(async (event) => {
                const res = await webhookRoute(signedWebhookRequest(event));
                if (res.ok) {
                  acknowledged.add(event.id);
                  answers.ok++;
                } else {
                  expect(res.status).toBe(503);
                  answers.failed++;
                }
              }),
            );
          }
          pending = events.filter((e) => !acknowledged.has(e.id));
          if (pending.length > 0) await sleep(200);
        }
        await restart;
        expect(answers.failed).toBeGreaterThan(0);
        // Stripe also resends what it already got a 2xx for: a duplicate, acknowledged and stored once.
        for (const event of events.slice(0, 10)) expect(await (await webhookRoute(signedWebhookRequest(event))).json()).toEqual({ received: true, duplicate: true });

        // Durable: every acknowledged event is in the ledger, once.
        const stored = await eventually(() => db!.stripeEvent.findMany({ where: { id: { in: [...acknowledged] } }, select: { id: true } }), { timeoutMs: 15_000 });
        expect(stored).toHaveLength(events.length);

        // The workers finish the work; the sweep (its cron tick, run here with its clock on) re-queues
        // what a job cut off by the restart left behind.
        await eventually(
          async () => {
            await sweepStripeEvents(new Date(Date.now() + SWEEP_SLACK_MS), db);
            return (await db!.stripeEvent.count({ where: { id: { in: events.map((e) => e.id) }, status: "processed" } })) === events.length;
          },
          { timeoutMs: 20_000, intervalMs: 1_000 },
        );
        // Every event applied; one runs again only when the crash cut off its run (a batch's
        // transaction rolls back whole, so its events run again and apply once in effect).
        expect(events.filter((e) => !counter.applied.get(e.id))).toEqual([]);
        expect(events.filter((e) => counter.applied.get(e.id)! > 2)).toEqual([]);
        const paid = await db.order.findMany({ where: { id: { in: orders.map((o) => o.orderId) } } });
        expect(paid.every((o) => o.status === "paid" && o.paidAt !== null)).toBe(true);
      } finally {
        // Bounded: a runner whose workers all died (the failure this test guards against) may never finish stopping.
        if (workers) await Promise.race([workers.stop().catch(() => undefined), sleep(5_000)]);
        counter.restore();
        setDb(test.db);
        if (db) {
          await closeStripeEventQueue(db).catch(() => undefined);
          // Bounded too: after the crash Prisma's pg pool can keep a connection checked out that it never gives back.
          await Promise.race([db.$disconnect().catch(() => undefined), sleep(5_000)]);
        }
        cluster.stop();
      }
    }, 60_000);
  }
});

function findPostgresBinary(name: string): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const file = path.join(root, version, "bin", name);
    if (existsSync(file)) return file;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// Clusters still running when the suite ends (a test that timed out never reached its finally).
const runningClusters = new Set<() => void>();
afterAll(() => {
  for (const stop of runningClusters) stop();
});

/** A throwaway PostgreSQL cluster of our own (the shared server is never restarted), migrated like the test databases. */
async function startPrivateCluster(bin: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "payport-chaos-pg-"));
  chmodSync(dir, 0o755);
  const data = path.join(dir, "data");
  execFileSync("chown", ["postgres:postgres", dir]);
  const asPostgres = (args: string[]) => execFileSync("runuser", ["-u", "postgres", "--", ...args], { stdio: "pipe" });
  asPostgres([path.join(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const port = await freePort();
  const pgCtl = (...args: string[]) => asPostgres([path.join(bin, "pg_ctl"), "-D", data, "-l", path.join(dir, "log"), "-w", ...args]);
  const options = ["-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`];
  pgCtl(...options, "start");
  const stop = () => {
    runningClusters.delete(stop);
    try {
      pgCtl("-m", "immediate", "stop");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  runningClusters.add(stop);
  const url = `postgresql://postgres@127.0.0.1:${port}/payport_chaos`;
  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query("CREATE DATABASE payport_chaos");
  await admin.end();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const sql of migrationSql("postgres")) await client.query(sql);
  await client.end();
  return {
    url,
    /** `pg_ctl restart -m immediate`: no clean shutdown, crash recovery on start. */
    restart: () =>
      new Promise<void>((resolve, reject) => {
        const child: ChildProcess = spawn("runuser", ["-u", "postgres", "--", path.join(bin, "pg_ctl"), "-D", data, "-l", path.join(dir, "log"), "-w", "-m", "immediate", ...options, "restart"], { stdio: "ignore" });
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl restart exited with ${code}`))));
      }),
    stop,
  };
}
