// Every object the emulator returns has exactly the top-level keys of Stripe's official example
// for that resource (emulator/fixtures/fixtures3.json: a copy of Stripe's OpenAPI fixtures3.json,
// vendored so a fresh clone checks parity), plus the fields endive always returns that those
// dahlia examples lack (shared/stripe/ENDIVE.md), and Stripe's id prefixes.
import { readFileSync } from "node:fs";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { RETURN_URL, useTestEmulator } from "./helpers.ts";

const FIXTURES_PATH = new URL("../fixtures/fixtures3.json", import.meta.url);
const fixtures: Record<string, Record<string, unknown>> = JSON.parse(readFileSync(FIXTURES_PATH, "utf8")).resources;
const t = useTestEmulator({ asyncDelayMs: 5 });

/** Keys Stripe only returns when named in `expand` (BEHAVIOR §1.8). */
const INCLUDABLE: Record<string, string[]> = { charge: ["refunds"] };

/** Always-present endive fields the dahlia examples lack (checked by tests/conformance/). */
const ENDIVE_ADDITIONS: Record<string, string[]> = {
  payment_intent: ["allowed_payment_method_types", "payment_record"],
  setup_intent: ["allowed_payment_method_types"],
  product: ["tax_details"],
  dispute: ["intended_submission_method"],
};

function expectFixtureKeys(object: { object: string }, resource = object.object, { includables = false } = {}) {
  const fixture = fixtures[resource];
  expect(fixture, `fixture for ${resource}`).toBeDefined();
  let expected = [...Object.keys(fixture), ...(ENDIVE_ADDITIONS[resource] ?? [])];
  if (!includables) expected = expected.filter((k) => !(INCLUDABLE[resource] ?? []).includes(k));
  const endive = ENDIVE_KEYS[resource];
  if (endive) expected = [...expected.filter((k) => !endive.remove?.includes(k)), ...(endive.add ?? []).filter((k) => !expected.includes(k))];
  const { lastResponse: _ignored, ...rest } = object as { lastResponse?: unknown };
  void _ignored;
  expect(Object.keys(rest).sort()).toEqual(expected.sort());
}

/** Billing keys where endive (the pinned SDK's declarations) differs from the dahlia examples (shared/stripe/ENDIVE.md). */
const ENDIVE_KEYS: Record<string, { add?: string[]; remove?: string[] }> = {
  subscription_item: { add: ["current_trial"] },
  invoice: { remove: ["subscription"] },
};

describe("fixture key parity", () => {
  it("customer, product, price, payment_method, payment_intent, charge, refund, dispute, event, webhook_endpoint, balance_transaction", async () => {
    const customer = await t.stripe.customers.create({ email: "parity@example.com" });
    expect(customer.id).toMatch(/^cus_/);
    expectFixtureKeys(customer);
    expectFixtureKeys(await t.stripe.customers.retrieve(customer.id) as Stripe.Customer);

    const product = await t.stripe.products.create({ name: "Parity" });
    expect(product.id).toMatch(/^prod_/);
    expectFixtureKeys(product);
    const price = await t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 1000 });
    expect(price.id).toMatch(/^price_/);
    expectFixtureKeys(price);
    expectFixtureKeys(await t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 1000, recurring: { interval: "month" } }));

    const pm = await t.stripe.paymentMethods.create({ type: "card", card: { token: "tok_visa" } } as Stripe.PaymentMethodCreateParams);
    expect(pm.id).toMatch(/^pm_/);
    expectFixtureKeys(pm);
    expectFixtureKeys(await t.stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id }));

    const pi = await t.stripe.paymentIntents.create({ amount: 5000, currency: "usd" });
    expect(pi.id).toMatch(/^pi_/);
    expectFixtureKeys(pi);
    const done = await t.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_createDispute", return_url: RETURN_URL });
    expectFixtureKeys(done);
    const declined = await t.stripe.paymentIntents
      .create({ amount: 5000, currency: "usd", confirm: true, payment_method: "pm_card_visa_chargeDeclined", return_url: RETURN_URL })
      .catch((e: Stripe.errors.StripeError) => e.payment_intent!);
    expectFixtureKeys(declined as Stripe.PaymentIntent, "payment_intent");
    const action = await t.stripe.paymentIntents.create({ amount: 5000, currency: "usd", confirm: true, payment_method: "pm_card_threeDSecureRequired", return_url: RETURN_URL });
    expectFixtureKeys(action);

    const charge = await t.stripe.charges.retrieve(done.latest_charge as string);
    expect(charge.id).toMatch(/^ch_/);
    expectFixtureKeys(charge);
    expectFixtureKeys(await t.stripe.charges.retrieve(charge.id, { expand: ["refunds"] }), "charge", { includables: true });
    expectFixtureKeys(await t.stripe.charges.retrieve((declined as Stripe.PaymentIntent).latest_charge as string));

    const [dispute] = (await t.stripe.disputes.list({ charge: charge.id })).data;
    expect(dispute.id).toMatch(/^du_/);
    expectFixtureKeys(dispute);
    expectFixtureKeys(dispute.balance_transactions[0]);

    const ok = await t.stripe.paymentIntents.create({ amount: 5000, currency: "usd", confirm: true, payment_method: "pm_card_visa", return_url: RETURN_URL });
    const refund = await t.stripe.refunds.create({ payment_intent: ok.id, amount: 100 });
    expect(refund.id).toMatch(/^re_/);
    expectFixtureKeys(refund);
    const txn = await t.stripe.balanceTransactions.retrieve(refund.balance_transaction as string);
    expect(txn.id).toMatch(/^txn_/);
    expectFixtureKeys(txn);

    const events = await t.stripe.events.list({ limit: 100 });
    expect(events.data.length).toBeGreaterThan(10);
    for (const event of events.data) {
      expect(event.id).toMatch(/^evt_/);
      expectFixtureKeys(event);
    }
    for (const event of events.data) expectFixtureKeys(event.data.object as { object: string });

    const we = await t.stripe.webhookEndpoints.create({ url: "http://127.0.0.1:9/x", enabled_events: ["*"] });
    expect(we.id).toMatch(/^we_/);
    const { secret: _secret, ...withoutSecret } = we;
    void _secret;
    expectFixtureKeys(withoutSecret as Stripe.WebhookEndpoint);
    expectFixtureKeys(await t.stripe.webhookEndpoints.retrieve(we.id));
  });

  it("setup_intent (billing extension)", async () => {
    const customer = await t.stripe.customers.create();
    const si = await t.stripe.setupIntents.create({ customer: customer.id });
    expect(si.id).toMatch(/^seti_/);
    expectFixtureKeys(si);
    expectFixtureKeys(await t.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa", return_url: RETURN_URL }));
    const events = await t.stripe.events.list({ type: "setup_intent.*" });
    for (const event of events.data) expectFixtureKeys(event.data.object as { object: string });
  });

  it("billing objects: coupon, promotion_code, discount, subscription(+item), invoice(+line), invoiceitem, invoice_payment, meters, test clock, deleted shapes, events", async () => {
    const clock = await t.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
    expect(clock.id).toMatch(/^clock_/);
    expectFixtureKeys(clock);
    const customer = await t.stripe.customers.create({ test_clock: clock.id, payment_method: "pm_card_visa" });
    expectFixtureKeys(customer);
    const pm = (await t.stripe.customers.listPaymentMethods(customer.id)).data[0];
    await t.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    const coupon = await t.stripe.coupons.create({ percent_off: 10, duration: "forever" });
    expectFixtureKeys(coupon);
    const promo = await t.stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id } });
    expectFixtureKeys(promo);
    const meter = await t.stripe.billing.meters.create({ display_name: "Parity", event_name: "parity_calls", default_aggregation: { formula: "sum" } });
    expect(meter.id).toMatch(/^mtr_/);
    expectFixtureKeys(meter, "billing.meter");
    const { lastResponse: _lr, ...meterEvent } = await t.stripe.billing.meterEvents.create({ event_name: "parity_calls", payload: { stripe_customer_id: customer.id, value: "3" } });
    void _lr;
    expectFixtureKeys(meterEvent as { object: string }, "billing.meter_event");
    const now = Math.floor(Date.now() / 1000);
    const [summary] = (await t.stripe.billing.meters.listEventSummaries(meter.id, { customer: customer.id, start_time: clock.frozen_time - 60, end_time: now + 3600 })).data;
    expectFixtureKeys(summary, "billing.meter_event_summary");
    const product = await t.stripe.products.create({ name: "Parity plan" });
    const price = await t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 1000, recurring: { interval: "month" } });
    const sub = await t.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      discounts: [{ promotion_code: promo.id }],
      expand: ["discounts"],
    });
    expect(sub.id).toMatch(/^sub_/);
    const { items: _items, ...subRest } = sub;
    void _items;
    expectFixtureKeys({ ...subRest, items: sub.items } as Stripe.Subscription);
    const discount = sub.discounts[0] as Stripe.Discount;
    expect(discount.id).toMatch(/^di_/);
    expectFixtureKeys(discount);
    const item = sub.items.data[0];
    expect(item.id).toMatch(/^si_/);
    expectFixtureKeys(item);
    expectFixtureKeys(await t.stripe.subscriptionItems.retrieve(item.id));
    const invoice = await t.stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(invoice.id).toMatch(/^in_/);
    expectFixtureKeys(invoice);
    expectFixtureKeys(invoice.lines.data[0]);
    expect(invoice.lines.data[0].id).toMatch(/^il_/);
    const preview = await t.stripe.invoices.createPreview({ subscription: sub.id });
    expectFixtureKeys(preview);
    expectFixtureKeys(preview.lines.data[0]);
    const [payment] = (await t.stripe.invoicePayments.list({ invoice: invoice.id })).data;
    expect(payment.id).toMatch(/^inpay_/);
    expectFixtureKeys(payment);
    const ii = await t.stripe.invoiceItems.create({ customer: customer.id, amount: 500, currency: "usd" });
    expect(ii.id).toMatch(/^ii_/);
    expectFixtureKeys(ii);
    expectFixtureKeys((await t.stripe.invoiceItems.del(ii.id)) as unknown as { object: string }, "deleted_invoiceitem");
    const draft = await t.stripe.invoices.create({ customer: customer.id });
    expectFixtureKeys((await t.stripe.invoices.del(draft.id!)) as unknown as { object: string }, "deleted_invoice");
    expectFixtureKeys((await t.stripe.subscriptions.deleteDiscount(sub.id)) as unknown as { object: string }, "deleted_discount");
    const addon = await t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 100, recurring: { interval: "month" } });
    const si = await t.stripe.subscriptionItems.create({ subscription: sub.id, price: addon.id, proration_behavior: "none" });
    expectFixtureKeys((await t.stripe.subscriptionItems.del(si.id, { proration_behavior: "none" })) as unknown as { object: string }, "deleted_subscription_item");
    expectFixtureKeys((await t.stripe.coupons.del(coupon.id)) as unknown as { object: string }, "deleted_coupon");
    await t.stripe.subscriptions.cancel(sub.id);
    const events = [];
    for await (const e of t.stripe.events.list({ limit: 100 })) events.push(e);
    const billingTypes = new Set<string>();
    for (const event of events) {
      const o = event.data.object as { object: string };
      if (["subscription", "invoice", "invoiceitem", "invoice_payment", "coupon", "promotion_code", "test_helpers.test_clock"].includes(o.object)) billingTypes.add(o.object);
      expectFixtureKeys(o);
    }
    expect([...billingTypes].sort()).toEqual(["coupon", "invoice", "invoice_payment", "invoiceitem", "promotion_code", "subscription", "test_helpers.test_clock"]);
    expectFixtureKeys((await t.stripe.testHelpers.testClocks.del(clock.id)) as unknown as { object: string }, "deleted_test_helpers.test_clock");
  });

  it("list objects have object, url, has_more and data (no total_count)", async () => {
    const list = await t.stripe.customers.list();
    const { lastResponse: _l, ...rest } = list as unknown as Record<string, unknown>;
    void _l;
    expect(Object.keys(rest).sort()).toEqual(["data", "has_more", "object", "url"]);
  });
});
