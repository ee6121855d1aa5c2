// Conformance of PaymentIntents: every §3 test card (successes, declines with the intent in the
// 402 body, 3-D Secure resolved through the control API), manual and partial capture, cancel,
// update, list, search, retrieve with client_secret, and expansions.
import type Stripe from "stripe";
import { expect, it } from "vitest";
import { AGAINST_STRIPE, RETURN_URL, controlStep, describeConformance, stripeError } from "./target.ts";

const run = `conf${Date.now().toString(36)}`;

const SUCCEEDING = [
  "pm_card_visa", "pm_card_visa_debit", "pm_card_mastercard", "pm_card_mastercard_debit", "pm_card_mastercard_prepaid",
  "pm_card_amex", "pm_card_discover", "pm_card_diners", "pm_card_jcb", "pm_card_unionpay", "pm_card_bypassPending",
  "pm_card_threeDSecureOptional", "pm_card_authenticationRequiredSetupForOffSession",
  "pm_card_riskLevelElevated", "pm_card_cvcCheckFail", "pm_card_refundFail",
];
const DECLINING = [
  "pm_card_visa_chargeDeclined", "pm_card_visa_chargeDeclinedInsufficientFunds", "pm_card_visa_chargeDeclinedLostCard",
  "pm_card_visa_chargeDeclinedStolenCard", "pm_card_chargeDeclinedExpiredCard", "pm_card_chargeDeclinedIncorrectCvc",
  "pm_card_chargeDeclinedProcessingError", "pm_card_visa_chargeDeclinedVelocityLimitExceeded", "pm_card_chargeCustomerFail",
  "pm_card_radarBlock", "pm_card_riskLevelHighest",
];
const THREE_D_SECURE = [
  "pm_card_authenticationRequiredOnSetup", "pm_card_authenticationRequired", "pm_card_threeDSecure2Required", "pm_card_threeDSecureRequired",
];

describeConformance("payment intents", (t) => {
  const pay = (payment_method: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
    t().stripe.paymentIntents.create({ amount: 2000, currency: "usd", payment_method, confirm: true, return_url: RETURN_URL, metadata: { run }, ...extra });

  it("create, update, confirm, retrieve (also with client_secret), expansions", async () => {
    const { stripe } = t();
    const customer = await stripe.customers.create({ email: `pi+${run}@example.com` });
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: "usd", customer: customer.id, description: "Order 1", metadata: { run }, receipt_email: `pi+${run}@example.com` });
    expect(pi.status).toBe("requires_payment_method");
    await stripe.paymentIntents.update(pi.id, { amount: 1800, metadata: { order: "1" }, shipping: { name: "Ada", address: { line1: "1 Main St", city: "SF", postal_code: "94111", country: "US" } } });
    await stripe.paymentIntents.update(pi.id, { payment_method: "pm_card_visa" });
    const confirmed = await stripe.paymentIntents.confirm(pi.id, { return_url: RETURN_URL, expand: ["latest_charge", "customer", "payment_method", "latest_charge.balance_transaction"] });
    expect(confirmed.status).toBe("succeeded");
    await stripe.paymentIntents.retrieve(pi.id, { client_secret: pi.client_secret! });
    await stripe.paymentIntents.retrieve(pi.id, { expand: ["latest_charge.balance_transaction", "customer"] });
    await stripe.paymentIntents.list({ customer: customer.id, expand: ["data.customer", "data.latest_charge"] });
    await stripe.paymentIntents.list({ limit: 3 });
    await stripe.paymentIntents.search({ query: `metadata['run']:'${run}'`, expand: ["data.customer"] });
    const saved = await pay("pm_card_visa", { customer: customer.id, setup_future_usage: "off_session" });
    // A deleted customer still expands, as its deleted stub.
    const gone = await stripe.customers.create({ email: `gone+${run}@example.com` });
    const orphan = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", customer: gone.id });
    await stripe.customers.del(gone.id);
    await stripe.paymentIntents.retrieve(orphan.id, { expand: ["customer"] });
    const offSession = await t().stripe.paymentIntents.create({ amount: 700, currency: "usd", customer: customer.id, payment_method: saved.payment_method as string, off_session: true, confirm: true });
    expect(offSession.status).toBe("succeeded");
  });

  // Every card is tried before asserting, so a contract run reports all the cards that differ.
  it("every succeeding test card", async () => {
    const outcomes: string[] = [];
    for (const card of SUCCEEDING) outcomes.push(`${card}: ${await pay(card).then((pi) => pi.status, (err: Error) => err.message)}`);
    expect(outcomes).toEqual(SUCCEEDING.map((card) => `${card}: succeeded`));
  });

  it("every declining test card: 402 with the intent embedded", async () => {
    const outcomes: string[] = [];
    for (const card of DECLINING) {
      const err = await stripeError(pay(card)).catch(() => null);
      const pi = err?.raw.payment_intent as Stripe.PaymentIntent | undefined;
      outcomes.push(`${card}: ${err?.statusCode} ${err?.type} ${pi?.status}`);
    }
    expect(outcomes).toEqual(DECLINING.map((card) => `${card}: 402 StripeCardError requires_payment_method`));
  });

  it("3-D Secure cards: requires_action, then authentication succeeds or fails", async () => {
    const { stripe } = t();
    for (const card of THREE_D_SECURE) {
      const pi = await pay(card);
      expect(pi.status, card).toBe("requires_action");
      await controlStep(t(), `3-D Secure success for ${card}`, `/_emulator/payment_intents/${pi.id}/three_d_secure`, { outcome: "succeed" });
      if (t().emulated) expect((await stripe.paymentIntents.retrieve(pi.id, { expand: ["latest_charge"] })).status).toBe("succeeded");
    }
    // Stripe.js-style confirmation: next_action is use_stripe_sdk.
    const sdkAction = await pay("pm_card_threeDSecureRequired", { use_stripe_sdk: true });
    expect(sdkAction.next_action?.type).toBe("use_stripe_sdk");
    await stripe.paymentIntents.cancel(sdkAction.id);
    // Manual confirmation: after authentication the server confirms again.
    const manual = await pay("pm_card_threeDSecureRequired", { confirmation_method: "manual" });
    if (await controlStep(t(), "3-D Secure success (manual confirmation)", `/_emulator/payment_intents/${manual.id}/three_d_secure`, { outcome: "succeed" }))
      expect((await stripe.paymentIntents.confirm(manual.id, { return_url: RETURN_URL })).status).toBe("succeeded");
    const failing = await pay("pm_card_threeDSecure2Required", { payment_method_options: { card: { request_three_d_secure: "any" } } });
    await controlStep(t(), "3-D Secure failure", `/_emulator/payment_intents/${failing.id}/three_d_secure`, { outcome: "fail" });
    await stripe.paymentIntents.retrieve(failing.id);
    // Authenticates, then declines: the control API answers with the 402 body.
    const declining = await pay("pm_card_authenticationRequiredChargeDeclinedInsufficientFunds");
    expect(declining.status).toBe("requires_action");
    const failed = await controlStep(t(), "3-D Secure then decline", `/_emulator/payment_intents/${declining.id}/three_d_secure`, { outcome: "succeed" }).catch((err: Error) => err);
    if (t().emulated) expect(String(failed)).toContain("→ 402");
    await stripe.paymentIntents.retrieve(declining.id, { expand: ["latest_charge"] });
    // Off-session on a card that always needs authentication.
    const customer = await stripe.customers.create({ email: `3ds+${run}@example.com` });
    const pm = await stripe.paymentMethods.attach("pm_card_authenticationRequired", { customer: customer.id });
    const err = await stripeError(stripe.paymentIntents.create({ amount: 900, currency: "usd", customer: customer.id, payment_method: pm.id, off_session: true, confirm: true }));
    expect(err.code).toBe("authentication_required");
  });

  it("manual capture (full and partial) and cancel", async () => {
    const { stripe } = t();
    const held = await pay("pm_card_visa", { capture_method: "manual" });
    expect(held.status).toBe("requires_capture");
    const captured = await stripe.paymentIntents.capture(held.id, { expand: ["latest_charge"] });
    expect(captured.status).toBe("succeeded");
    const partial = await pay("pm_card_mastercard", { capture_method: "manual", amount: 5000 });
    const part = await stripe.paymentIntents.capture(partial.id, { amount_to_capture: 3000 });
    expect(part.amount_received).toBe(3000);
    const released = await pay("pm_card_visa", { capture_method: "manual" });
    expect((await stripe.paymentIntents.cancel(released.id, { cancellation_reason: "requested_by_customer" })).status).toBe("canceled");
    const open = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    await stripe.paymentIntents.cancel(open.id, { cancellation_reason: "abandoned" });
  });

  it("error paths: 400s and 404s", async () => {
    const { stripe } = t();
    expect((await stripeError(stripe.paymentIntents.create({ amount: 10, currency: "usd" }))).statusCode).toBe(400);
    expect((await stripeError(stripe.paymentIntents.create({ currency: "usd" } as never))).statusCode).toBe(400);
    expect((await stripeError(stripe.paymentIntents.create({ amount: 1000, currency: "usd", payment_method_types: ["card"] } as never))).statusCode).toBe(400);
    expect((await stripeError(stripe.paymentIntents.retrieve("pi_doesnotexist00000"))).statusCode).toBe(404);
    const done = await pay("pm_card_visa");
    expect((await stripeError(stripe.paymentIntents.cancel(done.id))).statusCode).toBe(400);
    expect((await stripeError(stripe.paymentIntents.capture(done.id))).statusCode).toBe(400);
    const noReturn = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", payment_method: "pm_card_visa" });
    expect((await stripeError(stripe.paymentIntents.confirm(noReturn.id))).statusCode).toBe(400);
    expect((await stripeError(stripe.paymentIntents.list({ expand: ["data.nothing"] }))).statusCode).toBe(400);
  });

  it("setup intents: create, confirm, 3-D Secure, decline, cancel, list", async () => {
    const { stripe } = t();
    const customer = await stripe.customers.create({ email: `seti+${run}@example.com` });
    const seti = await stripe.setupIntents.create({ customer: customer.id, metadata: { run } });
    await stripe.setupIntents.update(seti.id, { description: "Save a card" });
    const done = await stripe.setupIntents.confirm(seti.id, { payment_method: "pm_card_visa", return_url: RETURN_URL, expand: ["payment_method", "customer"] });
    expect(done.status).toBe("succeeded");
    await stripe.setupIntents.retrieve(seti.id, { client_secret: seti.client_secret! } as never);
    const secure = await stripe.setupIntents.create({ customer: customer.id, payment_method: "pm_card_authenticationRequiredOnSetup", confirm: true, return_url: RETURN_URL });
    expect(secure.status).toBe("requires_action");
    await controlStep(t(), "SetupIntent 3-D Secure success", `/_emulator/setup_intents/${secure.id}/three_d_secure`, { outcome: "succeed" });
    await stripe.setupIntents.retrieve(secure.id);
    const failing = await stripe.setupIntents.create({ customer: customer.id, payment_method: "pm_card_authenticationRequired", confirm: true, return_url: RETURN_URL });
    await controlStep(t(), "SetupIntent 3-D Secure failure", `/_emulator/setup_intents/${failing.id}/three_d_secure`, { outcome: "fail" });
    const declined = await stripeError(stripe.setupIntents.create({ customer: customer.id, payment_method: "pm_card_visa_chargeDeclined", confirm: true, return_url: RETURN_URL }));
    expect(declined.statusCode).toBe(402);
    const abandoned = await stripe.setupIntents.create({ customer: customer.id });
    expect((await stripe.setupIntents.cancel(abandoned.id, { cancellation_reason: "abandoned" })).status).toBe("canceled");
    await stripe.setupIntents.list({ customer: customer.id, expand: ["data.payment_method"] });
    expect((await stripeError(stripe.setupIntents.cancel(abandoned.id))).statusCode).toBe(400);
    expect((await stripeError(stripe.setupIntents.retrieve("seti_doesnotexist0000"))).statusCode).toBe(404);
    if (!AGAINST_STRIPE) expect((await stripeError(stripe.setupIntents.create({ payment_method_types: ["card"] } as never))).statusCode).toBe(400);
  });
});
