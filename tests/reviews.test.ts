// Radar reviews end to end against the emulator: the elevated-risk card opens
// a review that review.opened mirrors onto the order (in any delivery order
// with review.closed, duplicates tolerated); the order is paid but not
// fulfilled while the review is open (409); admins approve it (once, audited)
// or refund what remains and close it (once, audited); only admins get through;
// and checkout asks for 3-D Secure at or above PAYPORT_3DS_MIN_AMOUNT.
import type Stripe from "stripe";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/admin/reviews/route";
import { POST as approveRoute } from "@/app/api/admin/reviews/[id]/approve/route";
import { POST as refundCloseRoute } from "@/app/api/admin/reviews/[id]/refund/route";
import { POST as fulfilmentRoute } from "@/app/api/admin/orders/[id]/fulfilment/route";
import { GET as getPayment } from "@/app/api/admin/payments/[id]/route";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { requestThreeDSecureFor, threeDSecureThresholds } from "@/lib/orders/three-d-secure";
import { reconcileStripe } from "@/lib/reconcile/reconcile";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually, useEmulator } from "./helpers/emulator";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";
import { useSignedInAs } from "./helpers/session";
import { buildEvent, nowSeconds, settleStripeEvents, signedWebhookRequest, uniqueId } from "./helpers/stripe-events";

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (body: unknown = {}) =>
  new Request("http://payport.test/api/admin/reviews/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const ship = (orderId: string) =>
  fulfilmentRoute(
    new Request(`http://payport.test/api/admin/orders/${orderId}/fulfilment`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tracking_number: "1Z999AA10123456784", carrier: "UPS" }) }),
    params(orderId),
  );

describe("PAYPORT_3DS_MIN_AMOUNT", () => {
  it("parses per-currency thresholds in minor units; unset means none; a malformed entry is named", () => {
    expect(threeDSecureThresholds({})).toEqual({});
    expect(threeDSecureThresholds({ PAYPORT_3DS_MIN_AMOUNT: " USD:50000, jpy:7000 " })).toEqual({ usd: 50000, jpy: 7000 });
    expect(() => threeDSecureThresholds({ PAYPORT_3DS_MIN_AMOUNT: "usd:500,eur" })).toThrow(/"eur"/);
    expect(() => threeDSecureThresholds({ PAYPORT_3DS_MIN_AMOUNT: "usd:5.00" })).toThrow(/minor units/);
  });

  it("requests 3-D Secure at or above the currency's threshold only", () => {
    const thresholds = { usd: 10000, jpy: 15000 };
    expect(requestThreeDSecureFor(9999, "usd", thresholds)).toBe("automatic");
    expect(requestThreeDSecureFor(10000, "usd", thresholds)).toBe("any");
    expect(requestThreeDSecureFor(15000, "JPY", thresholds)).toBe("any");
    expect(requestThreeDSecureFor(99_999_999, "eur", thresholds)).toBe("automatic");
  });
});

describe.each(testDatabases())("radar reviews on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator({ webhooks: true });
  const signInAs = useSignedInAs();
  let teePrice: string;
  let admin: { id: string };
  let customer: { id: string };

  beforeAll(async () => {
    await seedCatalog();
    teePrice = await priceIdByLookupKey(test.db, "payport_tee_usd");
    admin = await test.db.user.create({ data: { email: `admin-${kind}@example.com`, role: "admin" } });
    customer = await test.db.user.create({ data: { email: `shopper-${kind}@example.com` } });
  });

  afterEach(() => {
    delete process.env.PAYPORT_3DS_MIN_AMOUNT;
  });

  async function checkout(quantity = 1) {
    const { status, json } = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity }] });
    expect(status).toBe(201);
    return { orderId: json.orderId as string, piId: (json.clientSecret as string).split("_secret_")[0] };
  }

  /** A paid order whose payment Radar sent to review, once the webhooks have mirrored both. */
  async function reviewedOrder() {
    const { orderId, piId } = await checkout();
    await emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_riskLevelElevated", return_url: "http://localhost:3000/done" });
    const review = await eventually(() => test.db.review.findFirst({ where: { orderId } }));
    await eventually(async () => (await test.db.order.findUniqueOrThrow({ where: { id: orderId } })).outcomeType === "manual_review");
    return { orderId, piId, review };
  }

  const approveCalls = (stripeReviewId: string) => emu.emulator.requestLog.filter((r) => r.path === `/v1/reviews/${stripeReviewId}/approve` && !r.replayed).length;

  it("the elevated-risk card: paid, review mirrored open, Radar's outcome on the payment, fulfilment refused with 409", async () => {
    const { orderId, review } = await reviewedOrder();
    expect(review).toMatchObject({ open: true, reason: "rule", openedReason: "rule", closedReason: null });
    expect(review.stripeReviewId).toMatch(/^prv_/);
    const order = await test.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order).toMatchObject({ status: "paid", riskLevel: "elevated", riskScore: 70, outcomeType: "manual_review", networkStatus: "approved_by_network", radarRule: "manual_review_if_elevated_risk" });
    expect(order.sellerMessage).toMatch(/manual review queue/);

    signInAs(admin);
    const detail = await (await getPayment(new Request("http://payport.test/x"), params(orderId))).json();
    expect(detail.radar).toMatchObject({ riskLevel: "elevated", riskScore: 70, outcomeType: "manual_review", networkStatus: "approved_by_network", rule: "manual_review_if_elevated_risk" });
    expect(detail.reviews).toEqual([expect.objectContaining({ stripeReviewId: review.stripeReviewId, open: true })]);
    expect(detail.fulfilmentHold).toMatch(/under Radar review/);

    const list = await (await listRoute(new Request("http://payport.test/api/admin/reviews"))).json();
    expect(list.reviews.find((r: { id: string }) => r.id === review.id)).toMatchObject({ orderId, payment: { riskLevel: "elevated", amount: 2500 } });

    const refused = await ship(orderId);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/under Radar review .*approve it/);
    expect(await test.db.fulfilment.count({ where: { orderId } })).toBe(0);
    expect(await test.db.auditLog.count({ where: { targetId: orderId, action: "fulfilment.mark_shipped" } })).toBe(0);
  });

  it("the highest-risk card is blocked: no review, the order failed, Radar's block and its rule on the payment", async () => {
    const { orderId, piId } = await checkout();
    const declined = await emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_riskLevelHighest", return_url: "http://localhost:3000/done" }).catch((e: Stripe.errors.StripeError) => e);
    expect(declined).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "fraudulent" });
    const order = await eventually(async () => {
      const o = await test.db.order.findUniqueOrThrow({ where: { id: orderId } });
      return o.outcomeType === "blocked" && o.status === "failed" && o;
    });
    expect(order).toMatchObject({ riskLevel: "highest", networkStatus: "not_sent_to_network", radarRule: "block_if_high_risk", sellerMessage: "Stripe blocked this payment as too risky." });
    // A later successful attempt's outcome replaces the block.
    await emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa", return_url: "http://localhost:3000/done" });
    await eventually(async () => (await test.db.order.findUniqueOrThrow({ where: { id: orderId } })).outcomeType === "authorized");
    expect(await test.db.review.count({ where: { orderId } })).toBe(0);
  });

  it("approve: one Stripe call under our key, mirrored and audited; again answers the same; the order then ships", async () => {
    const { orderId, review } = await reviewedOrder();
    signInAs(admin);
    const first = await approveRoute(post(), params(review.id));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ id: review.id, open: false, closedReason: "approved" });
    const again = await approveRoute(post(), params(review.id));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ open: false, closedReason: "approved" });
    expect(approveCalls(review.stripeReviewId)).toBe(1);
    expect(emu.emulator.requestLog.find((r) => r.path === `/v1/reviews/${review.stripeReviewId}/approve`)?.idempotency_key).toBe(`payport:review:${review.id}:approve`);
    expect((await emu.stripe.reviews.retrieve(review.stripeReviewId)).closed_reason).toBe("approved");
    const audit = await test.db.auditLog.findMany({ where: { targetId: review.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "review.approve", targetType: "review" });
    expect(audit[0].stripeRequestId).toMatch(/^req_/);

    // review.closed arrives after our own mirror: nothing changes.
    await eventually(async () => emu.deliveries.some((d) => d.type === "review.closed" && d.status === 200));
    expect(await test.db.review.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ open: false, closedReason: "approved" });
    const shipped = await ship(orderId);
    expect(shipped.status).toBe(200);
    expect((await shipped.json()).fulfilment.status).toBe("shipped");
  });

  it("refund and close: refunds the whole remaining amount once through the refund command; the review closes; again changes nothing", async () => {
    const { orderId, piId, review } = await reviewedOrder();
    signInAs(admin);
    const first = await refundCloseRoute(post(), params(review.id));
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body.review).toMatchObject({ open: false, closedReason: "refunded_as_fraud" });
    expect(body.refund).toMatchObject({ amount: 2500, currency: "usd" });
    const again = await refundCloseRoute(post(), params(review.id));
    expect(again.status).toBe(200);
    expect((await again.json()).refund).toBeNull();
    const refunds = await emu.stripe.refunds.list({ payment_intent: piId });
    expect(refunds.data.map((r) => [r.amount, r.reason])).toEqual([[2500, "fraudulent"]]);
    expect(await test.db.refund.count({ where: { orderId } })).toBe(1);
    expect((await test.db.auditLog.findMany({ where: { OR: [{ targetId: review.id }, { targetId: orderId }] } })).map((a) => a.action).sort()).toEqual(["refund.create", "review.refund_and_close"]);
    // Approving a refunded review is a 409 naming why, with nothing sent.
    const approve = await approveRoute(post(), params(review.id));
    expect(approve.status).toBe(409);
    expect((await approve.json()).error.message).toMatch(/already closed \(refunded as fraud\)/);
    expect(approveCalls(review.stripeReviewId)).toBe(0);
    // Nothing left to decide, and once the refund is mirrored the order is not shipped either.
    await eventually(async () => (await test.db.order.findUniqueOrThrow({ where: { id: orderId } })).status === "refunded");
    expect((await ship(orderId)).status).toBe(409);
  });

  it("refund and close a partly refunded payment refunds only what remains, with the reason asked for", async () => {
    const { orderId, piId, review } = await reviewedOrder();
    await emu.stripe.refunds.create({ payment_intent: piId, amount: 500 }, { idempotencyKey: uniqueId("test-refund") });
    await eventually(async () => (await test.db.order.findUniqueOrThrow({ where: { id: orderId } })).amountRefunded === 500);
    // The partial refund closed the review on Stripe; mirror it back open to test the remainder on our side.
    await test.db.review.update({ where: { id: review.id }, data: { open: true, closedReason: null, reason: "rule" } });
    signInAs(admin);
    const res = await refundCloseRoute(post({ reason: "requested_by_customer" }), params(review.id));
    expect(res.status).toBe(200);
    expect((await res.json()).refund).toMatchObject({ amount: 2000 });
    expect((await emu.stripe.refunds.list({ payment_intent: piId })).data.map((r) => r.amount).sort()).toEqual([2000, 500].sort());
  });

  it("bad input and unknown reviews are 4xx and change nothing", async () => {
    const { review } = await reviewedOrder();
    signInAs(admin);
    expect((await approveRoute(post(), params("nope"))).status).toBe(404);
    expect((await refundCloseRoute(post(), params("nope"))).status).toBe(404);
    const bad = await refundCloseRoute(post({ reason: "because" }), params(review.id));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe("reason");
    expect((await listRoute(new Request("http://payport.test/api/admin/reviews?cursor=%00"))).status).toBe(400);
    expect(await test.db.review.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ open: true });
    expect(await test.db.auditLog.count({ where: { targetId: review.id } })).toBe(0);
  });

  it("customers get 403 and visitors 401 from every review route, and nothing changes", async () => {
    const { orderId, review } = await reviewedOrder();
    for (const [who, status] of [[customer, 403], [null, 401]] as const) {
      signInAs(who);
      expect((await listRoute(new Request("http://payport.test/api/admin/reviews"))).status).toBe(status);
      const approve = await approveRoute(post(), params(review.id));
      expect(approve.status).toBe(status);
      expect(JSON.stringify(await approve.json())).not.toContain(review.stripeReviewId);
      expect((await refundCloseRoute(post(), params(review.id))).status).toBe(status);
    }
    expect((await emu.stripe.reviews.retrieve(review.stripeReviewId)).open).toBe(true);
    expect(await test.db.refund.count({ where: { orderId } })).toBe(0);
    expect(await test.db.auditLog.count({ where: { targetId: review.id } })).toBe(0);
  });

  it("reconcile restores a review whose review.opened was lost, and closes one whose review.closed was lost", async () => {
    const { orderId, review } = await reviewedOrder();
    await test.db.review.delete({ where: { id: review.id } });
    const since = Math.floor(Date.now() / 1000) - 3600;
    const first = await reconcileStripe({ since });
    expect(first.changes).toContainEqual(expect.objectContaining({ kind: "reviews", stripeId: review.stripeReviewId, action: "created" }));
    expect(await test.db.review.findUniqueOrThrow({ where: { stripeReviewId: review.stripeReviewId } })).toMatchObject({ orderId, open: true });

    await emu.control("/_emulator/chaos", { drop_types: ["review.closed"] });
    try {
      await emu.stripe.reviews.approve(review.stripeReviewId);
      const second = await reconcileStripe({ since });
      expect(second.changes).toContainEqual(expect.objectContaining({ kind: "reviews", stripeId: review.stripeReviewId, action: "updated" }));
    } finally {
      await emu.control("/_emulator/chaos", { drop_types: [] });
    }
    expect(await test.db.review.findUniqueOrThrow({ where: { stripeReviewId: review.stripeReviewId } })).toMatchObject({ open: false, closedReason: "approved" });
    signInAs(admin);
    expect((await ship(orderId)).status).toBe(200);
  });

  describe("webhook mirroring in any order", () => {
    async function orderWithIntent() {
      const { orderId, piId } = await checkout();
      return { orderId, piId };
    }
    function snapshot(piId: string, overrides: Partial<Stripe.Review> = {}): Stripe.Review {
      return {
        id: uniqueId("prv"),
        object: "review",
        billing_zip: null,
        charge: uniqueId("ch"),
        closed_reason: null,
        created: nowSeconds(),
        ip_address: null,
        ip_address_location: null,
        livemode: false,
        open: true,
        opened_reason: "rule",
        payment_intent: piId,
        reason: "rule",
        session: null,
        ...overrides,
      };
    }
    async function deliver(type: "review.opened" | "review.closed", review: Stripe.Review) {
      const res = await webhookRoute(signedWebhookRequest(buildEvent(type, review)));
      expect(res.status).toBe(200);
      await settleStripeEvents();
    }

    it("opened then closed (with duplicates): closed, linked to the order, fulfilment free", async () => {
      const { orderId, piId } = await orderWithIntent();
      const opened = snapshot(piId);
      await deliver("review.opened", opened);
      await deliver("review.opened", opened);
      expect(await test.db.review.findUniqueOrThrow({ where: { stripeReviewId: opened.id } })).toMatchObject({ orderId, open: true });
      const closed = { ...opened, open: false, closed_reason: "approved" as const, reason: "approved" };
      await deliver("review.closed", closed);
      await deliver("review.closed", closed);
      expect(await test.db.review.findUniqueOrThrow({ where: { stripeReviewId: opened.id } })).toMatchObject({ orderId, open: false, closedReason: "approved", reason: "approved" });
      expect(await test.db.review.count({ where: { stripeReviewId: opened.id } })).toBe(1);
    });

    it("closed before opened: the late review.opened never reopens it", async () => {
      const { orderId, piId } = await orderWithIntent();
      const opened = snapshot(piId);
      await deliver("review.closed", { ...opened, open: false, closed_reason: "refunded", reason: "refunded" });
      await deliver("review.opened", opened);
      expect(await test.db.review.findUniqueOrThrow({ where: { stripeReviewId: opened.id } })).toMatchObject({ orderId, open: false, closedReason: "refunded" });
    });

    it("a review of a payment that is not ours is kept without an order", async () => {
      const opened = snapshot(uniqueId("pi"));
      await deliver("review.opened", opened);
      expect(await test.db.review.findUniqueOrThrow({ where: { stripeReviewId: opened.id } })).toMatchObject({ orderId: null, open: true });
      const row = await test.db.review.findUniqueOrThrow({ where: { stripeReviewId: opened.id } });
      signInAs(admin);
      const res = await refundCloseRoute(post(), params(row.id));
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toMatch(/not a Payport order/);
    });
  });

  describe("3-D Secure threshold at checkout", () => {
    it("at or above the threshold the PaymentIntent requests 3-D Secure and a plain card is challenged; below it pays straight away", async () => {
      process.env.PAYPORT_3DS_MIN_AMOUNT = "usd:5000,eur:4500";
      const big = await checkout(2);
      const bigIntent = await emu.stripe.paymentIntents.retrieve(big.piId);
      expect(bigIntent.amount).toBe(5000);
      expect(bigIntent.payment_method_options?.card?.request_three_d_secure).toBe("any");
      const challenged = await emu.stripe.paymentIntents.confirm(big.piId, { payment_method: "pm_card_visa", return_url: "http://localhost:3000/done" });
      expect(challenged.status).toBe("requires_action");
      await emu.control(`/_emulator/payment_intents/${big.piId}/three_d_secure`, { outcome: "succeed" });
      await eventually(async () => (await test.db.order.findUniqueOrThrow({ where: { id: big.orderId } })).status === "paid");

      const small = await checkout(1);
      expect((await emu.stripe.paymentIntents.retrieve(small.piId)).payment_method_options?.card?.request_three_d_secure).toBe("automatic");
      expect((await emu.stripe.paymentIntents.confirm(small.piId, { payment_method: "pm_card_visa", return_url: "http://localhost:3000/done" })).status).toBe("succeeded");
    });
  });
});
