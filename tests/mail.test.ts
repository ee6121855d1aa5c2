// Mail from webhooks, exactly once: the receipt when an order becomes paid,
// the notice when a refund succeeds, and the dunning mail when a renewal's
// payment fails — whatever the duplicates, redeliveries and delivery order.
// Messages are written to the outbox with the state change and delivered
// after commit through the transport (captured here); a failing transport is
// retried later and never touches the webhook's outcome.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { POST } from "@/app/api/webhooks/stripe/route";
import { queueCardExpiryNotices } from "@/lib/mail/compose";
import { deliverDueEmails, MAX_ATTEMPTS } from "@/lib/mail/deliver";
import { setMailTransport, type MailMessage } from "@/lib/mail/transport";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { buildEvent, buildPaymentIntent, nowSeconds, settleStripeEvents, signedWebhookRequest, uniqueId } from "./helpers/stripe-events";

beforeAll(() => useLocalStripeEnv());

describe.each(testDatabases())("mail from webhooks on %s", (kind) => {
  const test = useTestDatabase(kind);
  let sent: MailMessage[] = [];
  let failNext = 0;

  beforeEach(async () => {
    // Each test delivers only its own messages.
    await test.db.emailMessage.deleteMany();
    sent = [];
    failNext = 0;
    setMailTransport({
      kind: "outbox",
      async send(message) {
        if (failNext > 0) {
          failNext--;
          throw new Error("421 mail server busy");
        }
        sent.push(message);
      },
    });
  });
  afterEach(() => setMailTransport(null));

  /** Stores each event (acknowledged like Stripe's deliveries), then lets the workers run them together. */
  async function deliver(...events: Stripe.Event[]) {
    for (const event of events) expect((await POST(signedWebhookRequest(event))).status).toBe(200);
    await settleStripeEvents();
  }

  async function newOrder({ currency = "usd", unitAmount = 1250, quantity = 2, email = "ada@example.com" } = {}) {
    const product = await test.db.product.create({ data: { stripeProductId: uniqueId("prod"), name: "Payport Tee" } });
    const price = await test.db.price.create({ data: { stripePriceId: uniqueId("price"), productId: product.id, currency, unitAmount } });
    const amount = unitAmount * quantity;
    const piId = uniqueId("pi");
    const order = await test.db.order.create({
      data: {
        email,
        currency,
        amount,
        stripePaymentIntentId: piId,
        lines: { create: [{ priceId: price.id, productName: product.name, unitAmount, quantity, amount }] },
      },
    });
    return { order, piId };
  }

  const succeeded = (piId: string, order: { amount: number; currency: string }, created = nowSeconds()) =>
    buildEvent("payment_intent.succeeded", buildPaymentIntent({ id: piId, amount: order.amount, currency: order.currency, status: "succeeded" }), created);

  const outbox = (kindName: string, subjectPrefix?: string) =>
    test.db.emailMessage.findMany({ where: { kind: kindName, ...(subjectPrefix && { subjectId: { startsWith: subjectPrefix } }) } });

  it("a paid order gets one receipt, however often and in whatever order its events arrive", async () => {
    const { order, piId } = await newOrder();
    const t = nowSeconds();
    const paid = succeeded(piId, order, t);
    // The same event twice, a redelivery as a new event, and older events after it, all in one worker batch.
    await deliver(
      buildEvent("payment_intent.processing", buildPaymentIntent({ id: piId, amount: order.amount, status: "processing" }), t - 1),
      paid,
      buildEvent("payment_intent.succeeded", paid.data.object, t),
      buildEvent("payment_intent.created", buildPaymentIntent({ id: piId, amount: order.amount }), t - 2),
    );
    await deliver(paid);
    expect((await test.db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("paid");
    const messages = await outbox("order_receipt", order.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ to: "ada@example.com", status: "pending" });

    expect(await deliverDueEmails({ db: test.db })).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDueEmails({ db: test.db })).toEqual({ sent: 0, failed: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toBe("ada@example.com");
    expect(sent[0].subject).toBe("Your Payport receipt: $25.00");
    expect(sent[0].text).toContain("Payport Tee × 2  $25.00");
    expect(sent[0].text).toContain(`/checkout/${order.id}/complete`);
    expect((await test.db.emailMessage.findUniqueOrThrow({ where: { id: messages[0].id } })).status).toBe("sent");
  });

  it("a receipt in a zero-decimal currency shows whole yen", async () => {
    const { order, piId } = await newOrder({ currency: "jpy", unitAmount: 1500, quantity: 1 });
    await deliver(succeeded(piId, order));
    await deliverDueEmails({ db: test.db });
    expect(sent.map((m) => m.subject)).toEqual(["Your Payport receipt: ¥1,500"]);
  });

  it("a failed or pending payment sends nothing", async () => {
    const { order, piId } = await newOrder();
    await deliver(buildEvent("payment_intent.payment_failed", buildPaymentIntent({ id: piId, amount: order.amount, status: "requires_payment_method" })));
    expect(await outbox("order_receipt", order.id)).toHaveLength(0);
  });

  it("a refund sends one notice when it succeeds, not when it is created, however often it is delivered", async () => {
    const { order, piId } = await newOrder({ currency: "jpy", unitAmount: 3000, quantity: 1 });
    await deliver(succeeded(piId, order));
    const refundId = uniqueId("re");
    const refund = (status: string): Partial<Stripe.Refund> => ({ id: refundId, object: "refund", amount: 1000, currency: "jpy", payment_intent: piId, status, metadata: {} });
    const t = nowSeconds();
    await deliver(buildEvent("refund.created", refund("pending"), t));
    expect(await outbox("refund_notice", refundId)).toHaveLength(0);
    const done = buildEvent("refund.updated", refund("succeeded"), t + 1);
    await deliver(done, buildEvent("refund.updated", refund("succeeded"), t + 1));
    await deliver(done, buildEvent("refund.created", refund("pending"), t));
    const notices = await outbox("refund_notice", refundId);
    expect(notices).toHaveLength(1);
    await deliverDueEmails({ db: test.db });
    const notice = sent.find((m) => m.subject.includes("refund"))!;
    expect(notice.subject).toBe("Your refund of ¥1,000 is on its way");
    expect(notice.text).toContain("In total ¥1,000 of your ¥3,000 order has been refunded.");
  });

  describe("dunning", () => {
    async function subscriber() {
      const customerId = uniqueId("cus");
      const email = `${uniqueId("sub")}@example.com`;
      await test.db.user.create({ data: { email, stripeCustomerId: customerId } });
      const product = await test.db.product.create({ data: { stripeProductId: uniqueId("prod"), name: "Pro", kind: "plan" } });
      const price = await test.db.price.create({ data: { stripePriceId: uniqueId("price"), productId: product.id, currency: "usd", unitAmount: 1900, type: "recurring", interval: "month" } });
      const subscriptionId = uniqueId("sub");
      await test.db.subscription.create({ data: { stripeSubscriptionId: subscriptionId, stripeCustomerId: customerId, status: "active", stripePriceId: price.stripePriceId } });
      return { customerId, email, subscriptionId };
    }
    const invoice = (who: { customerId: string; subscriptionId: string }, id: string, overrides: Partial<Stripe.Invoice> = {}) =>
      ({
        id,
        object: "invoice",
        customer: who.customerId,
        currency: "usd",
        status: "open",
        total: 1900,
        amount_due: 1900,
        amount_paid: 0,
        amount_remaining: 1900,
        attempt_count: 1,
        next_payment_attempt: nowSeconds() + 3 * 86400,
        hosted_invoice_url: `https://invoice.example/${id}`,
        billing_reason: "subscription_cycle",
        created: nowSeconds(),
        period_start: nowSeconds(),
        period_end: nowSeconds(),
        lines: { object: "list", data: [] },
        parent: { type: "subscription_details", subscription_details: { subscription: who.subscriptionId } },
        ...overrides,
      }) as unknown as Stripe.Invoice;

    it("a failed renewal sends one mail per attempt with a link to update the card", async () => {
      const who = await subscriber();
      const invoiceId = uniqueId("in");
      const t = nowSeconds();
      const failed = buildEvent("invoice.payment_failed", invoice(who, invoiceId), t);
      await deliver(failed, failed, buildEvent("invoice.payment_failed", invoice(who, invoiceId), t));
      await deliver(failed);
      expect(await outbox("invoice_payment_failed", invoiceId)).toHaveLength(1);
      await deliverDueEmails({ db: test.db });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ to: who.email, subject: "Payment of $19.00 failed: please update your card" });
      expect(sent[0].text).toContain("for your Pro subscription");
      expect(sent[0].text).toContain("http://localhost:3000/account/billing");
      expect(sent[0].html).toContain('href="http://localhost:3000/account/billing"');

      // Stripe's second attempt fails too: that is news, once.
      const second = buildEvent("invoice.payment_failed", invoice(who, invoiceId, { attempt_count: 2 }), t + 10);
      await deliver(second, second);
      expect(await outbox("invoice_payment_failed", invoiceId)).toHaveLength(2);
    });

    it("a failure delivered after the invoice was paid sends nothing", async () => {
      const who = await subscriber();
      const invoiceId = uniqueId("in");
      const t = nowSeconds();
      await deliver(buildEvent("invoice.paid", invoice(who, invoiceId, { status: "paid", amount_paid: 1900, amount_remaining: 0, attempt_count: 2 }), t + 5));
      await deliver(buildEvent("invoice.payment_failed", invoice(who, invoiceId), t));
      expect(await outbox("invoice_payment_failed", invoiceId)).toHaveLength(0);
    });

    it("a card that pays for a live subscription and expires this month gets one notice", async () => {
      const who = await subscriber();
      const now = new Date(Date.UTC(2031, 1, 10));
      const pmId = uniqueId("pm");
      await test.db.paymentMethodSummary.create({ data: { stripePaymentMethodId: pmId, stripeCustomerId: who.customerId, brand: "visa", last4: "4242", expMonth: 2, expYear: 2031, isDefault: true } });
      // Far from expiry: nothing.
      await test.db.paymentMethodSummary.create({ data: { stripePaymentMethodId: uniqueId("pm"), stripeCustomerId: who.customerId, brand: "visa", last4: "1111", expMonth: 2, expYear: 2033, isDefault: false } });
      expect(await queueCardExpiryNotices({ db: test.db, now })).toBe(1);
      expect(await queueCardExpiryNotices({ db: test.db, now })).toBe(0);
      const [notice] = await outbox("card_expiring", pmId);
      expect(notice).toMatchObject({ to: who.email, subject: "Your Visa ending in 4242 expires 02/2031" });
    });
  });

  it("a delivery failure is retried later and does not touch the webhook's outcome", async () => {
    const { order, piId } = await newOrder();
    const event = succeeded(piId, order);
    failNext = 1;
    await deliver(event);
    expect((await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("processed");
    const now = new Date();
    expect(await deliverDueEmails({ db: test.db, now })).toEqual({ sent: 0, failed: 1 });
    const [message] = await outbox("order_receipt", order.id);
    expect(message).toMatchObject({ status: "pending", attempts: 1, lastError: "421 mail server busy" });
    expect(message.nextAttemptAt!.getTime()).toBeGreaterThan(now.getTime());
    // Not due yet: nothing happens; when due, it goes.
    expect(await deliverDueEmails({ db: test.db, now })).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueEmails({ db: test.db, now: new Date(now.getTime() + 60_000) })).toEqual({ sent: 1, failed: 0 });
    expect(sent).toHaveLength(1);
  });

  it(`a message failing ${MAX_ATTEMPTS} times is given up`, async () => {
    const { order, piId } = await newOrder();
    await deliver(succeeded(piId, order));
    failNext = MAX_ATTEMPTS;
    let at = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverDueEmails({ db: test.db, now: new Date(at) });
      at += 2 * 60 * 60_000;
    }
    const [message] = await outbox("order_receipt", order.id);
    expect(message).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS, nextAttemptAt: null });
  });
});
