// Admin refunds against the emulator with real signed webhooks: validation on
// our side before anything reaches Stripe (over-refund, wrong currency,
// disputed charge, non-admin — each changing nothing), and partial + full
// refunds whose rows follow the refund.* webhooks and land in the audit log.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as refundRoute } from "@/app/api/admin/payments/[id]/refunds/route";
import { POST as refundByBodyRoute } from "@/app/api/admin/refunds/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { handlerFor } from "@/lib/webhooks/handlers";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually, useEmulator } from "./helpers/emulator";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";
import { useSignedInAs } from "./helpers/session";
import { buildEvent, nowSeconds, uniqueId } from "./helpers/stripe-events";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

function refundRequest(orderId: string, body: unknown) {
  return refundRoute(
    new Request(`http://payport.test/api/admin/payments/${orderId}/refunds`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    params(orderId),
  );
}

describe.each(testDatabases())("admin refunds on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator({ webhooks: true });
  const signInAs = useSignedInAs();
  let admin: { id: string; email: string };
  let customer: { id: string; email: string };

  beforeAll(async () => {
    await seedCatalog();
    admin = await test.db.user.create({ data: { email: `admin.${uniqueId("u")}@example.com`, role: "admin" } });
    customer = await test.db.user.create({ data: { email: `shopper.${uniqueId("u")}@example.com`, role: "customer" } });
  });
  beforeEach(() => signInAs(admin));

  async function paidOrder(lookupKey = "payport_tee_usd", quantity = 2) {
    signInAs(null);
    const priceId = await priceIdByLookupKey(test.db, lookupKey);
    const { status, json } = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId, quantity }] });
    expect(status).toBe(201);
    const piId = (json.clientSecret as string).split("_secret_")[0];
    await emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa", return_url: "http://localhost:3000/done" });
    const order = await eventually(async () => {
      const o = await test.db.order.findUniqueOrThrow({ where: { id: json.orderId } });
      return o.status === "paid" && o;
    });
    signInAs(admin);
    return { order, piId };
  }

  async function expectNothingChanged(orderId: string, piId: string) {
    expect(await test.db.refund.count({ where: { orderId } })).toBe(0);
    expect((await emu.stripe.refunds.list({ payment_intent: piId, limit: 100 })).data).toEqual([]);
    expect(await test.db.auditLog.count({ where: { targetId: orderId } })).toBe(0);
  }

  it("a refund over the remaining amount is rejected with 400 and nothing is sent to Stripe", async () => {
    const { order, piId } = await paidOrder();
    const res = await refundRequest(order.id, { amount: order.amount + 1, currency: "usd", reason: "requested_by_customer" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: "At most $50.00 can still be refunded.", field: "amount" } });
    await expectNothingChanged(order.id, piId);
  });

  it("a refund naming another currency is rejected with 400 and nothing is sent to Stripe", async () => {
    const { order, piId } = await paidOrder();
    const res = await refundRequest(order.id, { amount: 100, currency: "eur", reason: "requested_by_customer" });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ field: "currency", message: expect.stringMatching(/in USD/) });
    await expectNothingChanged(order.id, piId);
  });

  it("refunding a disputed charge is refused with a clear message and nothing is sent to Stripe", async () => {
    const { order, piId } = await paidOrder();
    await test.db.dispute.create({
      data: { stripeDisputeId: uniqueId("dp"), orderId: order.id, stripeChargeId: order.stripeChargeId ?? uniqueId("ch"), amount: order.amount, currency: "usd", reason: "fraudulent", status: "needs_response" },
    });
    const res = await refundRequest(order.id, { amount: 100, currency: "usd", reason: "requested_by_customer" });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/disputed.*dispute is open/);
    await expectNothingChanged(order.id, piId);
  });

  it("a customer gets 403 and a visitor 401, with no data, and nothing is sent to Stripe", async () => {
    const { order, piId } = await paidOrder();
    for (const [who, status] of [[customer, 403], [null, 401]] as const) {
      signInAs(who);
      const res = await refundRequest(order.id, { amount: 100, currency: "usd", reason: "requested_by_customer" });
      expect(res.status).toBe(status);
      expect(Object.keys(await res.json())).toEqual(["error"]);
      const byBody = await refundByBodyRoute(
        new Request("http://payport.test/api/admin/refunds", { method: "POST", body: JSON.stringify({ orderId: order.id, amount: 100, currency: "usd", reason: "duplicate" }) }),
        { params: Promise.resolve({}) },
      );
      expect(byBody.status).toBe(status);
    }
    await expectNothingChanged(order.id, piId);
  });

  it("invalid input (no reason, fractional cents, unknown payment) is a 400/404 and changes nothing", async () => {
    const { order, piId } = await paidOrder();
    expect((await refundRequest(order.id, { amount: 100, currency: "usd" })).status).toBe(400);
    expect((await refundRequest(order.id, { amount: 10.5, currency: "usd", reason: "duplicate" })).status).toBe(400);
    expect((await refundRequest(order.id, { amount: 0, currency: "usd", reason: "duplicate" })).status).toBe(400);
    expect((await refundRequest("nope", { amount: 100, currency: "usd", reason: "duplicate" })).status).toBe(404);
    await expectNothingChanged(order.id, piId);
  });

  it("a partial then the remaining refund: rows follow the webhooks, metadata and idempotency name our row, the order ends refunded, both audited", async () => {
    const { order, piId } = await paidOrder();
    const first = await refundRequest(order.id, { amount: 1200, currency: "usd", reason: "requested_by_customer", note: "one shirt returned" });
    expect(first.status).toBe(201);
    const one = await first.json();
    expect(one).toMatchObject({ amount: 1200, currency: "usd", stripeRefundId: expect.stringMatching(/^re_/), stripeRequestId: expect.stringMatching(/^req_/) });

    const atStripe = await emu.stripe.refunds.retrieve(one.stripeRefundId);
    expect(atStripe.metadata).toMatchObject({ payport_refund_id: one.id, payport_order_id: order.id });

    // Over what remains (pending or not, our own row counts at once).
    const over = await refundRequest(order.id, { amount: order.amount - 1200 + 1, currency: "usd", reason: "requested_by_customer" });
    expect(over.status).toBe(400);

    const second = await refundRequest(order.id, { amount: order.amount - 1200, currency: "usd", reason: "duplicate" });
    expect(second.status).toBe(201);
    const two = await second.json();

    const settled = await eventually(async () => {
      const o = await test.db.order.findUniqueOrThrow({ where: { id: order.id }, include: { refunds: true } });
      return o.status === "refunded" && o.refunds.every((r) => r.status === "succeeded") && o;
    });
    expect(settled.amountRefunded).toBe(order.amount);
    // The webhooks matched our rows (by metadata or Stripe id): exactly two rows, ours.
    expect(settled.refunds.map((r) => r.id).sort()).toEqual([one.id, two.id].sort());
    expect(settled.refunds.map((r) => r.stripeRefundId).sort()).toEqual([one.stripeRefundId, two.stripeRefundId].sort());

    const audit = await test.db.auditLog.findMany({ where: { targetId: order.id, action: "refund.create" }, orderBy: { createdAt: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.stripeRequestId)).toEqual([one.stripeRequestId, two.stripeRequestId]);
    expect(audit[0]).toMatchObject({ actorId: admin.id, actorEmail: admin.email, targetType: "order" });
    expect(JSON.parse(audit[0].details)).toMatchObject({ refundId: one.id, amount: 1200, reason: "requested_by_customer", note: "one shirt returned" });

    const fully = await refundRequest(order.id, { amount: 1, currency: "usd", reason: "duplicate" });
    expect(fully.status).toBe(409);
    expect((await emu.stripe.refunds.list({ payment_intent: piId, limit: 100 })).data).toHaveLength(2);
  });

  it("concurrent refunds never add up to more than the payment: at most what remains reaches Stripe", async () => {
    const { order, piId } = await paidOrder(); // $50.00
    const results = await Promise.all(Array.from({ length: 6 }, () => refundRequest(order.id, { amount: 2000, currency: "usd", reason: "duplicate" })));
    const statuses = results.map((r) => r.status);
    // Serialised on the order: the first two fit ($40.00 of $50.00), the rest are told what remains.
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 400)).toHaveLength(4);
    const atStripe = (await emu.stripe.refunds.list({ payment_intent: piId, limit: 100 })).data;
    expect(atStripe.reduce((sum, r) => sum + r.amount, 0)).toBeLessThanOrEqual(order.amount);
    expect(await test.db.refund.count({ where: { orderId: order.id } })).toBe(atStripe.length);
  });

  it("a refund.* webhook that beats Stripe's response finds our pending row by metadata.payport_refund_id (no second row)", async () => {
    const piId = uniqueId("pi");
    const order = await test.db.order.create({ data: { email: "w@example.com", currency: "usd", amount: 2500, status: "paid", paymentStatus: "succeeded", stripePaymentIntentId: piId } });
    const ours = await test.db.refund.create({ data: { orderId: order.id, amount: 1000, currency: "usd", status: "pending", reason: "duplicate" } });
    const refund = { id: uniqueId("re"), object: "refund", amount: 1000, currency: "usd", payment_intent: piId, status: "succeeded", reason: "duplicate", metadata: { payport_refund_id: ours.id } };
    const evt = buildEvent("refund.created", refund, nowSeconds());
    await handlerFor(evt)!(evt);
    const rows = await test.db.refund.findMany({ where: { orderId: order.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: ours.id, stripeRefundId: refund.id, status: "succeeded" });
    expect(await test.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ amountRefunded: 1000, status: "paid" });
    // Metadata naming a row of another order is not trusted.
    const otherPi = uniqueId("pi");
    const other = await test.db.order.create({ data: { email: "o@example.com", currency: "usd", amount: 2500, status: "paid", paymentStatus: "succeeded", stripePaymentIntentId: otherPi } });
    const stranger = { ...refund, id: uniqueId("re"), payment_intent: otherPi };
    await handlerFor(evt)!(buildEvent("refund.created", stranger, nowSeconds()));
    expect(await test.db.refund.findUniqueOrThrow({ where: { id: ours.id } })).toMatchObject({ stripeRefundId: refund.id, orderId: order.id });
    expect(await test.db.refund.findMany({ where: { orderId: other.id } })).toMatchObject([{ stripeRefundId: stranger.id }]);
  });

  it("zero-decimal currencies: a JPY refund is in whole yen and validated in yen", async () => {
    const { order, piId } = await paidOrder("payport_matcha_jpy", 1);
    expect(order).toMatchObject({ currency: "jpy", amount: 1500 });
    const over = await refundRequest(order.id, { amount: 1501, currency: "JPY", reason: "requested_by_customer" });
    expect(over.status).toBe(400);
    expect((await over.json()).error.message).toBe("At most ¥1,500 can still be refunded.");
    const ok = await refundRequest(order.id, { amount: 500, currency: "jpy", reason: "requested_by_customer" });
    expect(ok.status).toBe(201);
    const refunds = (await emu.stripe.refunds.list({ payment_intent: piId, limit: 100 })).data;
    expect(refunds.map((r) => [r.amount, r.currency])).toEqual([[500, "jpy"]]);
  });

  it("Stripe's own refusal marks our row failed and is reported as a 400", async () => {
    const { order, piId } = await paidOrder();
    // Refunded at Stripe behind our back (no webhook yet processed here matters: Stripe decides).
    await emu.control("/_emulator/disputes", { payment_intent: piId, reason: "fraudulent" });
    const res = await refundRequest(order.id, { amount: 100, currency: "usd", reason: "requested_by_customer" });
    // Either our Dispute mirror already blocks it (409), or Stripe refuses (400) — never a refund.
    expect([400, 409]).toContain(res.status);
    expect((await emu.stripe.refunds.list({ payment_intent: piId, limit: 100 })).data).toEqual([]);
    const rows = await test.db.refund.findMany({ where: { orderId: order.id } });
    expect(rows.every((r) => r.status === "failed")).toBe(true);
  });
});
