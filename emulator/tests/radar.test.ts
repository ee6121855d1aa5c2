// Radar in the emulator: which events a review produces and in what order, what closes it, and
// the 3-D Secure Radar asks for.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { RETURN_URL, stripeError, useTestEmulator } from "./helpers.ts";

const t = useTestEmulator({ asyncDelayMs: 5 });

const pay = (payment_method: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
  t.stripe.paymentIntents.create({ amount: 4200, currency: "usd", payment_method, confirm: true, return_url: RETURN_URL, ...extra });

async function eventsAbout(ids: string[]) {
  const events = await t.stripe.events.list({ limit: 100 });
  return events.data.filter((e) => ids.includes((e.data.object as { id: string }).id)).reverse();
}

describe("reviews", () => {
  it("the elevated-risk card opens a review right after charge.succeeded, linked from charge and intent", async () => {
    const pi = await pay("pm_card_riskLevelElevated");
    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.review).toBe(pi.review);
    expect(charge.outcome?.rule).toBe("manual_review_if_elevated_risk");
    expect(charge.outcome?.seller_message).toMatch(/manual review queue/);
    const events = (await eventsAbout([pi.id, charge.id, pi.review as string])).filter((e) => e.type !== "charge.updated");
    expect(events.map((e) => e.type)).toEqual(["payment_intent.created", "charge.succeeded", "review.opened", "payment_intent.succeeded"]);
    expect((events[1].data.object as Stripe.Charge).review).toBe(pi.review);
  });

  it("a refund closes the review as refunded; a dispute as disputed", async () => {
    const refunded = await pay("pm_card_riskLevelElevated");
    await t.stripe.refunds.create({ payment_intent: refunded.id, amount: 100 });
    expect(await t.stripe.reviews.retrieve(refunded.review as string)).toMatchObject({ open: false, closed_reason: "refunded", reason: "refunded" });

    const disputed = await pay("pm_card_riskLevelElevated");
    const created = await t.control<{ id: string }>("/_emulator/disputes", { payment_intent: disputed.id });
    expect(created.status).toBe(200);
    expect(await t.stripe.reviews.retrieve(disputed.review as string)).toMatchObject({ open: false, closed_reason: "disputed" });
  });

  it("lists open reviews only, newest first; an unknown review is a 404", async () => {
    const a = await pay("pm_card_riskLevelElevated");
    const b = await pay("pm_card_riskLevelElevated");
    await t.stripe.reviews.approve(a.review as string);
    const open = (await t.stripe.reviews.list({ limit: 100 })).data.map((r) => r.id);
    expect(open).toContain(b.review);
    expect(open).not.toContain(a.review);
    expect(open.indexOf(b.review as string)).toBe(0);
    expect((await stripeError(t.stripe.reviews.retrieve("prv_missing"))).statusCode).toBe(404);
  });

  it("a normal payment has no review and an outcome without a rule", async () => {
    const pi = await pay("pm_card_visa", { expand: ["latest_charge"] });
    expect(pi.review).toBeNull();
    const outcome = (pi.latest_charge as Stripe.Charge).outcome;
    expect(outcome).toMatchObject({ type: "authorized", seller_message: "Payment complete.", risk_level: "normal" });
    expect(outcome?.rule).toBeUndefined();
  });

  it("a blocked payment names the rule that fired", async () => {
    const err = await stripeError(pay("pm_card_riskLevelHighest"));
    const charge = await t.stripe.charges.retrieve(err.charge as string);
    expect(charge.outcome).toMatchObject({ type: "blocked", rule: "block_if_high_risk", seller_message: "Stripe blocked this payment as too risky." });
  });
});

describe("3-D Secure on request", () => {
  it("request_three_d_secure=any set on create makes a Stripe.js confirm show the challenge; success then charges", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 20000, currency: "usd", payment_method_options: { card: { request_three_d_secure: "any" } } });
    const confirmed = await t.browser<Stripe.PaymentIntent>("POST", `/v1/payment_intents/${pi.id}/confirm`, {
      client_secret: pi.client_secret!,
      payment_method: "pm_card_visa",
      use_stripe_sdk: "true",
      "radar_options[session]": "rse_1",
    });
    expect(confirmed.body.status).toBe("requires_action");
    expect(confirmed.body.next_action?.type).toBe("use_stripe_sdk");
    const resolved = await t.control<Stripe.PaymentIntent>(`/_emulator/payment_intents/${pi.id}/three_d_secure`, { outcome: "succeed", client_secret: pi.client_secret });
    expect(resolved.body.status).toBe("succeeded");
    const charge = await t.stripe.charges.retrieve((await t.stripe.paymentIntents.retrieve(pi.id)).latest_charge as string);
    expect(charge.payment_method_details?.card?.three_d_secure?.result).toBe("authenticated");
    expect(charge.radar_options).toEqual({ session: "rse_1" });
  });

  it("automatic (the default) lets a card that needs no 3-D Secure through; off-session ignores the request", async () => {
    expect((await pay("pm_card_visa")).status).toBe("succeeded");
    const customer = await t.stripe.customers.create({ email: "off@example.com" });
    const pm = await t.stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    const off = await pay(pm.id, { customer: customer.id, off_session: true, payment_method_options: { card: { request_three_d_secure: "any" } } });
    expect(off.status).toBe("succeeded");
  });

  it("an unknown request_three_d_secure value is a 400", async () => {
    const err = await stripeError(pay("pm_card_visa", { payment_method_options: { card: { request_three_d_secure: "sometimes" as "any" } } }));
    expect(err.statusCode).toBe(400);
  });
});
