// The two actions change only what they name: mark-shipped writes one order's
// fulfilment, support-notes adds one note; every other row stays as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as notesRoute } from "@/app/api/stripe-app/support-notes/route";
import { POST as shipRoute } from "@/app/api/stripe-app/mark-shipped/route";
import { addSupportNote, getFulfilment, markOrderShipped } from "@/lib/fulfilment/actions";
import { HttpError } from "@/lib/errors";
import { testDatabases, useTestDatabase } from "../helpers/db";
import { uniqueId } from "../helpers/stripe-events";
import { createOrder, signedAppRequest, snapshot, useStripeAppEnv, USER_ID } from "./helpers";

beforeAll(() => useStripeAppEnv());

describe.each(testDatabases())("Stripe App actions on %s", (kind) => {
  const test = useTestDatabase(kind);

  async function seed() {
    const customer = uniqueId("cus");
    const target = await createOrder(test.db, { customerId: customer });
    const sibling = await createOrder(test.db, { customerId: customer });
    const other = await createOrder(test.db, { customerId: uniqueId("cus") });
    await test.db.fulfilment.create({ data: { orderId: other.id, status: "shipped", carrier: "DHL", trackingNumber: "JDOTHER", shippedAt: new Date() } });
    await test.db.supportNote.create({ data: { orderId: other.id, body: "other note", author: "usr_x", source: "stripe_app" } });
    return { customer, target, sibling, other };
  }

  it("mark-shipped sets the named order's fulfilment and nothing else", async () => {
    const { target } = await seed();
    const before = await snapshot(test.db);

    const res = await shipRoute(signedAppRequest("mark-shipped", { order_id: target.id, tracking_number: " 1Z999AA10123456784 ", carrier: "UPS" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      orderId: target.id,
      fulfilment: { status: "shipped", carrier: "UPS", trackingNumber: "1Z999AA10123456784", shippedAt: expect.any(String), deliveredAt: null },
    });

    const after = await snapshot(test.db);
    expect(after.orders).toEqual(before.orders);
    expect(after.lines).toEqual(before.lines);
    expect(after.notes).toEqual(before.notes);
    expect(after.fulfilments.filter((f) => f.orderId !== target.id)).toEqual(before.fulfilments);
    expect(after.fulfilments.filter((f) => f.orderId === target.id)).toEqual([
      expect.objectContaining({ status: "shipped", carrier: "UPS", trackingNumber: "1Z999AA10123456784" }),
    ]);
  });

  it("marking shipped again corrects the tracking number and keeps the ship date", async () => {
    const { target } = await seed();
    const first = await markOrderShipped({ orderId: target.id, trackingNumber: "WRONG123" });
    const res = await shipRoute(signedAppRequest("mark-shipped", { order_id: target.id, tracking_number: "RIGHT456" }));
    expect(res.status).toBe(200);
    expect(await getFulfilment(target.id)).toEqual({ ...first, trackingNumber: "RIGHT456", carrier: null });
  });

  it("support-notes adds one note by the Dashboard user about the named order, filed under its customer", async () => {
    const { customer, target } = await seed();
    const before = await snapshot(test.db);
    const res = await notesRoute(signedAppRequest("support-notes", { order_id: target.id, body: "  Customer asked to leave it with the neighbour. " }));
    expect(res.status).toBe(201);
    const { note } = await res.json();
    expect(note).toMatchObject({ orderId: target.id, stripeCustomerId: customer, body: "Customer asked to leave it with the neighbour.", author: USER_ID, source: "stripe_app" });

    const after = await snapshot(test.db);
    expect(after.orders).toEqual(before.orders);
    expect(after.fulfilments).toEqual(before.fulfilments);
    expect(after.lines).toEqual(before.lines);
    expect(after.notes.filter((n) => n.id !== note.id)).toEqual(before.notes);
    expect(after.notes).toHaveLength(before.notes.length + 1);
  });

  it("support-notes about a customer (not an order) has no order", async () => {
    const { customer } = await seed();
    const res = await notesRoute(signedAppRequest("support-notes", { customer_id: customer, body: "VIP" }));
    expect(res.status).toBe(201);
    expect((await res.json()).note).toMatchObject({ orderId: null, stripeCustomerId: customer, body: "VIP" });
  });

  it.each([
    ["mark-shipped", { order_id: "ord_missing", tracking_number: "1Z999" }],
    ["support-notes", { order_id: "ord_missing", body: "hello" }],
  ])("%s for an unknown order → 404, nothing written", async (path, extra) => {
    await seed();
    const before = await snapshot(test.db);
    const route = path === "mark-shipped" ? shipRoute : notesRoute;
    const res = await route(signedAppRequest(path, extra));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: "No Payport order ord_missing.", field: "order_id" } });
    expect(await snapshot(test.db)).toEqual(before);
  });

  it.each([
    ["mark-shipped", { order_id: "x", tracking_number: "" }, "tracking_number", /tracking_number must be at least 3 characters/],
    ["mark-shipped", { order_id: "x" }, "tracking_number", /tracking_number is required/],
    ["mark-shipped", { order_id: "x", tracking_number: "1Z<script>" }, "tracking_number", /letters, digits/],
    ["support-notes", { order_id: "x", body: "   " }, "body", /The note is empty/],
    ["support-notes", { order_id: "x", body: "a".repeat(2001) }, "body", /at most 2000 characters/],
    ["support-notes", { body: "hello" }, "order_id", /exactly one of order_id .* or customer_id/],
    ["support-notes", { order_id: "x", customer_id: "cus_1", body: "hello" }, "order_id", /exactly one/],
  ])("%s with %j → 400 on %s, nothing written", async (path, extra, field, message) => {
    await seed();
    const before = await snapshot(test.db);
    const route = path === "mark-shipped" ? shipRoute : notesRoute;
    const res = await route(signedAppRequest(path, extra));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: expect.stringMatching(message), field } });
    expect(await snapshot(test.db)).toEqual(before);
  });

  it("an unpaid order cannot be marked shipped (409); a delivered one cannot go back to shipped (409)", async () => {
    const pending = await createOrder(test.db, { status: "pending" });
    const res = await shipRoute(signedAppRequest("mark-shipped", { order_id: pending.id, tracking_number: "1Z999" }));
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/is pending; only paid orders/);

    const delivered = await createOrder(test.db);
    await test.db.fulfilment.create({ data: { orderId: delivered.id, status: "delivered", trackingNumber: "OLD123" } });
    const again = await shipRoute(signedAppRequest("mark-shipped", { order_id: delivered.id, tracking_number: "NEW123" }));
    expect(again.status).toBe(409);
    expect((await test.db.fulfilment.findUniqueOrThrow({ where: { orderId: delivered.id } })).trackingNumber).toBe("OLD123");
  });

  describe("the fulfilment service the admin area reuses", () => {
    it("getFulfilment: unfulfilled for an order never shipped, null for no order", async () => {
      const order = await createOrder(test.db);
      expect(await getFulfilment(order.id)).toMatchObject({ status: "unfulfilled", trackingNumber: null });
      expect(await getFulfilment("ord_missing")).toBeNull();
    });

    it("addSupportNote from the admin area records the admin as author and source admin", async () => {
      const order = await createOrder(test.db, { customerId: "cus_admin_note" });
      const note = await addSupportNote({ orderId: order.id, body: "Refund approved", author: "admin@payport.test", source: "admin" });
      expect(note).toMatchObject({ orderId: order.id, stripeCustomerId: "cus_admin_note", author: "admin@payport.test", source: "admin" });
    });

    it("addSupportNote refuses a customer id that contradicts the order's", async () => {
      const order = await createOrder(test.db, { customerId: "cus_owner" });
      await expect(addSupportNote({ orderId: order.id, stripeCustomerId: "cus_other", body: "x", author: "a", source: "admin" })).rejects.toMatchObject({ status: 400 });
      await expect(markOrderShipped({ orderId: order.id, trackingNumber: "" })).rejects.toBeInstanceOf(HttpError);
    });
  });
});
