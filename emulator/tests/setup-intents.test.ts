// SetupIntents (BEHAVIOR §4.3) through the official SDK, plus the publishable-key and 3DS control paths.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { RETURN_URL, stripeError, useTestEmulator } from "./helpers.ts";

const t = useTestEmulator({ asyncDelayMs: 5 });

/** Types of the events about `ids` (objects or their customer), oldest first. */
async function eventTypes(ids: string[]): Promise<string[]> {
  const events = await t.stripe.events.list({ limit: 100 });
  return events.data
    .filter((e) => {
      const o = e.data.object as { id: string; customer?: string };
      return ids.includes(o.id) || (o.customer !== undefined && ids.includes(o.customer));
    })
    .map((e) => e.type)
    .reverse();
}

describe("setup intents", () => {
  it("create, retrieve, update, list, cancel; unknown and removed params rejected", async () => {
    const customer = await t.stripe.customers.create({ email: "si@example.com" });
    const si = await t.stripe.setupIntents.create({ customer: customer.id, metadata: { a: "1" } });
    expect(si.id).toMatch(/^seti_/);
    expect(si.client_secret).toMatch(new RegExp(`^${si.id}_secret_`));
    expect(si.status).toBe("requires_payment_method");
    expect(si.usage).toBe("off_session");
    expect(si.automatic_payment_methods).toEqual({ allow_redirects: "always", enabled: true });
    expect((await t.stripe.setupIntents.retrieve(si.id)).id).toBe(si.id);
    const updated = await t.stripe.setupIntents.update(si.id, { description: "card for later", metadata: { b: "2" } });
    expect(updated.metadata).toEqual({ a: "1", b: "2" });
    const list = await t.stripe.setupIntents.list({ customer: customer.id });
    expect(list.data.map((s) => s.id)).toEqual([si.id]);
    const canceled = await t.stripe.setupIntents.cancel(si.id, { cancellation_reason: "abandoned" });
    expect(canceled.status).toBe("canceled");
    expect((await stripeError(t.stripe.setupIntents.cancel(si.id))).code).toBe("setup_intent_unexpected_state");
    const unknown = await stripeError(t.stripe.setupIntents.create({ bogus: 1 } as never));
    expect(unknown.code).toBe("parameter_unknown");
    const removed = await stripeError(t.stripe.setupIntents.create({ payment_method_types: ["card"] } as never));
    expect(removed.code).toBe("payment_method_types_no_longer_supported");
    expect((await stripeError(t.stripe.setupIntents.retrieve("seti_missing"))).statusCode).toBe(404);
  });

  it("confirm attaches the card to the customer; it can become the invoice default", async () => {
    const customer = await t.stripe.customers.create({ email: "save@example.com" });
    const si = await t.stripe.setupIntents.create({ customer: customer.id });
    const missingReturn = await stripeError(t.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa" }));
    expect(missingReturn.param).toBe("return_url");
    const done = await t.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa", return_url: RETURN_URL });
    expect(done.status).toBe("succeeded");
    expect(done.latest_attempt).toMatch(/^setatt_/);
    const pm = await t.stripe.paymentMethods.retrieve(done.payment_method as string);
    expect(pm.customer).toBe(customer.id);
    const updated = await t.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    expect(updated.invoice_settings.default_payment_method).toBe(pm.id);
    const listed = await t.stripe.customers.listPaymentMethods(customer.id);
    expect(listed.data.map((p) => p.id)).toEqual([pm.id]);
    const types = await eventTypes([customer.id, si.id]);
    expect(types.filter((x) => x.startsWith("setup_intent.") || x.startsWith("payment_method."))).toEqual([
      "setup_intent.created",
      "payment_method.attached",
      "setup_intent.succeeded",
    ]);
    expect(types).toContain("customer.updated");
  });

  it("0341 attaches (every later charge fails); 0002 fails setup with a 402 and setup_intent.setup_failed", async () => {
    const customer = await t.stripe.customers.create();
    const ok = await t.stripe.setupIntents.create({ customer: customer.id, confirm: true, payment_method: "pm_card_chargeCustomerFail", return_url: RETURN_URL });
    expect(ok.status).toBe("succeeded");
    const si = await t.stripe.setupIntents.create({ customer: customer.id });
    const err = await stripeError(t.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa_chargeDeclined", return_url: RETURN_URL }));
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe("card_declined");
    expect((err.raw as { setup_intent?: { id: string } }).setup_intent?.id).toBe(si.id);
    const after = await t.stripe.setupIntents.retrieve(si.id);
    expect(after.status).toBe("requires_payment_method");
    expect(after.last_setup_error?.decline_code).toBe("generic_decline");
  });

  it("publishable key: retrieve/confirm with client_secret, 3DS via the control API, pk subset", async () => {
    const customer = await t.stripe.customers.create();
    const si = await t.stripe.setupIntents.create({ customer: customer.id });
    const noSecret = await t.browser("GET", `/v1/setup_intents/${si.id}`);
    expect(noSecret.status).toBe(400);
    const seen = await t.browser<Record<string, unknown>>("GET", `/v1/setup_intents/${si.id}`, { client_secret: si.client_secret! });
    expect(seen.status).toBe(200);
    expect(seen.body).not.toHaveProperty("metadata");
    expect(seen.body).not.toHaveProperty("customer");
    const pm = await t.browser<{ id: string }>("POST", "/v1/payment_methods", { type: "card", "card[number]": "4000002500003155", "card[exp_month]": "12", "card[exp_year]": "2040", "card[cvc]": "123" });
    const confirmed = await t.browser<Stripe.SetupIntent>("POST", `/v1/setup_intents/${si.id}/confirm`, {
      client_secret: si.client_secret!,
      payment_method: pm.body.id,
      use_stripe_sdk: "true",
      return_url: RETURN_URL,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe("requires_action");
    expect(confirmed.body.next_action?.type).toBe("use_stripe_sdk");
    const wrong = await t.control(`/_emulator/setup_intents/${si.id}/three_d_secure`, { outcome: "succeed", client_secret: "nope" });
    expect(wrong.status).toBe(401);
    const res = await t.control<Stripe.SetupIntent>(`/_emulator/setup_intents/${si.id}/three_d_secure`, { outcome: "succeed", client_secret: si.client_secret });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("succeeded");
    expect((await t.stripe.paymentMethods.retrieve(pm.body.id)).customer).toBe(customer.id);
    // 3155 then succeeds off-session.
    const pi = await t.stripe.paymentIntents.create({ amount: 1000, currency: "usd", customer: customer.id, payment_method: pm.body.id, confirm: true, off_session: true });
    expect(pi.status).toBe("succeeded");
  });

  it("3DS failure leaves the intent requiring a payment method", async () => {
    const si = await t.stripe.setupIntents.create({});
    const c = await t.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_authenticationRequired", return_url: RETURN_URL });
    expect(c.status).toBe("requires_action");
    expect(c.next_action?.type).toBe("redirect_to_url");
    const res = await t.control<Stripe.SetupIntent>(`/_emulator/setup_intents/${si.id}/three_d_secure`, { outcome: "fail", client_secret: si.client_secret });
    expect(res.body.status).toBe("requires_payment_method");
    expect(res.body.last_setup_error?.code).toBe("setup_intent_authentication_failure");
  });
});
