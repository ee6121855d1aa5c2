// PaymentIntents through the official SDK: what each test card does, declines, card validation and
// 3-D Secure (BEHAVIOR §2, §3).
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { RETURN_URL, browserSdk, stripeError, paymentHelpers, useTestEmulator } from "./helpers.ts";

const t = useTestEmulator();
const { confirmWith, cardPaymentMethod } = paymentHelpers(t);

describe("success cards", () => {
  const cards: [string, string, string][] = [
    ["4242424242424242", "visa", "credit"],
    ["4000056655665556", "visa", "debit"],
    ["5555555555554444", "mastercard", "credit"],
    ["5200828282828210", "mastercard", "debit"],
    ["5105105105105100", "mastercard", "prepaid"],
    ["378282246310005", "amex", "credit"],
    ["6011111111111117", "discover", "credit"],
    ["3056930009020004", "diners", "credit"],
    ["3566002020360505", "jcb", "credit"],
    ["6200000000000005", "unionpay", "credit"],
    ["4000000000000077", "visa", "credit"],
    ["4000000000003055", "visa", "credit"],
    ["4000003800000446", "visa", "credit"],
  ];
  it.each(cards)("%s (%s %s) succeeds with a succeeded charge", async (number, brand, funding) => {
    const pm = await cardPaymentMethod(number);
    expect(pm.card).toMatchObject({ brand, funding, last4: number.slice(-4) });
    const pi = await confirmWith(pm.id, { expand: ["latest_charge"] });
    expect(pi.status).toBe("succeeded");
    expect(pi.amount_received).toBe(2000);
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ status: "succeeded", paid: true, captured: true, amount_captured: 2000, balance_transaction: null, payment_intent: pi.id });
    expect(charge.outcome?.type).toBe("authorized");
  });

  it("a pm_card_* template materialises a new PaymentMethod on each use", async () => {
    const a = await confirmWith("pm_card_visa");
    const b = await confirmWith("pm_card_visa");
    expect(a.payment_method).toMatch(/^pm_/);
    expect(a.payment_method).not.toBe("pm_card_visa");
    expect(a.payment_method).not.toBe(b.payment_method);
    const pm = await t.stripe.paymentMethods.retrieve(a.payment_method as string);
    expect(pm.card?.last4).toBe("4242");
  });

  it("the later charge.updated attaches a balance transaction (automatic_async capture)", async () => {
    const pi = await confirmWith("pm_card_visa");
    const charge = await (async () => {
      for (let i = 0; i < 100; i++) {
        const c = await t.stripe.charges.retrieve(pi.latest_charge as string);
        if (c.balance_transaction) return c;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error("no balance transaction");
    })();
    const txn = await t.stripe.balanceTransactions.retrieve(charge.balance_transaction as string);
    expect(txn).toMatchObject({ amount: 2000, source: charge.id, type: "charge" });
    expect(txn.net).toBe(2000 - txn.fee);
  });
});

describe("declines return 402 card_error with the updated intent embedded", () => {
  const declines: [string, string, string, string | undefined, string][] = [
    ["4000000000000002", "pm_card_visa_chargeDeclined", "card_declined", "generic_decline", "Your card was declined."],
    ["4000000000009995", "pm_card_visa_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds", "Your card has insufficient funds."],
    ["4000000000009987", "pm_card_visa_chargeDeclinedLostCard", "card_declined", "lost_card", "Your card was declined."],
    ["4000000000009979", "pm_card_visa_chargeDeclinedStolenCard", "card_declined", "stolen_card", "Your card was declined."],
    ["4000000000000069", "pm_card_chargeDeclinedExpiredCard", "expired_card", "expired_card", "Your card has expired."],
    ["4000000000000127", "pm_card_chargeDeclinedIncorrectCvc", "incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."],
    ["4000000000000119", "pm_card_chargeDeclinedProcessingError", "processing_error", "processing_error", "An error occurred while processing your card. Try again in a little bit."],
    ["4000000000006975", "pm_card_visa_chargeDeclinedVelocityLimitExceeded", "card_declined", "card_velocity_exceeded", "Your card was declined."],
    ["4000000000000341", "pm_card_chargeCustomerFail", "card_declined", "generic_decline", "Your card was declined."],
    ["4100000000000019", "pm_card_radarBlock", "card_declined", "fraudulent", "Your card was declined."],
    ["4000000000004954", "pm_card_riskLevelHighest", "card_declined", "fraudulent", "Your card was declined."],
  ];
  it.each(declines)("%s (%s) → %s / %s", async (number, template, code, declineCode, message) => {
    for (const source of [template, (await cardPaymentMethod(number)).id]) {
      const err = await stripeError(confirmWith(source));
      expect(err.type).toBe("StripeCardError");
      expect(err.statusCode).toBe(402);
      expect(err.code).toBe(code);
      expect(err.decline_code).toBe(declineCode);
      expect(err.message).toBe(message);
      const pi = err.payment_intent as Stripe.PaymentIntent;
      expect(pi.status).toBe("requires_payment_method");
      expect(pi.last_payment_error).toMatchObject({ type: "card_error", code, charge: err.charge });
      const charge = await t.stripe.charges.retrieve(err.charge as string);
      expect(charge).toMatchObject({ status: "failed", paid: false, failure_code: code, payment_intent: pi.id });
      expect(charge.outcome?.type).toBe(declineCode === "fraudulent" ? "blocked" : "issuer_declined");
      const stored = await t.stripe.paymentIntents.retrieve(pi.id);
      expect(stored.latest_charge).toBe(charge.id);
      expect(stored.payment_method).toBeNull();
    }
  });

  it("the intent can be retried with a good card after a decline", async () => {
    const err = await stripeError(confirmWith("pm_card_visa_chargeDeclined"));
    const pi = await t.stripe.paymentIntents.confirm(err.payment_intent!.id, { payment_method: "pm_card_visa", return_url: RETURN_URL });
    expect(pi.status).toBe("succeeded");
    expect(pi.last_payment_error).toBeNull();
    const charges = await t.stripe.charges.list({ payment_intent: pi.id });
    expect(charges.data.map((c) => c.status)).toEqual(["succeeded", "failed"]);
  });

  it("declining cards other than 0341 are declined on attach; 0341 attaches", async () => {
    const customer = await t.stripe.customers.create({ email: "attach@example.com" });
    const err = await stripeError(t.stripe.paymentMethods.attach("pm_card_visa_chargeDeclined", { customer: customer.id }));
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe("card_declined");
    const ok = await t.stripe.paymentMethods.attach("pm_card_chargeCustomerFail", { customer: customer.id });
    expect(ok.customer).toBe(customer.id);
    const charge = await stripeError(confirmWith(ok.id, { customer: customer.id, off_session: true }));
    expect(charge.decline_code).toBe("generic_decline");
  });

  it("card[token]=tok_* creates a PaymentMethod for that test card", async () => {
    const pm = await t.stripe.paymentMethods.create({ type: "card", card: { token: "tok_mastercard" } } as Stripe.PaymentMethodCreateParams);
    expect(pm.card?.brand).toBe("mastercard");
    expect(pm.card?.last4).toBe("4444");
  });

  it("the elevated-risk and cvc-check cards succeed with their risk level and check", async () => {
    const elevated = await confirmWith("pm_card_riskLevelElevated", { expand: ["latest_charge"] });
    expect((elevated.latest_charge as Stripe.Charge).outcome?.risk_level).toBe("elevated");
    const cvc = await cardPaymentMethod("4000000000000101");
    expect(cvc.card?.checks?.cvc_check).toBe("fail");
    expect((await confirmWith(cvc.id)).status).toBe("succeeded");
  });
});

describe("card validation at PaymentMethod creation", () => {
  it.each([
    [{ number: "4242424242424241", exp_month: 12, exp_year: 2040, cvc: "123" }, "incorrect_number", "card[number]"],
    [{ number: "4242424242424242", exp_month: 13, exp_year: 2040, cvc: "123" }, "invalid_expiry_month", "card[exp_month]"],
    [{ number: "4242424242424242", exp_month: 1, exp_year: 2001, cvc: "123" }, "invalid_expiry_year", "card[exp_year]"],
    [{ number: "4242424242424242", exp_month: 12, exp_year: 2040, cvc: "12" }, "invalid_cvc", "card[cvc]"],
  ])("%o → 402 %s", async (card, code, param) => {
    const err = await stripeError(browserSdk(t).paymentMethods.create({ type: "card", card }));
    expect(err.statusCode).toBe(402);
    expect(err.type).toBe("StripeCardError");
    expect(err.code).toBe(code);
    expect(err.param).toBe(param);
  });
});

describe("3-D Secure", () => {
  const threeDSCards = ["pm_card_authenticationRequiredOnSetup", "pm_card_authenticationRequired", "pm_card_threeDSecure2Required", "pm_card_threeDSecureRequired"];

  it.each(threeDSCards)("%s confirmed server-side → requires_action with redirect_to_url; completing succeeds", async (card) => {
    const pi = await confirmWith(card);
    expect(pi.status).toBe("requires_action");
    expect(pi.latest_charge).toBeNull();
    expect(pi.next_action?.type).toBe("redirect_to_url");
    const url = new URL(pi.next_action!.redirect_to_url!.url!);
    expect(url.pathname).toBe(`/_emulator/3ds/${pi.id}`);
    expect(pi.next_action!.redirect_to_url!.return_url).toBe(RETURN_URL);
    const page = await fetch(url);
    const html = await page.text();
    expect(html).toContain("Complete authentication");
    expect(html).toContain("Fail authentication");
    const form = html.match(/action="([^"]*outcome=succeed[^"]*)"/)![1].replace(/&amp;/g, "&");
    const done = await fetch(new URL(form, url), { method: "POST", redirect: "manual" });
    expect(done.status).toBe(303);
    const back = new URL(done.headers.get("location")!);
    expect(`${back.origin}${back.pathname}`).toBe(RETURN_URL);
    expect(back.searchParams.get("payment_intent")).toBe(pi.id);
    expect(back.searchParams.get("payment_intent_client_secret")).toBe(pi.client_secret);
    expect(back.searchParams.get("redirect_status")).toBe("succeeded");
    const after = await t.stripe.paymentIntents.retrieve(pi.id, { expand: ["latest_charge"] });
    expect(after.status).toBe("succeeded");
    expect((after.latest_charge as Stripe.Charge).payment_method_details?.card?.three_d_secure?.result).toBe("authenticated");
  });

  it("use_stripe_sdk=true gives a use_stripe_sdk next_action; failing authentication → requires_payment_method", async () => {
    const pi = await confirmWith("pm_card_threeDSecure2Required", { use_stripe_sdk: true } as Partial<Stripe.PaymentIntentCreateParams>);
    expect(pi.next_action).toMatchObject({
      type: "use_stripe_sdk",
      use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: `${t.emu.url}/_emulator/3ds/${pi.id}` },
    });
    const res = await t.control<Stripe.PaymentIntent>(`/_emulator/payment_intents/${pi.id}/three_d_secure`, { outcome: "fail", client_secret: pi.client_secret });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("requires_payment_method");
    expect(res.body.last_payment_error).toMatchObject({ code: "payment_intent_authentication_failure" });
    const events = await t.stripe.events.list({ type: "payment_intent.*", limit: 5 });
    expect(events.data[0]).toMatchObject({ type: "payment_intent.payment_failed" });
    expect((events.data[0].data.object as Stripe.PaymentIntent).id).toBe(pi.id);
    expect((await t.stripe.charges.list({ payment_intent: pi.id })).data).toHaveLength(0);
  });

  it("the control endpoint refuses a publishable caller without the client_secret", async () => {
    const pi = await confirmWith("pm_card_threeDSecure2Required");
    const res = await t.control(`/_emulator/payment_intents/${pi.id}/three_d_secure`, { outcome: "succeed" });
    expect(res.status).toBe(401);
    const ok = await t.control<Stripe.PaymentIntent>(`/_emulator/payment_intents/${pi.id}/three_d_secure`, { outcome: "succeed", client_secret: pi.client_secret });
    expect(ok.body.status).toBe("succeeded");
  });

  it("authenticate-then-decline card: success of 3DS still ends in a 402 insufficient_funds", async () => {
    const pi = await confirmWith("pm_card_authenticationRequiredChargeDeclinedInsufficientFunds");
    expect(pi.status).toBe("requires_action");
    const res = await t.control<{ error: { code: string; decline_code: string; payment_intent: Stripe.PaymentIntent } }>(
      `/_emulator/payment_intents/${pi.id}/three_d_secure`,
      { outcome: "succeed", client_secret: pi.client_secret },
    );
    expect(res.status).toBe(402);
    expect(res.body.error.decline_code).toBe("insufficient_funds");
    expect(res.body.error.payment_intent.status).toBe("requires_payment_method");
  });

  it("4000 0084 0000 1629 authenticates, then declines", async () => {
    const pi = await confirmWith("pm_card_authenticationRequiredChargeDeclined");
    const res = await t.control<{ error: { decline_code: string } }>(`/_emulator/payment_intents/${pi.id}/three_d_secure`, { outcome: "succeed", client_secret: pi.client_secret });
    expect(res.status).toBe(402);
    expect(res.body.error.decline_code).toBe("generic_decline");
  });

  it("off-session: 3184 fails with authentication_required; 3155 succeeds once set up", async () => {
    const customer = await t.stripe.customers.create({ email: "sca@example.com" });
    const always = await stripeError(confirmWith("pm_card_authenticationRequired", { customer: customer.id, off_session: true }));
    expect(always.statusCode).toBe(402);
    expect(always.code).toBe("authentication_required");
    expect(always.decline_code).toBe("authentication_required");

    const setup = await confirmWith("pm_card_authenticationRequiredOnSetup", { customer: customer.id, setup_future_usage: "off_session" });
    await t.control(`/_emulator/payment_intents/${setup.id}/three_d_secure`, { outcome: "succeed", client_secret: setup.client_secret });
    const saved = (await t.stripe.paymentIntents.retrieve(setup.id)).payment_method as string;
    expect((await t.stripe.paymentMethods.retrieve(saved)).customer).toBe(customer.id);
    const renewal = await confirmWith(saved, { customer: customer.id, off_session: true });
    expect(renewal.status).toBe("succeeded");
  });

  it("confirmation_method=manual: after authentication the intent waits in requires_confirmation", async () => {
    const pi = await confirmWith("pm_card_threeDSecureRequired", { confirmation_method: "manual" });
    const resolved = await fetch(`${t.emu.url}/_emulator/payment_intents/${pi.id}/three_d_secure`, {
      method: "POST",
      headers: { authorization: "Bearer sk_test_emulator", "content-type": "application/json" },
      body: JSON.stringify({ outcome: "succeed" }),
    });
    expect((await resolved.json()).status).toBe("requires_confirmation");
    expect((await t.stripe.paymentIntents.confirm(pi.id, { return_url: RETURN_URL })).status).toBe("succeeded");
  });
});
