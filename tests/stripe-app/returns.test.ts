// Invoice detail page: shipping and returns of what the invoice paid for, and
// the action that records a return (signed, idempotent per request_id,
// audited; never more than shipped; outside the return window only with the
// explicit staff override).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type Stripe from "stripe";
import { POST as shippingRoute } from "@/app/api/stripe-app/invoice-shipping/route";
import { POST as returnsRoute } from "@/app/api/stripe-app/returns/route";
import { DEFAULT_RETURN_WINDOW_DAYS, getReturnWindowDays } from "@/lib/fulfilment/returns";
import { EnvError } from "@/lib/env";
import { getStripe } from "@/lib/stripe/client";
import { testDatabases, useTestDatabase } from "../helpers/db";
import { nowSeconds, uniqueId } from "../helpers/stripe-events";
import { appRequest, createOrder, signedAppRequest, stripeSignedPayload, useStripeAppEnv, USER_ID } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;

beforeAll(() => useStripeAppEnv());
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.PAYPORT_RETURN_WINDOW_DAYS;
});

describe("PAYPORT_RETURN_WINDOW_DAYS", () => {
  it("defaults to 30 days, takes whole days, and names the problem otherwise", () => {
    expect(getReturnWindowDays({})).toBe(DEFAULT_RETURN_WINDOW_DAYS);
    expect(getReturnWindowDays({ PAYPORT_RETURN_WINDOW_DAYS: " " })).toBe(30);
    expect(getReturnWindowDays({ PAYPORT_RETURN_WINDOW_DAYS: "14" })).toBe(14);
    for (const bad of ["two weeks", "1.5", "-1"]) expect(() => getReturnWindowDays({ PAYPORT_RETURN_WINDOW_DAYS: bad })).toThrow(EnvError);
  });
});

describe.each(testDatabases())("Stripe App shipping and returns on %s", (kind) => {
  const test = useTestDatabase(kind);

  /** A paid order of two lines (2 mugs, 1 towel), shipped, delivered `deliveredDaysAgo` days ago. */
  async function shippedOrder({ deliveredDaysAgo = 3 as number | null, status = "delivered" } = {}) {
    const order = await createOrder(test.db, { customerId: uniqueId("cus"), quantity: 2 });
    const price = await test.db.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    await test.db.orderLine.create({ data: { orderId: order.id, priceId: price.priceId, productName: "Tea Towel", unitAmount: 900, quantity: 1, amount: 900 } });
    const lines = await test.db.orderLine.findMany({ where: { orderId: order.id }, orderBy: { productName: "asc" } });
    const deliveredAt = deliveredDaysAgo === null ? null : new Date(Date.now() - deliveredDaysAgo * DAY);
    await test.db.fulfilment.create({ data: { orderId: order.id, status, carrier: "UPS", trackingNumber: "1ZRET", shippedAt: new Date(Date.now() - 40 * DAY), deliveredAt } });
    return { order, mug: lines[0]!, towel: lines[1]! };
  }

  const record = (extra: Record<string, unknown>, roles?: string[]) =>
    returnsRoute(signedAppRequest("returns", { status: "requested", request_id: uniqueId("req"), ...extra, ...(roles && { stripe_roles: roles }) }));

  function invoicePaidBy(intents: string[]) {
    return vi.spyOn(getStripe().invoices, "retrieve").mockResolvedValue({
      id: "in_ship",
      customer: "cus_whoever",
      payments: { data: intents.map((pi) => ({ payment: { type: "payment_intent", payment_intent: pi } })) },
    } as unknown as Stripe.Response<Stripe.Invoice>);
  }

  it("invoice-shipping lists only what the invoice paid for: lines, fulfilment, window, returns", async () => {
    const { order, mug, towel } = await shippedOrder({ deliveredDaysAgo: 3 });
    await createOrder(test.db, { customerId: "cus_whoever" }); // the customer's other order: not paid by this invoice
    await test.db.orderReturn.create({ data: { orderId: order.id, orderLineId: mug.id, quantity: 1, status: "requested", requestId: "req_seeded_0001", recordedBy: "usr_x" } });
    const retrieve = invoicePaidBy([order.stripePaymentIntentId!]);

    const res = await shippingRoute(signedAppRequest("invoice-shipping", { invoice_id: "in_ship" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(retrieve).toHaveBeenCalledWith("in_ship", { expand: ["payments"] });
    expect(body.returnWindowDays).toBe(30);
    expect(body.orders).toHaveLength(1);
    const [shipping] = body.orders;
    expect(shipping).toMatchObject({
      id: order.id,
      fulfilment: { status: "delivered", carrier: "UPS", trackingNumber: "1ZRET" },
      lines: [
        { id: mug.id, productName: "Enamel Mug", quantity: 2, shippedQuantity: 2, returnedQuantity: 1 },
        { id: towel.id, productName: "Tea Towel", quantity: 1, shippedQuantity: 1, returnedQuantity: 0 },
      ],
      returns: [{ orderLineId: mug.id, quantity: 1, status: "requested", outsideWindow: false, recordedBy: "usr_x" }],
      returnWindow: { days: 30, open: true },
    });
    // 30 days from delivery, not from shipping.
    const delivered = (await test.db.fulfilment.findUniqueOrThrow({ where: { orderId: order.id } })).deliveredAt!;
    expect(shipping.returnWindow.closesAt).toBe(new Date(delivered.getTime() + 30 * DAY).toISOString());
  });

  it("invoice-shipping: an invoice that paid for nothing of ours is empty; an unshipped order has no window", async () => {
    invoicePaidBy([]);
    expect((await (await shippingRoute(signedAppRequest("invoice-shipping", { invoice_id: "in_ship" }))).json()).orders).toEqual([]);
    const order = await createOrder(test.db);
    invoicePaidBy([order.stripePaymentIntentId!]);
    const [shipping] = (await (await shippingRoute(signedAppRequest("invoice-shipping", { invoice_id: "in_ship" }))).json()).orders;
    expect(shipping).toMatchObject({ fulfilment: { status: "unfulfilled" }, returnWindow: null, lines: [{ shippedQuantity: 0, returnedQuantity: 0 }] });
  });

  it("invoice-shipping for an invoice Stripe does not know → 404", async () => {
    vi.spyOn(getStripe().invoices, "retrieve").mockRejectedValue(Object.assign(new Error("No such invoice"), { statusCode: 404, code: "resource_missing" }));
    const res = await shippingRoute(signedAppRequest("invoice-shipping", { invoice_id: "in_missing" }));
    expect(res.status).toBe(404);
    expect((await res.json()).error).toEqual({ message: "Stripe has no invoice in_missing on this account.", field: "invoice_id" });
  });

  it("records a return (201), audited; the same request_id again answers the same return (200) and adds nothing", async () => {
    const { order, mug } = await shippedOrder();
    const extra = { order_id: order.id, order_line_id: mug.id, quantity: 1, reason: " Chipped handle ", request_id: "req_return_0001" };
    const first = await record(extra);
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created.return).toMatchObject({ orderLineId: mug.id, quantity: 1, status: "requested", reason: "Chipped handle", outsideWindow: false, recordedBy: USER_ID });
    expect(created.order.lines[0]).toMatchObject({ id: mug.id, returnedQuantity: 1 });

    // The extension's retry is a new signed request (the same signature again is a replay: 409).
    const again = await returnsRoute(signedAppRequest("returns", { status: "requested", ...extra }, { timestamp: nowSeconds() + 1 }));
    expect(again.status).toBe(200);
    expect((await again.json()).return.id).toBe(created.return.id);
    expect(await test.db.orderReturn.count({ where: { orderId: order.id } })).toBe(1);

    const audits = await test.db.auditLog.findMany({ where: { action: "return.record", targetId: order.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorEmail: USER_ID, targetType: "order" });
    expect(JSON.parse(audits[0]!.details)).toMatchObject({ returnId: created.return.id, quantity: 1, status: "requested", outsideWindow: false, overrideWindow: false });

    const reused = await record({ ...extra, quantity: 2 });
    expect(reused.status).toBe(409);
    expect((await reused.json()).error).toMatchObject({ field: "request_id", message: expect.stringMatching(/already used for another return/) });
  });

  it("never more than shipped: a receipt fulfils the requests before it, and neither may exceed what shipped", async () => {
    const { order, mug } = await shippedOrder();
    expect((await record({ order_id: order.id, order_line_id: mug.id, quantity: 1, status: "requested" })).status).toBe(201);
    const received = await record({ order_id: order.id, order_line_id: mug.id, quantity: 1, status: "received" });
    expect(received.status).toBe(201);
    // Requested 1, then received that 1: one mug came back, one can still be returned.
    expect((await received.json()).order.lines[0]).toMatchObject({ id: mug.id, shippedQuantity: 2, returnedQuantity: 1 });
    expect((await record({ order_id: order.id, order_line_id: mug.id, quantity: 1, status: "received" })).status).toBe(201);
    const overReceived = await record({ order_id: order.id, order_line_id: mug.id, quantity: 1, status: "received" });
    expect(overReceived.status).toBe(409);
    expect((await overReceived.json()).error).toEqual({ field: "quantity", message: "Only 0 × Enamel Mug can still be received back: 2 shipped, 2 already received." });
    const over = await record({ order_id: order.id, order_line_id: mug.id, quantity: 1 });
    expect(over.status).toBe(409);
    expect((await over.json()).error).toEqual({ field: "quantity", message: "Only 0 × Enamel Mug can still be returned: 2 shipped, 2 already returned." });

    const { order: second, mug: secondMug } = await shippedOrder();
    const tooMany = await record({ order_id: second.id, order_line_id: secondMug.id, quantity: 3 });
    expect(tooMany.status).toBe(409);
    expect((await tooMany.json()).error.message).toBe("Only 2 × Enamel Mug can still be returned: 2 shipped, 0 already returned.");
    expect(await test.db.orderReturn.count({ where: { orderId: second.id } })).toBe(0);
  });

  it("an order that has not shipped has nothing to return (409)", async () => {
    const order = await createOrder(test.db);
    const line = await test.db.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    const res = await record({ order_id: order.id, order_line_id: line.id, quantity: 1 });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/has not shipped, so nothing of it can be returned yet/);
  });

  it("outside the window: refused without the override, recorded and flagged with it", async () => {
    const { order, mug } = await shippedOrder({ deliveredDaysAgo: 40 });
    const refused = await record({ order_id: order.id, order_line_id: mug.id, quantity: 1 });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({ field: "override_window", message: expect.stringMatching(/30-day return window .* closed on \d{4}-\d{2}-\d{2}; .*override_window: true/) });
    expect(await test.db.orderReturn.count({ where: { orderId: order.id } })).toBe(0);

    const overridden = await record({ order_id: order.id, order_line_id: mug.id, quantity: 1, override_window: true });
    expect(overridden.status).toBe(201);
    expect((await overridden.json()).return.outsideWindow).toBe(true);
    const audit = await test.db.auditLog.findFirstOrThrow({ where: { action: "return.record", targetId: order.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ outsideWindow: true, overrideWindow: true });
  });

  it("the window's length comes from PAYPORT_RETURN_WINDOW_DAYS; before delivery it runs from shipping", async () => {
    process.env.PAYPORT_RETURN_WINDOW_DAYS = "60";
    const { order, mug } = await shippedOrder({ deliveredDaysAgo: 40 });
    expect((await record({ order_id: order.id, order_line_id: mug.id, quantity: 1 })).status).toBe(201);

    process.env.PAYPORT_RETURN_WINDOW_DAYS = "30";
    const { order: shipped, mug: shippedMug } = await shippedOrder({ deliveredDaysAgo: null, status: "shipped" }); // shipped 40 days ago
    expect((await record({ order_id: shipped.id, order_line_id: shippedMug.id, quantity: 1 })).status).toBe(409);
  });

  it("once every line is back (received), the order's fulfilment is returned", async () => {
    const { order, mug, towel } = await shippedOrder();
    await record({ order_id: order.id, order_line_id: mug.id, quantity: 2, status: "received" });
    expect((await test.db.fulfilment.findUniqueOrThrow({ where: { orderId: order.id } })).status).toBe("delivered");
    const last = await record({ order_id: order.id, order_line_id: towel.id, quantity: 1, status: "received" });
    expect((await last.json()).order.fulfilment.status).toBe("returned");
  });

  it.each([
    [{ quantity: 0 }, "quantity", /at least 1/],
    [{ quantity: 1.5 }, "quantity", /whole number/],
    [{ quantity: "1" }, "quantity", /quantity is required/],
    [{ status: "lost" }, "status", /requested .* or received/],
    [{ override_window: "yes" }, "override_window", /true or false/],
    [{ request_id: "short" }, "request_id", /8–100 letters/],
    [{ reason: "x".repeat(501) }, "reason", /at most 500/],
    [{ order_line_id: undefined }, "order_line_id", /order_line_id is required/],
    [{ refund: true }, undefined, /refund/],
  ])("%j → 400 on %s, nothing written", async (change, field, message) => {
    const { order, mug } = await shippedOrder();
    const extra: Record<string, unknown> = { order_id: order.id, order_line_id: mug.id, quantity: 1, status: "requested", request_id: uniqueId("req"), ...change };
    for (const key of Object.keys(extra)) if (extra[key] === undefined) delete extra[key];
    const res = await returnsRoute(signedAppRequest("returns", extra));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(message);
    if (field) expect(error.field).toBe(field);
    expect(await test.db.orderReturn.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("a line of another order → 400; an unknown order → 404", async () => {
    const { order } = await shippedOrder();
    const { mug: otherMug } = await shippedOrder();
    const wrongLine = await record({ order_id: order.id, order_line_id: otherMug.id, quantity: 1 });
    expect(wrongLine.status).toBe(400);
    expect((await wrongLine.json()).error).toEqual({ field: "order_line_id", message: `order_line_id ${otherMug.id} is not a line of order ${order.id}.` });
    const missing = await record({ order_id: "ord_missing", order_line_id: otherMug.id, quantity: 1 });
    expect(missing.status).toBe(404);
  });

  it("unsigned → 401, another account → 403, a view-only role → 403; nothing written", async () => {
    const { order, mug } = await shippedOrder();
    const extra = { order_id: order.id, order_line_id: mug.id, quantity: 1, status: "requested", request_id: "req_refused_001" };
    expect((await returnsRoute(appRequest("returns", stripeSignedPayload(extra), null))).status).toBe(401);
    expect((await returnsRoute(signedAppRequest("returns", extra, { accountId: "acct_someone_else" }))).status).toBe(403);
    expect((await record(extra, ["view_only"])).status).toBe(403);
    expect((await shippingRoute(appRequest("invoice-shipping", stripeSignedPayload({ invoice_id: "in_1" }), null))).status).toBe(401);
    expect(await test.db.orderReturn.count({ where: { orderId: order.id } })).toBe(0);
  });
});
