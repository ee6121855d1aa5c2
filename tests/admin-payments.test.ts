// The admin payments table and detail on a real database: keyset pages that
// never skip or repeat, each filter, search by email / order id / pi_ / ch_,
// the streamed CSV of the whole filtered set, and the detail's event timeline.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/admin/payments/export/route";
import { GET as detailRoute } from "@/app/api/admin/payments/[id]/route";
import { GET as listRoute } from "@/app/api/admin/payments/route";
import { listPayments, type PaymentFilters } from "@/lib/payments/queries";
import { handlerFor } from "@/lib/webhooks/handlers";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { useSignedInAs } from "./helpers/session";
import { buildEvent, nowSeconds, uniqueId } from "./helpers/stripe-events";

beforeAll(() => useLocalStripeEnv());

describe.each(testDatabases())("admin payments on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();
  const base = Date.UTC(2026, 0, 10, 12);
  let orders: { id: string; email: string; stripePaymentIntentId: string | null; stripeChargeId: string | null; createdAt: Date }[] = [];

  beforeAll(async () => {
    signInAs(await test.db.user.create({ data: { email: `a.${uniqueId("u")}@example.com`, role: "admin" } }));
    const specs = [
      { status: "paid", amountRefunded: 0, currency: "usd" },
      { status: "paid", amountRefunded: 500, currency: "usd" },
      { status: "refunded", amountRefunded: 2500, currency: "usd" },
      { status: "failed", amountRefunded: 0, currency: "usd" },
      { status: "paid", amountRefunded: 0, currency: "jpy" },
      { status: "paid", amountRefunded: 0, currency: "usd", disputed: true },
    ];
    for (let i = 0; i < 30; i++) {
      const spec = specs[i % specs.length];
      // Pairs share a timestamp so the id breaks ties in the keyset.
      const createdAt = new Date(base + Math.floor(i / 2) * 86_400_000);
      const order = await test.db.order.create({
        data: {
          email: `buyer${i}@example.com`,
          currency: spec.currency,
          amount: spec.currency === "jpy" ? 1500 : 2500,
          status: spec.status,
          paymentStatus: spec.status === "failed" ? "requires_payment_method" : "succeeded",
          amountRefunded: spec.amountRefunded,
          stripePaymentIntentId: uniqueId("pi"),
          stripeChargeId: uniqueId("ch"),
          cardBrand: "visa",
          cardLast4: "4242",
          createdAt,
        },
      });
      if (spec.disputed)
        await test.db.dispute.create({ data: { stripeDisputeId: uniqueId("dp"), orderId: order.id, stripeChargeId: order.stripeChargeId!, amount: 2500, currency: "usd", reason: "fraudulent", status: "needs_response" } });
      orders.push(order);
    }
    // A checkout that never reached Stripe is not a payment.
    await test.db.order.create({ data: { email: "nopi@example.com", currency: "usd", amount: 100 } });
    orders = orders.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  });

  async function all(filters: PaymentFilters, limit = 7) {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listPayments(filters, cursor, limit);
      ids.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  }

  it("keyset pages walk every payment once, newest first, ties broken by id", async () => {
    expect(await all({})).toEqual(orders.map((o) => o.id));
  });

  it("each filter narrows the set", async () => {
    expect((await all({ status: "succeeded" })).length).toBe(10); // usd and jpy, not the disputed ones
    expect((await all({ status: "partially_refunded" })).length).toBe(5);
    expect((await all({ status: "refunded" })).length).toBe(5);
    expect((await all({ status: "failed" })).length).toBe(5);
    expect((await all({ status: "disputed" })).length).toBe(5);
    expect((await all({ currency: "jpy" })).length).toBe(5);
    expect((await all({ refunded: "yes" })).length).toBe(10);
    expect((await all({ refunded: "no" })).length).toBe(20);
    expect((await all({ disputed: "yes" })).length).toBe(5);
    expect((await all({ from: "2026-01-10", to: "2026-01-11" })).length).toBe(4);
    expect((await all({ currency: "usd", refunded: "no", disputed: "no" })).length).toBe(10);
  });

  it("search finds by email, order id, payment intent and charge", async () => {
    const target = orders[3];
    for (const q of [target.email, target.id, target.stripePaymentIntentId!, target.stripeChargeId!]) expect(await all({ q })).toEqual([target.id]);
    expect((await all({ q: "buyer1" })).length).toBe(11); // buyer1, buyer10..19 (email prefix)
  });

  it("the list route answers rows with display statuses and rejects bad filters with 400", async () => {
    const res = await listRoute(new Request("http://t/api/admin/payments?status=disputed"), { params: Promise.resolve({}) });
    const body = await res.json();
    expect(body.rows).toHaveLength(5);
    expect(body.rows.every((r: { status: string }) => r.status === "disputed")).toBe(true);
    const bad = await listRoute(new Request("http://t/api/admin/payments?status=nope"), { params: Promise.resolve({}) });
    expect(bad.status).toBe(400);
    const badCursor = await listRoute(new Request("http://t/api/admin/payments?cursor=zzz"), { params: Promise.resolve({}) });
    expect(badCursor.status).toBe(400);
  });

  it("the CSV export streams every row of the filtered set, not just a page", async () => {
    const res = await exportRoute(new Request("http://t/api/admin/payments/export?currency=usd"), { params: Promise.resolve({}) });
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="payments-/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("created,order_id,status,amount,amount_refunded,currency,email,card_brand,card_last4,payment_intent,charge");
    expect(lines).toHaveLength(26);
    expect(lines.slice(1).every((l) => l.includes(",USD,"))).toBe(true);
  });

  it("customers: search by email prefix or cus_ id, filter by Stripe customer, detail lists their payments", async () => {
    const { GET: customersRoute } = await import("@/app/api/admin/customers/route");
    const { GET: customerRoute } = await import("@/app/api/admin/customers/[id]/route");
    const cus = uniqueId("cus");
    const ann = await test.db.user.create({ data: { email: `ann.${uniqueId("x")}@example.com`, stripeCustomerId: cus } });
    await test.db.user.create({ data: { email: `annabel.${uniqueId("x")}@example.com` } });
    await test.db.order.create({ data: { email: ann.email, currency: "usd", amount: 900, status: "paid", paymentStatus: "succeeded", stripePaymentIntentId: uniqueId("pi"), userId: ann.id, stripeCustomerId: cus } });
    const get = async (query: string) => (await (await customersRoute(new Request(`http://t/api/admin/customers?${query}`), { params: Promise.resolve({}) })).json()).rows as { id: string }[];
    expect((await get("q=ann")).length).toBe(2);
    expect((await get(`q=${cus}`)).map((r) => r.id)).toEqual([ann.id]);
    expect((await get("q=ann&stripe=yes")).map((r) => r.id)).toEqual([ann.id]);
    expect((await get("q=ann&paying=no")).length).toBe(1);
    const sub = await test.db.subscription.create({ data: { stripeSubscriptionId: uniqueId("sub"), stripeCustomerId: cus, userId: ann.id, status: "active" } });
    await test.db.invoice.create({
      data: { stripeInvoiceId: uniqueId("in"), stripeCustomerId: cus, status: "paid", currency: "usd", total: 1900, amountDue: 1900, amountPaid: 1900, amountRemaining: 0, stripeCreatedAt: new Date() },
    });
    const detail = await (await customerRoute(new Request(`http://t/api/admin/customers/${ann.id}`), { params: Promise.resolve({ id: ann.id }) })).json();
    expect(detail).toMatchObject({ id: ann.id, stripeCustomerId: cus, orders: 1 });
    expect(detail.subscriptions).toMatchObject([{ stripeSubscriptionId: sub.stripeSubscriptionId, status: "active" }]);
    expect(detail.invoices).toMatchObject([{ status: "paid", total: 1900, currency: "usd" }]);
    expect(detail.payments).toMatchObject([{ amount: 900, status: "succeeded" }]);
    expect((await customerRoute(new Request("http://t/api/admin/customers/nope"), { params: Promise.resolve({ id: "nope" }) })).status).toBe(404);
  });

  it("charge.succeeded stores the charge, card brand/last4 and Radar risk level, and the detail shows them with the event timeline", async () => {
    const piId = uniqueId("pi");
    const order = await test.db.order.create({ data: { email: "t@example.com", currency: "usd", amount: 2500, status: "paid", paymentStatus: "succeeded", stripePaymentIntentId: piId } });
    const charge = { id: uniqueId("ch"), object: "charge", payment_intent: piId, status: "succeeded", payment_method_details: { type: "card", card: { brand: "mastercard", last4: "4444" } }, outcome: { risk_level: "elevated", type: "authorized" } };
    const evt = buildEvent("charge.succeeded", charge, nowSeconds());
    await test.db.stripeEvent.create({ data: { id: evt.id, type: evt.type, objectId: charge.id, created: evt.created, payload: JSON.stringify(evt) } });
    await handlerFor(evt)!(evt);
    const piEvt = buildEvent("payment_intent.created", { id: piId, object: "payment_intent" }, nowSeconds() - 5);
    await test.db.stripeEvent.create({ data: { id: piEvt.id, type: piEvt.type, objectId: piId, created: piEvt.created, payload: JSON.stringify(piEvt), status: "processed" } });
    // A declined attempt's charge has an id we never stored; its payload names the intent.
    const declined = buildEvent("charge.failed", { id: uniqueId("ch"), object: "charge", payment_intent: piId, status: "failed" }, nowSeconds() - 2);
    await test.db.stripeEvent.create({ data: { id: declined.id, type: declined.type, objectId: (declined.data.object as { id: string }).id, created: declined.created, payload: JSON.stringify(declined), status: "processed" } });
    const unrelated = buildEvent("payment_intent.created", { id: uniqueId("pi"), object: "payment_intent" });
    await test.db.stripeEvent.create({ data: { id: unrelated.id, type: unrelated.type, objectId: "pi_other", created: unrelated.created, payload: JSON.stringify(unrelated) } });

    const res = await detailRoute(new Request(`http://t/api/admin/payments/${order.id}`), { params: Promise.resolve({ id: order.id }) });
    const detail = await res.json();
    expect(detail).toMatchObject({ stripeChargeId: charge.id, cardBrand: "mastercard", cardLast4: "4444", riskLevel: "elevated", status: "succeeded", refundBlockedReason: null });
    expect(detail.refundable).toEqual({ amount: 2500, refunded: 0, remaining: 2500, currency: "usd" });
    expect(detail.timeline.map((e: { id: string }) => e.id)).toEqual([piEvt.id, declined.id, evt.id]);
  });
});
