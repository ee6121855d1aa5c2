// Checkout Sessions: the API (create, retrieve, list, line_items, expire) and the hosted page that
// pays them with test cards, in payment and subscription mode; every answer and event validated.
import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { describeConformance, eventTypesOf, stripeError } from "./target.ts";

let stripe: Stripe;

const SUCCESS = "http://127.0.0.1:3000/thanks?session_id={CHECKOUT_SESSION_ID}";
const CANCEL = "http://127.0.0.1:3000/cart";

async function submit(url: string, form: Record<string, string>) {
  return fetch(url, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });
}

describeConformance("Checkout Sessions", (t) => {
  beforeAll(() => void (stripe = t().stripe));

  describe("Checkout Sessions API", () => {
    it("creates a payment-mode session with price and price_data lines", async () => {
      const product = await stripe.products.create({ name: "Tee" });
      const price = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 2500 });
      const session = await stripe.checkout.sessions.create({
        mode: "payment",
        line_items: [
          { price: price.id, quantity: 2 },
          { price_data: { currency: "usd", unit_amount: 500, product_data: { name: "Gift wrap" } }, quantity: 1 },
        ],
        success_url: SUCCESS,
        cancel_url: CANCEL,
        customer_email: "buyer@example.com",
        client_reference_id: "order_1",
        metadata: { order: "1" },
      });
      expect(session).toMatchObject({
        object: "checkout.session",
        mode: "payment",
        status: "open",
        payment_status: "unpaid",
        amount_subtotal: 5500,
        amount_total: 5500,
        currency: "usd",
        customer: null,
        customer_email: "buyer@example.com",
        client_reference_id: "order_1",
        payment_intent: null,
        ui_mode: "hosted_page",
        metadata: { order: "1" },
      });
      expect(session.id).toMatch(/^cs_test_/);
      expect(session.url).toMatch(new RegExp(`/c/pay/${session.id}$`));
      const items = await stripe.checkout.sessions.listLineItems(session.id);
      expect(items.data.map((li) => [li.description, li.quantity, li.amount_total])).toEqual([
        ["Tee", 2, 5000],
        ["Gift wrap", 1, 500],
      ]);
      const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items"] });
      expect(expanded.line_items?.data).toHaveLength(2);
      const listed = await stripe.checkout.sessions.list({ status: "open", limit: 100 });
      expect(listed.data.map((s) => s.id)).toContain(session.id);
    });

    it("validates like Stripe", async () => {
      const product = await stripe.products.create({ name: "Plan" });
      const monthly = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 900, recurring: { interval: "month" } });
      const oneTime = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 900 });
      const recurringInPayment = await stripeError(stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price: monthly.id, quantity: 1 }], success_url: SUCCESS }));
      expect(recurringInPayment.message).toMatch(/payment` mode but passed a recurring price/);
      const noRecurring = await stripeError(stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: oneTime.id, quantity: 1 }], success_url: SUCCESS }));
      expect(noRecurring.message).toMatch(/at least one recurring price/);
      const both = await stripeError(stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price: oneTime.id, quantity: 1 }], customer: (await stripe.customers.create({})).id, customer_email: "x@example.com" }));
      expect(both.statusCode).toBe(400);
      const badCurrency = await stripeError(stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price_data: { currency: "zzz", unit_amount: 100, product_data: { name: "x" } }, quantity: 1 }] }));
      expect(badCurrency.param).toBe("line_items[0][price_data][currency]");
      expect((await stripeError(stripe.checkout.sessions.retrieve("cs_test_nope"))).statusCode).toBe(404);
    });

    it("expires an open session (checkout.session.expired); a second expire is a 400", async () => {
      const session = await stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price_data: { currency: "usd", unit_amount: 700, product_data: { name: "Mug" } }, quantity: 1 }], success_url: SUCCESS });
      const expired = await stripe.checkout.sessions.expire(session.id);
      expect(expired).toMatchObject({ status: "expired", url: null });
      expect(await eventTypesOf(stripe, session.id)).toEqual(["checkout.session.expired"]);
      expect((await stripeError(stripe.checkout.sessions.expire(session.id))).statusCode).toBe(400);
      const page = await fetch(session.url!);
      expect(await page.text()).toMatch(/expired/);
    });
  });

  describe("hosted Checkout page", () => {
    it("pays a payment-mode session with a test card and redirects to success_url", async () => {
      const session = await stripe.checkout.sessions.create({
        mode: "payment",
        line_items: [{ price_data: { currency: "usd", unit_amount: 1999, product_data: { name: "Poster" } }, quantity: 1 }],
        success_url: SUCCESS,
        cancel_url: CANCEL,
        payment_intent_data: { metadata: { order: "42" } },
      });
      const html = await (await fetch(session.url!)).text();
      expect(html).toContain("Poster");
      expect(html).toContain("pm_card_visa");
      expect(html).toContain(CANCEL);
      const declined = await submit(session.url!, { email: "guest@example.com", card: "pm_card_visa_chargeDeclined" });
      expect(declined.status).toBe(402);
      expect(await declined.text()).toContain("Your card was declined.");
      const paid = await submit(session.url!, { email: "guest@example.com", name: "Guest", card: "pm_card_visa" });
      expect(paid.status).toBe(303);
      expect(paid.headers.get("location")).toBe(`http://127.0.0.1:3000/thanks?session_id=${session.id}`);
      // (Embedded objects are fetched on their own: this test guards the session's shape.)
      const done = await stripe.checkout.sessions.retrieve(session.id);
      expect(done).toMatchObject({ status: "complete", payment_status: "paid", customer: null, url: null, customer_details: { email: "guest@example.com", name: "Guest" } });
      const pi = await stripe.paymentIntents.retrieve(done.payment_intent as string);
      expect(pi).toMatchObject({ status: "succeeded", amount: 1999, metadata: { order: "42" }, receipt_email: "guest@example.com" });
      expect(await eventTypesOf(stripe, session.id)).toEqual(["checkout.session.completed"]);
      const piEvents = await eventTypesOf(stripe, pi.id);
      expect(piEvents).toEqual(["payment_intent.created", "payment_intent.payment_failed", "payment_intent.succeeded"]);
      const again = await submit(session.url!.replace(/\/c\/pay\/.*/, `/c/pay/${session.id}`), { email: "guest@example.com", card: "pm_card_visa" });
      expect(again.status).toBe(402);
    });

    it("goes through the 3-D Secure page and back", async () => {
      const customer = await stripe.customers.create({ email: "known@example.com" });
      const session = await stripe.checkout.sessions.create({ mode: "payment", customer: customer.id, line_items: [{ price_data: { currency: "usd", unit_amount: 1500, product_data: { name: "Book" } }, quantity: 1 }], success_url: SUCCESS });
      const started = await submit(session.url!, { card: "pm_card_authenticationRequired" });
      expect(started.status).toBe(303);
      const challenge = started.headers.get("location")!;
      expect(challenge).toMatch(/\/_emulator\/3ds\/pi_/);
      const challengePage = await (await fetch(challenge)).text();
      const action = /action="([^"]+succeed[^"]*)"/.exec(challengePage)![1].replaceAll("&amp;", "&");
      const back = await fetch(new URL(action, challenge), { method: "POST", redirect: "manual" });
      expect(back.status).toBe(303);
      const returned = await fetch(back.headers.get("location")!, { redirect: "manual" });
      expect(returned.status).toBe(303);
      expect(returned.headers.get("location")).toBe(`http://127.0.0.1:3000/thanks?session_id=${session.id}`);
      const done = await stripe.checkout.sessions.retrieve(session.id);
      expect(done).toMatchObject({ status: "complete", payment_status: "paid", customer: customer.id, customer_details: { email: "known@example.com" } });
    });

    it("pays a subscription-mode session: customer, subscription and paid first invoice", async () => {
      const product = await stripe.products.create({ name: "Pro" });
      const monthly = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 1200, recurring: { interval: "month" } });
      const setupFee = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 300 });
      const session = await stripe.checkout.sessions.create({
        mode: "subscription",
        line_items: [{ price: monthly.id, quantity: 1 }, { price: setupFee.id, quantity: 1 }],
        success_url: SUCCESS,
        subscription_data: { metadata: { plan: "pro" } },
      });
      expect(session).toMatchObject({ amount_total: 1500, payment_method_collection: "always", customer_creation: null });
      const paid = await submit(session.url!, { email: "sub@example.com", card: "pm_card_visa" });
      expect(paid.status).toBe(303);
      const done = await stripe.checkout.sessions.retrieve(session.id);
      expect(done).toMatchObject({ status: "complete", payment_status: "paid" });
      const sub = await stripe.subscriptions.retrieve(done.subscription as string);
      expect(sub).toMatchObject({ status: "active", metadata: { plan: "pro" }, customer: done.customer });
      expect(sub.default_payment_method).toMatch(/^pm_/);
      expect(sub.latest_invoice).toBe(done.invoice);
      expect(await stripe.invoices.retrieve(done.invoice as string)).toMatchObject({ status: "paid", amount_paid: 1500 });
      const customer = await stripe.customers.retrieve(done.customer as string);
      expect(customer).toMatchObject({ email: "sub@example.com" });
      expect(await eventTypesOf(stripe, session.id)).toEqual(["checkout.session.completed"]);
      expect(await eventTypesOf(stripe, sub.id)).toContain("customer.subscription.created");
    });

    it("starts a trial without charging", async () => {
      const product = await stripe.products.create({ name: "Trial" });
      const monthly = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 1200, recurring: { interval: "month" } });
      const session = await stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: monthly.id, quantity: 1 }], success_url: SUCCESS, subscription_data: { trial_period_days: 7 } });
      expect(session.amount_total).toBe(0);
      expect((await submit(session.url!, { email: "trial@example.com", card: "pm_card_visa" })).status).toBe(303);
      const done = await stripe.checkout.sessions.retrieve(session.id);
      expect(done.payment_status).toBe("no_payment_required");
      expect((await stripe.subscriptions.retrieve(done.subscription as string)).status).toBe("trialing");
    });
  });
});
