// Conformance of Radar: the outcome of each Radar test card, reviews (list, retrieve, approve),
// a refund closing a review, and `payment_method_options[card][request_three_d_secure]`.
import type Stripe from "stripe";
import { expect, it } from "vitest";
import { RETURN_URL, controlStep, describeConformance, expectEmitted, stripeError } from "./target.ts";

const run = `radar${Date.now().toString(36)}`;

describeConformance("radar", (t) => {
  const pay = (payment_method: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
    t().stripe.paymentIntents.create({ amount: 2500, currency: "usd", payment_method, confirm: true, return_url: RETURN_URL, metadata: { run }, ...extra });

  it("elevated risk: the payment succeeds in manual review; approve closes the review", async () => {
    const { stripe } = t();
    const pi = await pay("pm_card_riskLevelElevated", { expand: ["latest_charge", "review"] });
    expect(pi.status).toBe("succeeded");
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge.outcome).toMatchObject({ type: "manual_review", risk_level: "elevated", network_status: "approved_by_network", reason: "elevated_risk_level" });
    const review = pi.review as Stripe.Review;
    expect(review).toMatchObject({ object: "review", open: true, charge: charge.id, payment_intent: pi.id, closed_reason: null });
    expect((await stripe.reviews.list({ limit: 100 })).data.map((r) => r.id)).toContain(review.id);
    await stripe.reviews.retrieve(review.id, { expand: ["charge"] });
    const approved = await stripe.reviews.approve(review.id);
    expect(approved).toMatchObject({ open: false, closed_reason: "approved", reason: "approved" });
    expect((await stripe.reviews.list({ limit: 100 })).data.map((r) => r.id)).not.toContain(review.id);
    const again = await stripeError(stripe.reviews.approve(review.id));
    expect(again.statusCode).toBe(400);
    await expectEmitted(t(), ["review.opened", "review.closed"]);
  });

  it("a refund of a payment under review closes the review", async () => {
    const { stripe } = t();
    const pi = await pay("pm_card_riskLevelElevated");
    await stripe.refunds.create({ payment_intent: pi.id, reason: "fraudulent" });
    const review = await stripe.reviews.retrieve((await stripe.paymentIntents.retrieve(pi.id)).review as string);
    expect(review).toMatchObject({ open: false, closed_reason: "refunded_as_fraud" });
  });

  it("highest risk and the always-blocked card are blocked: 402 fraudulent, outcome blocked", async () => {
    for (const card of ["pm_card_riskLevelHighest", "pm_card_radarBlock"]) {
      const err = await stripeError(pay(card));
      expect(err).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "fraudulent" });
      const charge = await t().stripe.charges.retrieve(err.raw.charge as string);
      expect(charge.outcome).toMatchObject({ type: "blocked", network_status: "not_sent_to_network", risk_level: "highest", reason: "highest_risk_level" });
    }
  });

  it("a normal card is authorized with a normal risk level", async () => {
    const pi = await pay("pm_card_visa", { expand: ["latest_charge"] });
    expect((pi.latest_charge as Stripe.Charge).outcome).toMatchObject({ type: "authorized", risk_level: "normal", network_status: "approved_by_network" });
  });

  it("request_three_d_secure=any challenges a card that needs no 3-D Secure", async () => {
    const pi = await pay("pm_card_visa", { payment_method_options: { card: { request_three_d_secure: "any" } } });
    expect(pi.status).toBe("requires_action");
    expect(pi.payment_method_options?.card?.request_three_d_secure).toBe("any");
    const done = await controlStep<Stripe.PaymentIntent>(t(), "3-D Secure success", `/_emulator/payment_intents/${pi.id}/three_d_secure`, { outcome: "succeed" });
    if (done) expect(done.status).toBe("succeeded");
  });

  it("radar_options[session] on confirm is accepted", async () => {
    const { stripe } = t();
    const pi = await stripe.paymentIntents.create({ amount: 1200, currency: "usd", metadata: { run } });
    const confirmed = await stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa", return_url: RETURN_URL, radar_options: { session: "rse_test_session" }, expand: ["latest_charge"] });
    expect(confirmed.status).toBe("succeeded");
  });
});
