// PaymentIntents through the official SDK and the browser: the status machine (create, capture,
// cancel, update, confirm rules) and publishable-key calls (BEHAVIOR §2, §11.6).
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { RETURN_URL, stripeError, paymentHelpers, useTestEmulator } from "./helpers.ts";

const t = useTestEmulator();
const { confirmWith, cardPaymentMethod } = paymentHelpers(t);

describe("status machine", () => {
  it("create without a payment method → requires_payment_method, with one → requires_confirmation", async () => {
    const bare = await t.stripe.paymentIntents.create({ amount: 1500, currency: "usd" });
    expect(bare).toMatchObject({ status: "requires_payment_method", capture_method: "automatic_async", automatic_payment_methods: { enabled: true } });
    expect(bare.client_secret).toMatch(new RegExp(`^${bare.id}_secret_`));
    const withPm = await t.stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: "pm_card_visa" });
    expect(withPm.status).toBe("requires_confirmation");
  });

  it("manual capture: requires_capture, then partial capture succeeds", async () => {
    const pi = await confirmWith("pm_card_visa", { capture_method: "manual" });
    expect(pi).toMatchObject({ status: "requires_capture", amount_capturable: 2000, amount_received: 0 });
    const tooMuch = await stripeError(t.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 5000 }));
    expect(tooMuch.statusCode).toBe(400);
    const captured = await t.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 1500 });
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 1500, amount_capturable: 0 });
    const charge = await t.stripe.charges.retrieve(captured.latest_charge as string);
    expect(charge).toMatchObject({ captured: true, amount_captured: 1500 });
    const again = await stripeError(t.stripe.paymentIntents.capture(pi.id));
    expect(again.code).toBe("payment_intent_unexpected_state");
  });

  it("cancel from requires_capture releases the hold; succeeded intents cannot be canceled or confirmed", async () => {
    const held = await confirmWith("pm_card_visa", { capture_method: "manual" });
    const canceled = await t.stripe.paymentIntents.cancel(held.id, { cancellation_reason: "requested_by_customer" });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "requested_by_customer" });
    expect(canceled.canceled_at).toBeGreaterThan(0);
    expect((await t.stripe.charges.retrieve(held.latest_charge as string)).refunded).toBe(true);

    const done = await confirmWith("pm_card_visa");
    const cancelErr = await stripeError(t.stripe.paymentIntents.cancel(done.id));
    expect(cancelErr).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
    const confirmErr = await stripeError(t.stripe.paymentIntents.confirm(done.id, { payment_method: "pm_card_visa", return_url: RETURN_URL }));
    expect(confirmErr.code).toBe("payment_intent_unexpected_state");
  });

  it("update changes amount and metadata (merge rules) and clears last_payment_error", async () => {
    const err = await stripeError(confirmWith("pm_card_visa_chargeDeclined", { metadata: { order_id: "o1", keep: "yes" } }));
    const updated = await t.stripe.paymentIntents.update(err.payment_intent!.id, { amount: 2500, metadata: { order_id: "", extra: "1" } });
    expect(updated.amount).toBe(2500);
    expect(updated.metadata).toEqual({ keep: "yes", extra: "1" });
    expect(updated.last_payment_error).toBeNull();
    const cleared = await t.stripe.paymentIntents.update(updated.id, { metadata: "" as unknown as Stripe.MetadataParam });
    expect(cleared.metadata).toEqual({});
  });

  it("return_url is required for server-side confirms unless redirects are disabled or off_session", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 1500, currency: "usd" });
    const err = await stripeError(t.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" }));
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/^A return_url must be specified/);
    const noRedirects = await t.stripe.paymentIntents.create({
      amount: 1500,
      currency: "usd",
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      payment_method: "pm_card_visa",
      confirm: true,
    });
    expect(noRedirects.status).toBe("succeeded");
  });

  it("payment_method_types is rejected with payment_method_types_no_longer_supported", async () => {
    const err = await stripeError(
      t.stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method_types: ["card"] } as Stripe.PaymentIntentCreateParams),
    );
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe("payment_method_types_no_longer_supported");
    expect(err.param).toBe("payment_method_types");
  });

  it("amount below the minimum is amount_too_small", async () => {
    const err = await stripeError(t.stripe.paymentIntents.create({ amount: 10, currency: "usd" }));
    expect(err.code).toBe("amount_too_small");
  });

  it("a PaymentMethod used without a customer cannot be reused", async () => {
    const pm = await cardPaymentMethod("4242424242424242");
    await confirmWith(pm.id);
    const err = await stripeError(confirmWith(pm.id));
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/may not be used again/);
  });

  it("setup_future_usage with a customer attaches the card (payment_method.attached)", async () => {
    const customer = await t.stripe.customers.create({ email: "save@example.com" });
    const pi = await confirmWith("pm_card_visa", { customer: customer.id, setup_future_usage: "off_session" });
    const pms = await t.stripe.customers.listPaymentMethods(customer.id);
    expect(pms.data.map((p) => p.id)).toEqual([pi.payment_method]);
    const events = await t.stripe.events.list({ type: "payment_method.attached", limit: 1 });
    expect((events.data[0].data.object as Stripe.PaymentMethod).id).toBe(pi.payment_method);
  });
});

describe("publishable key (browser) calls", () => {
  it("creates a PaymentMethod, retrieves and confirms with the client secret; responses are the pk subset", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 3000, currency: "usd", metadata: { order_id: "x" }, customer: (await t.stripe.customers.create()).id });
    const pm = await t.browser<Stripe.PaymentMethod>("POST", "/v1/payment_methods", {
      type: "card",
      "card[number]": "4242424242424242",
      "card[exp_month]": "12",
      "card[exp_year]": "2040",
      "card[cvc]": "123",
      "billing_details[name]": "Ada Lovelace",
      "billing_details[address][postal_code]": "94107",
    });
    expect(pm.status).toBe(200);
    expect(pm.body.billing_details.name).toBe("Ada Lovelace");
    expect(pm.body.billing_details.address?.postal_code).toBe("94107");
    const noSecret = await t.browser("GET", `/v1/payment_intents/${pi.id}`);
    expect(noSecret.status).toBe(400);
    const wrong = await t.browser("GET", `/v1/payment_intents/${pi.id}`, { client_secret: `${pi.id}_secret_wrong` });
    expect(wrong.status).toBe(400);
    const got = await t.browser<Record<string, unknown>>("GET", `/v1/payment_intents/${pi.id}`, { client_secret: pi.client_secret! });
    expect(got.status).toBe(200);
    expect(got.body).not.toHaveProperty("metadata");
    expect(got.body).not.toHaveProperty("customer");
    expect(got.body).not.toHaveProperty("latest_charge");
    const confirmed = await t.browser<Record<string, unknown>>("POST", `/v1/payment_intents/${pi.id}/confirm`, {
      client_secret: pi.client_secret!,
      payment_method: pm.body.id,
      return_url: RETURN_URL,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe("succeeded");
  });

  it("a decline through the browser is a 402 with the pk subset of the intent", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 3000, currency: "usd", metadata: { secret: "x" } });
    const res = await t.browser<{ error: { type: string; decline_code: string; payment_intent: Record<string, unknown> } }>(
      "POST",
      `/v1/payment_intents/${pi.id}/confirm`,
      { client_secret: pi.client_secret!, "payment_method_data[type]": "card", "payment_method_data[card][number]": "4000000000009995", "payment_method_data[card][exp_month]": "1", "payment_method_data[card][exp_year]": "2040", "payment_method_data[card][cvc]": "123" },
    );
    expect(res.status).toBe(402);
    expect(res.body.error.type).toBe("card_error");
    expect(res.body.error.decline_code).toBe("insufficient_funds");
    expect(res.body.error.payment_intent.status).toBe("requires_payment_method");
    expect(res.body.error.payment_intent).not.toHaveProperty("metadata");
  });

  it("publishable keys cannot call secret-key endpoints", async () => {
    const res = await t.browser<{ error: { type: string; message: string } }>("GET", "/v1/customers");
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/publishable API key/);
  });

  it("the Stripe.js stand-in is served as JavaScript (or 404 when absent)", async () => {
    const res = await fetch(`${t.emu.url}/v3/stripe.js`);
    expect([200, 404]).toContain(res.status);
    if (res.status === 200) expect(res.headers.get("content-type")).toMatch(/^application\/javascript/);
  });
});
