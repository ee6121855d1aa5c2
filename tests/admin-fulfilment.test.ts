// Admin fulfilment and support notes: only admins get through (a customer 403,
// a visitor 401, nothing changed); a paid order is marked shipped (and its
// tracking corrected), then delivered / returned under the transition rules;
// unpaid orders and impossible transitions are 409, bad input 400, unknown
// orders 404 — each changing nothing; notes are filed as source "admin" by the
// admin's email; every applied action has its audit row, refusals have none.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as fulfilmentRoute } from "@/app/api/admin/orders/[id]/fulfilment/route";
import { POST as notesRoute } from "@/app/api/admin/orders/[id]/notes/route";
import type { Db } from "@/lib/db";
import { getFulfilment, listOrderNotes, markOrderShipped, updateFulfilmentStatus } from "@/lib/fulfilment/actions";
import { nextFulfilmentStatuses } from "@/lib/fulfilment/schemas";
import { HttpError } from "@/lib/errors";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useSignedInAs } from "./helpers/session";
import { uniqueId } from "./helpers/stripe-events";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

function post(route: typeof fulfilmentRoute, orderId: string, path: string, body: unknown) {
  return route(
    new Request(`http://payport.test/api/admin/orders/${orderId}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    params(orderId),
  );
}
const fulfil = (orderId: string, body: unknown) => post(fulfilmentRoute, orderId, "fulfilment", body);
const note = (orderId: string, body: unknown) => post(notesRoute, orderId, "notes", body);

async function createOrder(db: Db, status = "paid") {
  return db.order.create({
    data: {
      email: `buyer.${uniqueId("e")}@example.com`,
      currency: "usd",
      amount: 2500,
      status,
      paymentStatus: status === "paid" ? "succeeded" : null,
      paidAt: status === "paid" ? new Date() : null,
      stripeCustomerId: uniqueId("cus"),
      stripePaymentIntentId: uniqueId("pi"),
    },
  });
}

/** Everything an admin fulfilment action may touch. */
async function snapshot(db: Db) {
  const [orders, fulfilments, notes, audit] = await Promise.all([
    db.order.findMany({ orderBy: { id: "asc" } }),
    db.fulfilment.findMany({ orderBy: { orderId: "asc" } }),
    db.supportNote.findMany({ orderBy: { id: "asc" } }),
    db.auditLog.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { orders, fulfilments, notes, audit };
}

describe.each(testDatabases())("admin fulfilment and notes on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();
  let admin: { id: string; email: string };
  let customer: { id: string; email: string };

  beforeAll(async () => {
    admin = await test.db.user.create({ data: { email: `admin.${uniqueId("u")}@example.com`, role: "admin" } });
    customer = await test.db.user.create({ data: { email: `shopper.${uniqueId("u")}@example.com`, role: "customer" } });
  });
  beforeEach(() => signInAs(admin));

  const auditOf = (orderId: string) => test.db.auditLog.findMany({ where: { targetId: orderId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

  it("a customer gets 403 and a visitor 401, with only { error }, and nothing changes", async () => {
    const order = await createOrder(test.db);
    const before = await snapshot(test.db);
    for (const [who, status] of [[customer, 403], [null, 401]] as const) {
      signInAs(who);
      for (const res of [
        await fulfil(order.id, { tracking_number: "1Z999AA10123456784", carrier: "UPS" }),
        await fulfil(order.id, { status: "delivered" }),
        await note(order.id, { body: "sneaky" }),
        await fulfil("no-such-order", { tracking_number: "1Z999" }),
      ]) {
        expect(res.status).toBe(status);
        expect(Object.keys(await res.json())).toEqual(["error"]);
      }
    }
    expect(await snapshot(test.db)).toEqual(before);
  });

  it("an admin marks a paid order shipped: the fulfilment is written and audited with who and what", async () => {
    const order = await createOrder(test.db);
    const other = await createOrder(test.db);
    const res = await fulfil(order.id, { tracking_number: " 1Z999AA10123456784 ", carrier: " UPS " });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      orderId: order.id,
      fulfilment: { status: "shipped", carrier: "UPS", trackingNumber: "1Z999AA10123456784", shippedAt: expect.any(String), deliveredAt: null },
    });
    expect(await test.db.fulfilment.findUniqueOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "shipped", carrier: "UPS", trackingNumber: "1Z999AA10123456784" });
    expect(await test.db.fulfilment.findUnique({ where: { orderId: other.id } })).toBeNull();
    // The order itself (payment, amounts) is untouched.
    expect(await test.db.order.findUniqueOrThrow({ where: { id: order.id } })).toEqual(order);

    const audit = await auditOf(order.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "fulfilment.mark_shipped", actorId: admin.id, actorEmail: admin.email, targetType: "order", targetId: order.id, stripeRequestId: null });
    expect(JSON.parse(audit[0].details)).toEqual({ carrier: "UPS", trackingNumber: "1Z999AA10123456784", previous: { status: "unfulfilled", carrier: null, trackingNumber: null } });
  });

  it("marking shipped again corrects the tracking, keeps the ship date, and audits what it replaced", async () => {
    const order = await createOrder(test.db);
    const first = await (await fulfil(order.id, { tracking_number: "WRONG123", carrier: "DHL" })).json();
    const res = await fulfil(order.id, { status: "shipped", tracking_number: "RIGHT456" });
    expect(res.status).toBe(200);
    expect((await res.json()).fulfilment).toEqual({ ...first.fulfilment, carrier: null, trackingNumber: "RIGHT456" });
    const audit = await auditOf(order.id);
    expect(audit.map((a) => a.action)).toEqual(["fulfilment.mark_shipped", "fulfilment.mark_shipped"]);
    expect(JSON.parse(audit[1].details).previous).toEqual({ status: "shipped", carrier: "DHL", trackingNumber: "WRONG123" });
  });

  it.each(["pending", "failed", "refunded"])("a %s order cannot be marked shipped: 409, nothing changes", async (status) => {
    const order = await createOrder(test.db, status);
    const before = await snapshot(test.db);
    const res = await fulfil(order.id, { tracking_number: "1Z999AA10123456784" });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/only paid orders can be marked shipped/);
    expect(await snapshot(test.db)).toEqual(before);
  });

  it.each([
    ["no tracking number", { carrier: "UPS" }, "tracking_number"],
    ["a too-short tracking number", { tracking_number: "1Z" }, "tracking_number"],
    ["a tracking number with odd characters", { tracking_number: "1Z<script>" }, "tracking_number"],
    ["a numeric tracking number", { tracking_number: 123456 }, "tracking_number"],
    ["an empty carrier", { tracking_number: "1Z999AA1", carrier: "  " }, "carrier"],
    ["an unknown status", { status: "lost" }, "status"],
    ["a non-object body", [1, 2], undefined],
    ["malformed JSON", "{not json", undefined],
  ])("fulfilment with %s is a 400 naming the field, and nothing changes", async (_, body, field) => {
    const order = await createOrder(test.db);
    const before = await snapshot(test.db);
    const res = await fulfil(order.id, body);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toEqual(expect.any(String));
    expect(error.field).toBe(field);
    expect(await snapshot(test.db)).toEqual(before);
  });

  it.each([
    ["no body", {}],
    ["an empty body", { body: "   " }],
    ["a body too long", { body: "x".repeat(2001) }],
    ["a non-string body", { body: 42 }],
  ])("a note with %s is a 400 and nothing changes", async (_, body) => {
    const order = await createOrder(test.db);
    const before = await snapshot(test.db);
    const res = await note(order.id, body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.field).toBe("body");
    expect(await snapshot(test.db)).toEqual(before);
  });

  it("an unknown order is a 404 for both routes, with nothing written", async () => {
    const before = await snapshot(test.db);
    expect((await fulfil("ord_missing", { tracking_number: "1Z999AA1" })).status).toBe(404);
    expect((await fulfil("ord_missing", { status: "returned" })).status).toBe(404);
    expect((await note("ord_missing", { body: "hello" })).status).toBe(404);
    expect(await snapshot(test.db)).toEqual(before);
  });

  it("shipped → delivered → returned, each audited; other moves are 409 and change nothing", async () => {
    const order = await createOrder(test.db);
    // Not shipped yet: neither delivered nor returned.
    for (const status of ["delivered", "returned"]) {
      const res = await fulfil(order.id, { status });
      expect(res.status).toBe(409);
      expect((await res.json()).error).toEqual({ message: expect.stringMatching(/is unfulfilled; only a shipped/), field: "status" });
    }
    expect(await getFulfilment(order.id)).toMatchObject({ status: "unfulfilled" });
    expect(await auditOf(order.id)).toEqual([]);

    await fulfil(order.id, { tracking_number: "1Z999AA1", carrier: "UPS" });
    const delivered = await fulfil(order.id, { status: "delivered" });
    expect(delivered.status).toBe(200);
    const d = (await delivered.json()).fulfilment;
    expect(d).toMatchObject({ status: "delivered", carrier: "UPS", trackingNumber: "1Z999AA1", deliveredAt: expect.any(String) });

    // Delivered is final for shipping and delivering.
    const before = await snapshot(test.db);
    expect((await fulfil(order.id, { status: "delivered" })).status).toBe(409);
    const reship = await fulfil(order.id, { tracking_number: "NEW12345" });
    expect(reship.status).toBe(409);
    expect((await reship.json()).error.message).toMatch(/already delivered/);
    expect(await snapshot(test.db)).toEqual(before);

    const returned = await fulfil(order.id, { status: "returned" });
    expect(returned.status).toBe(200);
    expect((await returned.json()).fulfilment).toEqual({ ...d, status: "returned" });

    // Returned is final.
    const after = await snapshot(test.db);
    for (const body of [{ status: "returned" }, { status: "delivered" }, { tracking_number: "NEW12345" }]) expect((await fulfil(order.id, body)).status).toBe(409);
    expect(await snapshot(test.db)).toEqual(after);

    const audit = await auditOf(order.id);
    expect(audit.map((a) => a.action)).toEqual(["fulfilment.mark_shipped", "fulfilment.mark_delivered", "fulfilment.mark_returned"]);
    expect(audit.every((a) => a.actorId === admin.id && a.actorEmail === admin.email && a.targetType === "order")).toBe(true);
    expect(JSON.parse(audit[1].details)).toEqual({ from: "shipped", to: "delivered", deliveredAt: d.deliveredAt });
    expect(JSON.parse(audit[2].details)).toMatchObject({ from: "delivered", to: "returned" });
  });

  it("a shipped order can be marked returned directly (no delivery date)", async () => {
    const order = await createOrder(test.db);
    await fulfil(order.id, { tracking_number: "1Z999AA1" });
    const res = await fulfil(order.id, { status: "returned" });
    expect(res.status).toBe(200);
    expect((await res.json()).fulfilment).toMatchObject({ status: "returned", deliveredAt: null, shippedAt: expect.any(String) });
  });

  it("an admin adds a note: source admin, author their email, filed under the order's customer, audited", async () => {
    const order = await createOrder(test.db);
    await test.db.supportNote.create({ data: { orderId: order.id, body: "from the dashboard", author: "usr_123", source: "stripe_app" } });
    const res = await note(order.id, { body: "  Customer asked to leave it with the neighbour.  " });
    expect(res.status).toBe(201);
    const created = (await res.json()).note;
    expect(created).toEqual({
      id: expect.any(String),
      orderId: order.id,
      stripeCustomerId: order.stripeCustomerId,
      body: "Customer asked to leave it with the neighbour.",
      author: admin.email,
      source: "admin",
      createdAt: expect.any(String),
    });
    // The order's notes, oldest first, now include it after the Stripe App's.
    expect((await listOrderNotes(order.id)).map((n) => [n.source, n.body])).toEqual([
      ["stripe_app", "from the dashboard"],
      ["admin", "Customer asked to leave it with the neighbour."],
    ]);
    // A note changes no fulfilment.
    expect(await test.db.fulfilment.count({ where: { orderId: order.id } })).toBe(0);
    const audit = await auditOf(order.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "support_note.add", actorId: admin.id, actorEmail: admin.email, targetType: "order", targetId: order.id });
    expect(JSON.parse(audit[0].details)).toEqual({ noteId: created.id, body: "Customer asked to leave it with the neighbour." });
  });

  describe("updateFulfilmentStatus (the service)", () => {
    it("follows the transition rules: shipped→delivered, shipped|delivered→returned, everything else 409", async () => {
      expect(nextFulfilmentStatuses("unfulfilled")).toEqual([]);
      expect(nextFulfilmentStatuses("shipped")).toEqual(["delivered", "returned"]);
      expect(nextFulfilmentStatuses("delivered")).toEqual(["returned"]);
      expect(nextFulfilmentStatuses("returned")).toEqual([]);

      const order = await createOrder(test.db);
      await expect(updateFulfilmentStatus({ orderId: order.id, status: "delivered" })).rejects.toMatchObject({ status: 409, field: "status" });
      // No Fulfilment row was invented by the refusal.
      expect(await test.db.fulfilment.count({ where: { orderId: order.id } })).toBe(0);

      await markOrderShipped({ orderId: order.id, trackingNumber: "1Z999AA1" });
      const at = new Date("2026-11-20T10:00:00Z");
      expect(await updateFulfilmentStatus({ orderId: order.id, status: "delivered", at })).toMatchObject({ status: "delivered", deliveredAt: at.toISOString() });
      await expect(updateFulfilmentStatus({ orderId: order.id, status: "delivered" })).rejects.toMatchObject({ status: 409 });
      expect(await updateFulfilmentStatus({ orderId: order.id, status: "returned" })).toMatchObject({ status: "returned", deliveredAt: at.toISOString() });
      await expect(updateFulfilmentStatus({ orderId: order.id, status: "returned" })).rejects.toMatchObject({ status: 409 });
    });

    it("validates its input (400) and knows unknown orders (404)", async () => {
      await expect(updateFulfilmentStatus({ orderId: "ord_missing", status: "returned" })).rejects.toMatchObject({ status: 404, field: "orderId" });
      await expect(updateFulfilmentStatus({ orderId: " ", status: "returned" })).rejects.toMatchObject({ status: 400, field: "orderId" });
      await expect(updateFulfilmentStatus({ orderId: "x", status: "shipped" as never })).rejects.toBeInstanceOf(HttpError);
      await expect(updateFulfilmentStatus({ orderId: "x", status: "shipped" as never })).rejects.toMatchObject({ status: 400, field: "status" });
    });

    it("two concurrent 'delivered' on one shipped order: exactly one applies, the other is a 409", async () => {
      const order = await createOrder(test.db);
      await markOrderShipped({ orderId: order.id, trackingNumber: "1Z999AA1" });
      const results = await Promise.allSettled([
        updateFulfilmentStatus({ orderId: order.id, status: "delivered" }),
        updateFulfilmentStatus({ orderId: order.id, status: "delivered" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toMatchObject({ status: 409 });
    });
  });
});
