// Request parameters as Stripe checks them: every documented parameter is accepted, typed and
// enum-checked; the ones the emulator does not model are stored on their object as sent.
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { validateBody } from "../conformance/validate.ts";
import { stripeError, useTestEmulator } from "./helpers.ts";

/** Schema violations (SDK-derived) under the given fields: stored parameters have the object's shape. */
function violationsAt(object: { object: string }, fields: string[]): string[] {
  return validateBody(JSON.parse(JSON.stringify(object)), object.object)
    .flatMap((v) => v.message.split("; "))
    .filter((m) => fields.some((f) => m.startsWith(`/${f}`) || m.includes(`'${f}'`)));
}

describe("documented parameters", () => {
  const t = useTestEmulator({ log: false });
  // The SDK-derived schemas compile once (seconds on a busy machine), before the timed tests.
  beforeAll(() => void validateBody({ object: "customer" }, "warm-up"), 120_000);

  async function post(path: string, body: string) {
    const res = await fetch(`${t.emu.url}${path}`, {
      method: "POST",
      headers: { authorization: "Bearer sk_test_emulator", "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    return { status: res.status, body: (await res.json()) as { error: Record<string, unknown> } & Record<string, unknown> };
  }

  it("an undocumented parameter is still parameter_unknown with Stripe's message, nested too", async () => {
    const top = await stripeError(t.stripe.paymentIntents.create({ amount: 100, currency: "usd", bogus: "x" } as never));
    expect(top).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "bogus", message: "Received unknown parameter: bogus" });
    const nested = await stripeError(t.stripe.paymentIntents.create({ amount: 100, currency: "usd", transfer_data: { destination: "acct_1", nope: 1 } } as never));
    expect(nested).toMatchObject({ code: "parameter_unknown", param: "transfer_data[nope]" });
  });

  it("a value outside a documented enum is rejected with Stripe's wording", async () => {
    const res = await post("/v1/payment_intents", "amount=100&currency=usd&capture_method=later");
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      type: "invalid_request_error",
      param: "capture_method",
      message: "Invalid capture_method: must be one of automatic, manual, or automatic_async",
    });
    const nested = await post("/v1/prices", "currency=usd&unit_amount=100&product_data[name]=T&recurring[interval]=fortnight");
    expect(nested.body.error).toMatchObject({ param: "recurring[interval]", message: "Invalid recurring[interval]: must be one of day, month, week, or year" });
  });

  it("integers, booleans and decimals are typed, in unmodelled parameters too", async () => {
    const fee = await post("/v1/payment_intents", "amount=100&currency=usd&application_fee_amount=1.5");
    expect(fee.body.error).toMatchObject({ code: "parameter_invalid_integer", param: "application_fee_amount", message: "Invalid integer: 1.5" });
    const tier = await post("/v1/prices", "currency=usd&product_data[name]=T&billing_scheme=tiered&tiers_mode=graduated&recurring[interval]=month&tiers[0][up_to]=ten&tiers[0][unit_amount]=1");
    expect(tier.body.error).toMatchObject({ code: "parameter_invalid_integer", param: "tiers[0][up_to]" });
    const flag = await post("/v1/customers", "tax[validate_location]=sometimes");
    expect(flag.body.error).toMatchObject({ param: "tax[validate_location]", message: "Invalid tax[validate_location]: must be one of deferred or immediately" });
    const decimal = await post("/v1/invoiceitems", "customer=cus_x&currency=usd&amount=1&quantity_decimal=1.2.3");
    expect(decimal.body.error).toMatchObject({ param: "quantity_decimal", message: "Invalid decimal: 1.2.3" });
  });

  it("Connect and statement parameters on a PaymentIntent are accepted and round-trip", async () => {
    // Sent as is and answered as is.
    const roundTrip = {
      transfer_data: { destination: "acct_1Dest" },
      on_behalf_of: "acct_1Dest",
      application_fee_amount: 123,
      statement_descriptor: "PAYPORT",
      transfer_group: "ORDER_1",
      receipt_email: "buyer@example.com",
    };
    const pi = await t.stripe.paymentIntents.create({
      amount: 2000,
      currency: "usd",
      ...roundTrip,
      shipping: { name: "Ada", address: { line1: "1 Main St", country: "US" } },
      radar_options: { session: "rses_1" },
      confirmation_token: undefined,
    });
    expect(pi).toMatchObject({
      ...roundTrip,
      shipping: { name: "Ada", phone: null, carrier: null, tracking_number: null, address: { line1: "1 Main St", country: "US", city: null } },
    });
    expect(violationsAt(pi, ["transfer_data", "on_behalf_of", "application_fee_amount", "shipping", "receipt_email"])).toEqual([]);
    const again = await t.stripe.paymentIntents.retrieve(pi.id);
    expect(again.application_fee_amount).toBe(123);
    const updated = await t.stripe.paymentIntents.update(pi.id, { application_fee_amount: 200, statement_descriptor_suffix: "X1" });
    expect(updated).toMatchObject({ application_fee_amount: 200, statement_descriptor_suffix: "X1", on_behalf_of: "acct_1Dest" });
    const events = await t.stripe.events.list({ type: "payment_intent.created", limit: 1 });
    expect((events.data[0].data.object as Stripe.PaymentIntent).application_fee_amount).toBe(123);
  });

  it("previously rejected parameters on other resources are accepted", async () => {
    const si = await t.stripe.setupIntents.create({ allowed_payment_method_types: ["card"] } as Stripe.SetupIntentCreateParams);
    expect(si.allowed_payment_method_types).toEqual(["card"]);
    const customer = await t.stripe.customers.create({
      email: "tax@example.com",
      next_invoice_sequence: 7,
      tax: { validate_location: "deferred" },
      tax_id_data: [{ type: "eu_vat", value: "DE123456789" }],
    });
    expect(customer.next_invoice_sequence).toBe(7);
    const product = await t.stripe.products.create({ name: "Tiered" });
    const tiered = await t.stripe.prices.create({
      product: product.id,
      currency: "usd",
      recurring: { interval: "month" },
      billing_scheme: "tiered",
      tiers_mode: "graduated",
      tiers: [{ up_to: 10, unit_amount: 100 }, { up_to: "inf", unit_amount: 80 }],
      transform_quantity: undefined,
    });
    expect(tiered).toMatchObject({ billing_scheme: "tiered", tiers_mode: "graduated" });
    const custom = await t.stripe.prices.create({
      product: product.id,
      currency: "usd",
      custom_unit_amount: { enabled: true, minimum: 500 },
      currency_options: { eur: { unit_amount: 900 } },
    });
    expect(custom.object).toBe("price");
    const invoice = await t.stripe.invoices.create({
      customer: customer.id,
      number: "PP-0001",
      shipping_details: { name: "Ada", address: { line1: "1 Main St" } },
      effective_at: 1893456000,
    });
    expect(violationsAt(invoice, ["number", "effective_at", "shipping_details"])).toEqual([]);
    expect(invoice).toMatchObject({ number: "PP-0001", effective_at: 1893456000, shipping_details: { name: "Ada", address: { line1: "1 Main St", city: null } } });
    const subs = await t.stripe.subscriptions.list({ plan: "price_missing" } as Stripe.SubscriptionListParams);
    expect(subs.object).toBe("list");
  });

  it("refunds accept their documented currency, customer and origin", async () => {
    const pi = await t.stripe.paymentIntents.create({
      amount: 1500,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    });
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 500, currency: "usd", origin: "customer_balance" });
    expect(refund).toMatchObject({ amount: 500, currency: "usd", status: "succeeded" });
  });
});
