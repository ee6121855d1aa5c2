// Payport on a restricted key holding exactly the permissions lib/stripe/permissions.ts documents:
// checkout + pay + webhook, subscribe + pay + cancel and an admin refund run through the route
// handlers and the emulator (which enforces restricted keys as Stripe does). With one permission
// taken away, the start-up check, /api/ready and the failing request all name it.
import Stripe from "stripe";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as refundRoute } from "@/app/api/admin/payments/[id]/refunds/route";
import { POST as reconcileRoute } from "@/app/api/admin/reconcile/route";
import { POST as appInvoiceRoute } from "@/app/api/stripe-app/invoice/route";
import { POST as subscribeRoute } from "@/app/api/billing/subscribe/route";
import { POST as cancelRoute } from "@/app/api/billing/portal/subscriptions/[id]/cancel/route";
import { GET as ready } from "@/app/api/ready/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { listPlans } from "@/lib/catalog/plans";
import { LOCAL_SECRET_KEY } from "@/lib/env";
import { checkStripe } from "@/lib/health/checks";
import { setLogSink } from "@/lib/observability/log";
import { getStripe, restrictedKeyMode } from "@/lib/stripe/client";
import { verifyKeyPermissions } from "@/lib/stripe/permission-check";
import { requiredPermissions, type Access, type StripeResource } from "@/lib/stripe/permissions";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually, useEmulator } from "./helpers/emulator";
import { useLocalStripeEnv } from "./helpers/env";
import { useSignedInAs } from "./helpers/session";
import { call, rid } from "./portal-helpers";
import { signedAppRequest } from "./stripe-app/helpers";

type Permissions = Partial<Record<StripeResource, Access>>;

/** Exactly what the README lists for the app in test mode. */
const DOCUMENTED: Permissions = Object.fromEntries(requiredPermissions("test").map((p) => [p.resource, p.access]));

function without(resource: StripeResource): Permissions {
  const { [resource]: _removed, ...rest } = DOCUMENTED;
  void _removed;
  return rest;
}

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe.each(testDatabases())("a restricted key on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator({ webhooks: true });
  const signInAs = useSignedInAs();
  // Stripe's side of the story (the customer's browser paying, Stripe itself), never limited by our key.
  let stripeSide: Stripe;
  let admin: { id: string };
  let teePrice: string;
  const logged: string[] = [];

  beforeAll(async () => {
    await seedCatalog();
    teePrice = await priceIdByLookupKey(test.db, "payport_tee_usd");
    admin = await test.db.user.create({ data: { email: `admin.rk.${kind}.${Date.now().toString(36)}@example.com`, role: "admin" } });
    stripeSide = new Stripe(LOCAL_SECRET_KEY, { host: "127.0.0.1", port: Number(new URL(emu.url).port), protocol: "http" });
  });
  beforeEach(() => setLogSink((line) => logged.push(line)));
  afterEach(() => {
    setLogSink(undefined);
    logged.length = 0;
    // Other suites in this process go back to the emulator's full key.
    useLocalStripeEnv({ STRIPE_EMULATOR_URL: emu.url });
  });

  /** Mints a restricted key in the emulator and runs the app with it (STRIPE_SECRET_KEY=rk_test_emulator_…). */
  async function runWithKey(permissions: Permissions): Promise<void> {
    const key = (await emu.control("/_emulator/restricted_keys", { permissions })) as { id: string };
    useLocalStripeEnv({ STRIPE_EMULATOR_URL: emu.url, STRIPE_SECRET_KEY: key.id });
    expect(restrictedKeyMode(getStripe())).toBe("test");
  }

  async function paidOrder(): Promise<{ orderId: string; piId: string }> {
    signInAs(null);
    const { status, json: body } = await postCheckout({ email: "rk@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity: 2 }] });
    expect(status, JSON.stringify(body)).toBe(201);
    const piId = (body.clientSecret as string).split("_secret_")[0];
    await stripeSide.paymentIntents.confirm(piId, { payment_method: "pm_card_visa", return_url: "http://payport.test/done" });
    await eventually(async () => (await test.db.order.findUniqueOrThrow({ where: { id: body.orderId } })).status === "paid");
    return { orderId: body.orderId, piId };
  }

  async function newSubscriber() {
    const user = await test.db.user.create({ data: { email: `rk.sub.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com` } });
    signInAs(user);
    return user;
  }

  const subscribe = (priceId: string) => subscribeRoute(new Request("http://payport.test/api/billing/subscribe", json({ priceId })));
  const refund = (orderId: string, amount: number) =>
    refundRoute(new Request(`http://payport.test/api/admin/payments/${orderId}/refunds`, json({ amount, currency: "usd", reason: "requested_by_customer" })), {
      params: Promise.resolve({ id: orderId }),
    });

  async function starterPrice(): Promise<string> {
    const plans = await listPlans();
    return plans.find((p) => p.name === "Starter")!.prices.find((p) => p.interval === "month")!.id;
  }

  it("with exactly the documented permissions: the start-up check passes and every flow works, webhooks included", async () => {
    await runWithKey(DOCUMENTED);
    const report = await verifyKeyPermissions();
    expect(report).toEqual({ ok: true, checked: requiredPermissions("test").length });
    expect(await checkStripe()).toEqual({ ok: true });

    // Checkout, paid in the browser, marked paid by the verified webhook (handlers re-read through our key).
    const { orderId, piId } = await paidOrder();

    // Admin refund.
    signInAs(admin);
    const refunded = await refund(orderId, 1000);
    expect(refunded.status, JSON.stringify(await refunded.clone().json())).toBe(201);
    expect((await stripeSide.refunds.list({ payment_intent: piId })).data).toHaveLength(1);

    // Subscribe, pay the first invoice, cancel from the portal.
    const user = await newSubscriber();
    const subscribed = await subscribe(await starterPrice());
    const body = await subscribed.json();
    expect(subscribed.status, JSON.stringify(body)).toBe(201);
    await stripeSide.paymentIntents.confirm((body.intent.clientSecret as string).split("_secret_")[0], { payment_method: "pm_card_visa", return_url: "http://payport.test/done" });
    await eventually(() => test.db.subscription.findFirst({ where: { stripeSubscriptionId: body.subscriptionId, status: "active" } }));
    signInAs(user);
    const canceled = await call(cancelRoute, { id: body.subscriptionId }, { body: { mode: "now", requestId: rid() } });
    expect(canceled).toMatchObject({ status: 200, json: { status: "canceled" } });

    // The Stripe App's invoice view (Stripe reads the invoice, the customer's usage).
    const invoiceId = (await stripeSide.subscriptions.retrieve(body.subscriptionId)).latest_invoice as string;
    const view = await appInvoiceRoute(signedAppRequest("invoice", { invoice_id: invoiceId }));
    expect(view.status, JSON.stringify(await view.clone().json())).toBe(200);

    // Every webhook the app received was applied (or deliberately ignored) with the restricted key.
    await eventually(async () => (await test.db.stripeEvent.count({ where: { status: { notIn: ["processed", "ignored"] } } })) === 0).catch(async (error) => {
      const stuck = await test.db.stripeEvent.findMany({ where: { status: { notIn: ["processed", "ignored"] } }, select: { type: true, status: true, lastError: true } });
      throw new Error(`${String(error)}: ${JSON.stringify(stuck)}`);
    });
    expect(emu.deliveries.filter((d) => d.status >= 400)).toEqual([]);

    // Reconciliation re-reads every kind of object the app mirrors.
    signInAs(admin);
    const reconciled = await reconcileRoute(new Request("http://payport.test/api/admin/reconcile", json({ since: Math.floor(Date.now() / 1000) - 3600 })));
    const reconcileReport = await reconciled.json();
    expect(reconciled.status, JSON.stringify(reconcileReport)).toBe(200);
    expect(reconcileReport.errors).toEqual([]);
    expect(logged.filter((l) => /lacks the/.test(l))).toEqual([]);
  });

  it.each(requiredPermissions("test").map((p) => [`rak_${p.resource}_${p.access}`, p.resource] as const))(
    "without %s the start-up check names it, in one log line and in /api/ready",
    async (slug, resource) => {
      await runWithKey(without(resource));
      const report = await verifyKeyPermissions();
      expect(report).toMatchObject({ ok: false, missing: [expect.objectContaining({ slug, resource })] });
      expect(report && "missing" in report && report.missing).toHaveLength(1);
      const lines = logged.filter((l) => /lacks the/.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`(${slug})`);

      const res = await ready(new Request("http://payport.test/api/ready"));
      expect(res.status).toBe(503);
      const readiness = await res.json();
      expect(readiness.failing).toEqual(["stripe"]);
      expect(readiness.checks.stripe.detail).toMatch(new RegExp(`^API key lacks permissions: .+ \\(${slug}\\)$`));
    },
  );

  it("a write permission held only as read is named as the write", async () => {
    await runWithKey({ ...DOCUMENTED, refund: "read" });
    const report = await verifyKeyPermissions();
    expect(report).toMatchObject({ ok: false, missing: [{ slug: "rak_refund_write", label: "Refunds: Write", features: ["refunds", "reconcile"] }] });
  });

  it("checkout without PaymentIntents: Write fails with a 500 naming the permission, logged, and nothing is charged", async () => {
    await runWithKey(without("payment_intent"));
    signInAs(null);
    const before = (await stripeSide.paymentIntents.list({ limit: 100 })).data.length;
    const { status, json: body } = await postCheckout({ email: "rk@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity: 1 }] });
    expect(status).toBe(500);
    expect(body.error.message).toBe(
      `Payport's Stripe API key lacks the "PaymentIntents: Write" permission (rak_payment_intent_write). An administrator must add it to the restricted key in the Stripe Dashboard (Developers → API keys).`,
    );
    expect(logged.some((l) => l.includes('lacks the \\"PaymentIntents: Write\\" permission (rak_payment_intent_write)') || l.includes('lacks the "PaymentIntents: Write" permission (rak_payment_intent_write)'))).toBe(true);
    expect((await stripeSide.paymentIntents.list({ limit: 100 })).data.length).toBe(before);
  });

  it("an admin refund without Refunds: Write fails with a 500 naming it; the refund row is failed, not pending", async () => {
    const { orderId } = await paidOrder();
    await runWithKey(without("refund"));
    signInAs(admin);
    const res = await refund(orderId, 500);
    expect(res.status).toBe(500);
    expect((await res.json()).error.message).toMatch(/lacks the "Refunds: Write" permission \(rak_refund_write\)/);
    expect(await test.db.refund.findFirstOrThrow({ where: { orderId } })).toMatchObject({ status: "failed", failureReason: expect.stringContaining("rak_refund_write") });
  });

  it("subscribing without the Subscriptions permission fails with a 500 naming it", async () => {
    await runWithKey(without("subscription"));
    await newSubscriber();
    const res = await subscribe(await starterPrice());
    expect(res.status).toBe(500);
    // Its first Stripe call reads the customer's subscriptions.
    expect((await res.json()).error.message).toMatch(/lacks the "Subscriptions: Read" permission \(rak_subscription_read\)/);
  });
});
