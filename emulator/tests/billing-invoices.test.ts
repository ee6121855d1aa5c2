// Invoices, invoice items, billing meters and the edges of billing parameters and life cycles
// through the official SDK (BEHAVIOR §6.2, §6.3, §6.9, §6.10, §7).
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { stripeError } from "./helpers.ts";
import { DAY, useBillingEmulator } from "./billing-helpers.ts";

const { t, catalog, eventTypesFor, clockedCustomer, advance } = useBillingEmulator();

describe("invoices", () => {
  it("draft with invoice items → finalize → pay; void; mark_uncollectible; delete draft; lines; hosted page and PDF", async () => {
    const customer = await t.stripe.customers.create({ name: "Ada", payment_method: "pm_card_visa" });
    const pm = (await t.stripe.customers.listPaymentMethods(customer.id)).data[0];
    const ii = await t.stripe.invoiceItems.create({ customer: customer.id, amount: 1234, currency: "usd", description: "Setup fee" });
    expect(ii.id).toMatch(/^ii_/);
    const draft = await t.stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: "include" });
    expect(draft).toMatchObject({ status: "draft", amount_due: 1234, hosted_invoice_url: null, billing_reason: "manual" });
    await t.stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 100, currency: "usd", description: "Extra" });
    const lines = await t.stripe.invoices.listLineItems(draft.id);
    expect(lines.data.map((l) => l.amount).sort()).toEqual([100, 1234]);
    expect((await stripeError(t.stripe.invoices.create({ customer: customer.id, bogus: 1 } as never))).code).toBe("parameter_unknown");
    const open = await t.stripe.invoices.finalizeInvoice(draft.id, { auto_advance: false });
    expect(open.status).toBe("open");
    expect(open.number).toMatch(/^[A-Z0-9]+-0001$/);
    expect((await stripeError(t.stripe.invoices.update(open.id, { default_payment_method: pm.id }))).code).toBe("invoice_not_editable");
    const paid = await t.stripe.invoices.pay(open.id, { payment_method: pm.id });
    expect(paid).toMatchObject({ status: "paid", amount_paid: 1334 });
    const page = await fetch(paid.hosted_invoice_url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(paid.number!);
    const pdf = await fetch(paid.invoice_pdf!);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.toString("latin1")).toMatch(/startxref\n\d+\n%%EOF\n$/);

    const second = await t.stripe.invoices.create({ customer: customer.id });
    await t.stripe.invoiceItems.create({ customer: customer.id, invoice: second.id, amount: 700, currency: "usd" });
    const voided = await t.stripe.invoices.voidInvoice((await t.stripe.invoices.finalizeInvoice(second.id, { auto_advance: false })).id);
    expect(voided.status).toBe("void");
    const third = await t.stripe.invoices.create({ customer: customer.id });
    await t.stripe.invoiceItems.create({ customer: customer.id, invoice: third.id, amount: 700, currency: "usd" });
    await t.stripe.invoices.finalizeInvoice(third.id, { auto_advance: false });
    expect((await t.stripe.invoices.markUncollectible(third.id)).status).toBe("uncollectible");
    const fourth = await t.stripe.invoices.create({ customer: customer.id });
    expect((await t.stripe.invoices.del(fourth.id)).deleted).toBe(true);
    expect((await stripeError(t.stripe.invoices.del(third.id))).statusCode).toBe(400);
    const listed = await t.stripe.invoices.list({ customer: customer.id, status: "paid" });
    expect(listed.data.map((i) => i.id)).toEqual([paid.id]);
  });

  it("a promotion code discounts the first invoice only (duration once)", async () => {
    const price = await catalog(2000);
    const coupon = await t.stripe.coupons.create({ percent_off: 50, duration: "once" });
    const promo = await t.stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: `HALF${Date.now()}` });
    const customer = await t.stripe.customers.create();
    const sub = await t.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      discounts: [{ promotion_code: promo.id }],
      payment_behavior: "default_incomplete",
      expand: ["latest_invoice"],
    });
    const inv = sub.latest_invoice as Stripe.Invoice;
    expect(inv).toMatchObject({ subtotal: 2000, total: 1000, amount_due: 1000 });
    expect(inv.total_discount_amounts![0].amount).toBe(1000);
    expect((await t.stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(1);
    const next = await t.stripe.invoices.createPreview({ subscription: sub.id });
    expect(next.amount_due).toBe(2000);
  });
});

describe("billing meters", () => {
  it("meters, meter events (identifier dedupe), event summaries", async () => {
    const meter = await t.stripe.billing.meters.create({ display_name: "API calls", event_name: `api_calls_${Date.now()}`, default_aggregation: { formula: "sum" } });
    expect(meter.id).toMatch(/^mtr_/);
    expect(meter.customer_mapping).toEqual({ event_payload_key: "stripe_customer_id", type: "by_id" });
    const customer = await t.stripe.customers.create();
    const ev = await t.stripe.billing.meterEvents.create({ event_name: meter.event_name, payload: { stripe_customer_id: customer.id, value: "5" }, identifier: "call-1" });
    expect(ev).toMatchObject({ object: "billing.meter_event", identifier: "call-1" });
    const dup = await stripeError(t.stripe.billing.meterEvents.create({ event_name: meter.event_name, payload: { stripe_customer_id: customer.id, value: "5" }, identifier: "call-1" }));
    expect(dup.statusCode).toBe(400);
    await t.stripe.billing.meterEvents.create({ event_name: meter.event_name, payload: { stripe_customer_id: customer.id, value: "7" } });
    const now = Math.floor(Date.now() / 1000);
    const summaries = await t.stripe.billing.meters.listEventSummaries(meter.id, { customer: customer.id, start_time: now - 3600, end_time: now + 60 });
    expect(summaries.data[0]).toMatchObject({ object: "billing.meter_event_summary", aggregated_value: 12, meter: meter.id });
    expect((await stripeError(t.stripe.billing.meterEvents.create({ event_name: "nope", payload: { stripe_customer_id: customer.id, value: "1" } }))).statusCode).toBe(400);
    expect((await t.stripe.billing.meters.deactivate(meter.id)).status).toBe("inactive");
    expect((await t.stripe.billing.meters.reactivate(meter.id)).status).toBe("active");
  });
});


describe("billing parameters and lifecycle edges", () => {
  it("unknown parameters are rejected on every billing resource", async () => {
    const customer = await t.stripe.customers.create();
    const calls: Promise<unknown>[] = [
      t.stripe.invoiceItems.create({ customer: customer.id, amount: 1, currency: "usd", nope: 1 } as never),
      t.stripe.invoices.createPreview({ customer: customer.id, nope: 1 } as never),
      t.stripe.subscriptionItems.create({ subscription: "sub_x", nope: 1 } as never),
      t.stripe.billing.meters.create({ display_name: "x", event_name: "x", default_aggregation: { formula: "sum" }, nope: 1 } as never),
      t.stripe.billing.meterEvents.create({ event_name: "x", payload: {}, nope: 1 } as never),
      t.stripe.testHelpers.testClocks.create({ frozen_time: 1, nope: 1 } as never),
      t.stripe.setupIntents.confirm("seti_x", { nope: 1 } as never),
      t.stripe.promotionCodes.update("promo_x", { nope: 1 } as never),
      t.stripe.subscriptions.update("sub_x", { nope: 1 } as never),
      t.stripe.subscriptions.list({ nope: 1 } as never),
    ];
    for (const call of calls) expect((await stripeError(call)).code).toBe("parameter_unknown");
    expect((await stripeError(t.stripe.testHelpers.testClocks.create({} as never))).code).toBe("parameter_missing");
  });

  it("a downgrade with always_invoice credits the customer balance, which the next invoice uses", async () => {
    const big = await catalog(5000, "month", "Big");
    const small = await catalog(1000, "month", "Small");
    const { clock, customer } = await clockedCustomer();
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: big.id }] });
    const item = sub.items.data[0];
    const at = item.current_period_start + Math.floor((item.current_period_end - item.current_period_start) / 2);
    await advance(clock.id, at);
    const preview = await t.stripe.invoices.createPreview({ subscription: sub.id, subscription_details: { items: [{ id: item.id, price: small.id }], proration_behavior: "always_invoice", proration_date: at } });
    expect(preview.total).toBeLessThan(0);
    expect(preview.amount_due).toBe(0);
    const updated = await t.stripe.subscriptions.update(sub.id, { items: [{ id: item.id, price: small.id }], proration_behavior: "always_invoice", proration_date: at, expand: ["latest_invoice"] });
    const inv = updated.latest_invoice as Stripe.Invoice;
    expect(inv).toMatchObject({ status: "paid", amount_due: 0, total: preview.total, ending_balance: preview.total });
    expect((await t.stripe.customers.retrieve(customer.id) as Stripe.Customer).balance).toBe(preview.total);
    const next = await t.stripe.invoices.createPreview({ subscription: sub.id });
    expect(next.amount_due).toBe(Math.max(0, 1000 + preview.total));
  });

  it("deleting a customer cancels its subscriptions", async () => {
    const price = await catalog(1000);
    const customer = await t.stripe.customers.create();
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: "default_incomplete" });
    await t.stripe.customers.del(customer.id);
    expect((await t.stripe.subscriptions.retrieve(sub.id)).status).toBe("canceled");
    const types = await eventTypesFor([sub.id, customer.id]);
    expect(types.slice(-2)).toEqual(["customer.subscription.deleted", "customer.deleted"]);
  });

  it("3155 paid on-session with 3-D Secure for the first invoice then renews off-session", async () => {
    const price = await catalog(1100);
    const now = Math.floor(Date.now() / 1000);
    const clock = await t.stripe.testHelpers.testClocks.create({ frozen_time: now });
    const customer = await t.stripe.customers.create({ test_clock: clock.id });
    const sub = await t.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: "default_incomplete",
      payment_settings: { save_default_payment_method: "on_subscription" },
      expand: ["latest_invoice.confirmation_secret"],
    });
    const secret = (sub.latest_invoice as Stripe.Invoice).confirmation_secret!.client_secret;
    const piId = secret.split("_secret_")[0];
    const pm = await t.browser<{ id: string }>("POST", "/v1/payment_methods", { type: "card", "card[number]": "4000002500003155", "card[exp_month]": "12", "card[exp_year]": "2040", "card[cvc]": "123" });
    const action = await t.browser<Stripe.PaymentIntent>("POST", `/v1/payment_intents/${piId}/confirm`, { client_secret: secret, payment_method: pm.body.id, use_stripe_sdk: "true" });
    expect(action.body.status).toBe("requires_action");
    const done = await t.control<Stripe.PaymentIntent>(`/_emulator/payment_intents/${piId}/three_d_secure`, { outcome: "succeed", client_secret: secret });
    expect(done.body.status).toBe("succeeded");
    const active = await t.stripe.subscriptions.retrieve(sub.id);
    expect(active.status).toBe("active");
    expect(active.default_payment_method).toBe(pm.body.id);
    await advance(clock.id, active.items.data[0].current_period_end + 2 * 3600);
    const renewal = (await t.stripe.invoices.list({ subscription: sub.id })).data[0];
    expect(renewal).toMatchObject({ billing_reason: "subscription_cycle", status: "paid" });
  });

  it("pause_collection: renewal invoices are voided / kept as drafts; cancel_at on create ends the subscription then", async () => {
    const price = await catalog(1000);
    const { clock, customer } = await clockedCustomer();
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const paused = await t.stripe.subscriptions.update(sub.id, { pause_collection: { behavior: "void" } });
    expect(paused.pause_collection).toEqual({ behavior: "void", resumes_at: null });
    const end = sub.items.data[0].current_period_end;
    await advance(clock.id, end + 2 * 3600);
    expect((await t.stripe.invoices.list({ subscription: sub.id })).data[0].status).toBe("void");
    expect((await t.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
    await t.stripe.subscriptions.update(sub.id, { pause_collection: { behavior: "keep_as_draft" } });
    const end2 = (await t.stripe.subscriptions.retrieve(sub.id)).items.data[0].current_period_end;
    await advance(clock.id, end2 + 2 * 3600);
    expect((await t.stripe.invoices.list({ subscription: sub.id })).data[0]).toMatchObject({ status: "draft", auto_advance: false });

    const ending = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], cancel_at: end2 + 5 * DAY } as never);
    expect(ending.cancel_at).toBe(end2 + 5 * DAY);
    expect(ending.cancel_at_period_end).toBe(false);
    await advance(clock.id, end2 + 6 * DAY);
    const after = await t.stripe.subscriptions.retrieve(ending.id);
    expect(after).toMatchObject({ status: "canceled", ended_at: end2 + 5 * DAY });
  });
});
