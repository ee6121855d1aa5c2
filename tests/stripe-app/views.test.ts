// What the Dashboard sees: for a customer exactly their orders (lines,
// fulfilment, notes) and their customer-level notes, never another
// customer's; payments and invoices lead to the orders they paid for.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type Stripe from "stripe";
import { POST as customerRoute } from "@/app/api/stripe-app/customer/route";
import { POST as paymentRoute } from "@/app/api/stripe-app/payment/route";
import { POST as invoiceRoute } from "@/app/api/stripe-app/invoice/route";
import { getStripe } from "@/lib/stripe/client";
import { testDatabases, useTestDatabase } from "../helpers/db";
import { uniqueId } from "../helpers/stripe-events";
import { createOrder, signedAppRequest, useStripeAppEnv } from "./helpers";

beforeAll(() => useStripeAppEnv());
afterEach(() => vi.restoreAllMocks());

const ids = (orders: { id: string }[]) => orders.map((o) => o.id).sort();

describe.each(testDatabases())("Stripe App views on %s", (kind) => {
  const test = useTestDatabase(kind);

  async function seedTwoCustomers() {
    const ada = uniqueId("cus");
    const bob = uniqueId("cus");
    const adaUser = await test.db.user.create({ data: { email: `${ada}@example.com`, stripeCustomerId: ada } });
    const adaOrders = [
      await createOrder(test.db, { customerId: ada, productName: "Enamel Mug" }),
      await createOrder(test.db, { customerId: ada, productName: "Tea Towel", quantity: 1 }),
      // Placed while signed in, before the order carried the customer id itself.
      await createOrder(test.db, { userId: adaUser.id, productName: "Teapot" }),
    ];
    const bobOrders = [await createOrder(test.db, { customerId: bob, productName: "Bread Knife" })];
    await createOrder(test.db, { productName: "Guest Candle" });
    await test.db.fulfilment.create({ data: { orderId: adaOrders[0].id, status: "shipped", carrier: "UPS", trackingNumber: "1ZADA", shippedAt: new Date("2026-11-20T10:00:00Z") } });
    await test.db.fulfilment.create({ data: { orderId: bobOrders[0].id, status: "delivered", carrier: "DHL", trackingNumber: "JDBOB" } });
    await test.db.supportNote.create({ data: { orderId: adaOrders[0].id, stripeCustomerId: ada, body: "Ada: gift wrap", author: "usr_a", source: "stripe_app" } });
    await test.db.supportNote.create({ data: { stripeCustomerId: ada, body: "Ada prefers email", author: "admin@payport.test", source: "admin" } });
    await test.db.supportNote.create({ data: { orderId: bobOrders[0].id, stripeCustomerId: bob, body: "Bob: fragile", author: "usr_b", source: "stripe_app" } });
    await test.db.supportNote.create({ data: { stripeCustomerId: bob, body: "Bob is a reseller", author: "usr_b", source: "stripe_app" } });
    return { ada, bob, adaOrders, bobOrders };
  }

  it("a customer's view shows their current plan with its features, and never another customer's", async () => {
    const ada = uniqueId("cus");
    const bob = uniqueId("cus");
    const product = await test.db.product.create({
      data: { stripeProductId: uniqueId("prod"), name: "Team", kind: "plan", features: JSON.stringify(["Unlimited projects", "Priority support"]) },
    });
    const price = await test.db.price.create({
      data: { stripePriceId: uniqueId("price"), productId: product.id, currency: "usd", unitAmount: 1200, type: "recurring", interval: "month", usageType: "licensed" },
    });
    const periodEnd = new Date("2026-12-25T00:00:00Z");
    await test.db.subscription.create({
      data: { stripeSubscriptionId: uniqueId("sub"), stripeCustomerId: ada, status: "active", stripePriceId: price.stripePriceId, quantity: 3, currentPeriodEnd: periodEnd },
    });
    await test.db.subscription.create({
      data: { stripeSubscriptionId: uniqueId("sub"), stripeCustomerId: ada, status: "canceled", stripePriceId: price.stripePriceId, quantity: 1 },
    });

    const view = await (await customerRoute(signedAppRequest("customer", { customer_id: ada }))).json();
    expect(view.subscription).toMatchObject({
      status: "active",
      planName: "Team",
      features: ["Unlimited projects", "Priority support"],
      quantity: 3,
      unitAmount: 1200,
      currency: "usd",
      interval: "month",
      currentPeriodEnd: periodEnd.toISOString(),
      usage: null,
    });
    const other = await (await customerRoute(signedAppRequest("customer", { customer_id: bob }))).json();
    expect(other.subscription).toBeNull();
  });

  it("a customer's view holds exactly their orders, fulfilment and notes; the other customer's data never appears", async () => {
    const { ada, bob, adaOrders, bobOrders } = await seedTwoCustomers();

    const res = await customerRoute(signedAppRequest("customer", { customer_id: ada }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const view = await res.json();
    expect(view.object).toEqual({ type: "customer", id: ada });
    expect(ids(view.orders)).toEqual(ids(adaOrders));
    expect(view.customer).toEqual({ id: ada, notes: [expect.objectContaining({ body: "Ada prefers email", orderId: null, source: "admin" })] });
    expect(view.subscription).toBeNull();

    const mug = view.orders.find((o: { id: string }) => o.id === adaOrders[0].id);
    expect(mug).toMatchObject({
      status: "paid",
      amount: 2800,
      currency: "usd",
      stripeCustomerId: ada,
      lines: [{ productName: "Enamel Mug", unitAmount: 1400, quantity: 2, amount: 2800 }],
      fulfilment: { status: "shipped", carrier: "UPS", trackingNumber: "1ZADA", shippedAt: "2026-11-20T10:00:00.000Z", deliveredAt: null },
      notes: [expect.objectContaining({ body: "Ada: gift wrap", author: "usr_a" })],
    });
    const towel = view.orders.find((o: { id: string }) => o.id === adaOrders[1].id);
    expect(towel.fulfilment).toEqual({ status: "unfulfilled", carrier: null, trackingNumber: null, shippedAt: null, deliveredAt: null });
    expect(towel.notes).toEqual([]);

    const text = JSON.stringify(view);
    for (const leak of [bob, bobOrders[0].id, "Bob", "JDBOB", "Guest Candle"]) expect(text).not.toContain(leak);

    const bobView = await (await customerRoute(signedAppRequest("customer", { customer_id: bob }))).json();
    expect(ids(bobView.orders)).toEqual(ids(bobOrders));
    expect(bobView.customer.notes.map((n: { body: string }) => n.body)).toEqual(["Bob is a reseller"]);
    expect(JSON.stringify(bobView)).not.toContain(ada);
  });

  it("a customer Payport has never seen → 200 with empty sections (the extension's empty state)", async () => {
    const res = await customerRoute(signedAppRequest("customer", { customer_id: "cus_nobody_here" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ object: { type: "customer", id: "cus_nobody_here" }, customer: { id: "cus_nobody_here", notes: [] }, orders: [], subscription: null });
  });

  it("a payment intent or the charge we stored leads to its order and its customer", async () => {
    const { ada, adaOrders } = await seedTwoCustomers();
    const order = await test.db.order.findUniqueOrThrow({ where: { id: adaOrders[0].id } });
    for (const paymentId of [order.stripePaymentIntentId!, order.stripeChargeId!]) {
      const view = await (await paymentRoute(signedAppRequest("payment", { payment_id: paymentId }))).json();
      expect(view.object.id).toBe(paymentId);
      expect(ids(view.orders)).toEqual([order.id]);
      expect(view.customer.id).toBe(ada);
    }
  });

  it("an earlier charge we did not store is traced through Stripe to its intent's order", async () => {
    const { adaOrders } = await seedTwoCustomers();
    const order = await test.db.order.findUniqueOrThrow({ where: { id: adaOrders[1].id } });
    const retrieve = vi.spyOn(getStripe().charges, "retrieve").mockResolvedValue({ id: "ch_earlier", payment_intent: order.stripePaymentIntentId } as Stripe.Response<Stripe.Charge>);
    const view = await (await paymentRoute(signedAppRequest("payment", { payment_id: "ch_earlier" }))).json();
    expect(retrieve).toHaveBeenCalledWith("ch_earlier");
    expect(view.object).toEqual({ type: "charge", id: "ch_earlier" });
    expect(ids(view.orders)).toEqual([order.id]);
  });

  it("a payment with no Payport order → 200 with no orders and no customer", async () => {
    const view = await (await paymentRoute(signedAppRequest("payment", { payment_id: "pi_not_ours" }))).json();
    expect(view).toEqual({ object: { type: "payment_intent", id: "pi_not_ours" }, customer: null, orders: [], subscription: null });
  });

  it("an invoice shows the orders its payments settled first, then the rest of its customer's", async () => {
    const { ada, adaOrders } = await seedTwoCustomers();
    const paid = await test.db.order.findUniqueOrThrow({ where: { id: adaOrders[1].id } });
    const retrieve = vi.spyOn(getStripe().invoices, "retrieve").mockResolvedValue({
      id: "in_1",
      customer: ada,
      payments: { object: "list", data: [{ payment: { type: "payment_intent", payment_intent: paid.stripePaymentIntentId } }], has_more: false, url: "" },
    } as unknown as Stripe.Response<Stripe.Invoice>);
    const view = await (await invoiceRoute(signedAppRequest("invoice", { invoice_id: "in_1" }))).json();
    expect(retrieve).toHaveBeenCalledWith("in_1", { expand: ["payments"] });
    expect(view.orders[0].id).toBe(paid.id);
    expect(ids(view.orders)).toEqual(ids(adaOrders));
    expect(view.customer.id).toBe(ada);
  });

  it("an invoice Stripe does not have → 404 saying so", async () => {
    vi.spyOn(getStripe().invoices, "retrieve").mockRejectedValue(Object.assign(new Error("No such invoice"), { statusCode: 404, code: "resource_missing" }));
    const res = await invoiceRoute(signedAppRequest("invoice", { invoice_id: "in_missing" }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/no invoice in_missing/);
  });

  it.each([
    ["customer", customerRoute, { customer_id: "pi_123" }, "customer_id", /customer_id must be a Stripe customer id such as cus_/],
    ["customer", customerRoute, {}, "customer_id", /customer_id is required/],
    ["customer", customerRoute, { customer_id: "cus_1", payment_id: "pi_1" }, "", /Unrecognized key/],
    ["payment", paymentRoute, { payment_id: "in_123" }, "payment_id", /pi_… or ch_…/],
    ["invoice", invoiceRoute, { invoice_id: "cus_123" }, "invoice_id", /in_…/],
  ])("%s with bad input %j → 400 naming the problem", async (path, route, extra, field, message) => {
    const res = await route(signedAppRequest(path, extra));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(message);
    if (field) expect(error.field).toBe(field);
  });
});
