// Conformance of invoices, invoice items, invoice payments, billing meters and searches: every
// answer (successes and 400/402/404 bodies with their embedded objects) and every event validates
// against the pinned SDK's declarations.
import type Stripe from "stripe";
import { beforeAll, expect, it } from "vitest";
import { describeConformance, expectEmitted, stripeError } from "./target.ts";

describeConformance("billing conformance: invoices, invoice items, invoice payments, meters", (t) => {
  let stripe: Stripe;
  let price: Stripe.Price;
  let customer: Stripe.Customer;
  beforeAll(async () => {
    stripe = t().stripe;
    const product = await stripe.products.create({ name: "Consulting" });
    price = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 1500 });
    customer = await stripe.customers.create({ email: "invoices@example.com", name: "Grace" });
    const pm = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  }, 60_000);

  it("one-off invoice: items, draft edits, finalize, pay, lines, payments, list, search", async () => {
    const byAmount = await stripe.invoiceItems.create({ customer: customer.id, amount: 2500, currency: "usd", description: "Setup fee" });
    await stripe.invoiceItems.create({ customer: customer.id, pricing: { price: price.id }, quantity: 2 });
    await stripe.invoiceItems.retrieve(byAmount.id);
    await stripe.invoiceItems.update(byAmount.id, { description: "Onboarding", metadata: { ref: "A1" } });
    await stripe.invoiceItems.list({ customer: customer.id, pending: true });
    const draft = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: "include", description: "March work", metadata: { order: "42" } });
    expect(draft.status).toBe("draft");
    await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 700, currency: "usd", description: "Extra hour" });
    await stripe.invoices.update(draft.id, { footer: "Thank you", auto_advance: false });
    await stripe.invoices.retrieve(draft.id, { expand: ["customer", "discounts"] });
    await stripe.invoices.listLineItems(draft.id, { limit: 2 });
    const open = await stripe.invoices.finalizeInvoice(draft.id, { expand: ["confirmation_secret"] });
    expect(open.status).toBe("open");
    await stripe.invoices.update(open.id, { description: "March work (final)" });
    await stripeError(stripe.invoices.update(open.id, { days_until_due: 10 }));
    await stripeError(stripe.invoices.del(open.id));
    const paid = await stripe.invoices.pay(open.id, { expand: ["payments"] });
    expect(paid.status).toBe("paid");
    const payments = await stripe.invoicePayments.list({ invoice: paid.id });
    await stripe.invoicePayments.retrieve(payments.data[0].id, { expand: ["invoice"] });
    await stripe.invoicePayments.list({ status: "paid", limit: 3 });
    await stripe.invoices.list({ customer: customer.id, status: "paid", expand: ["data.customer"] });
    await stripe.invoices.search({ query: `customer:'${customer.id}' AND status:'paid'` });
    await stripe.invoiceItems.list({ invoice: paid.id });
    await stripeError(stripe.invoices.pay(paid.id));
    await stripeError(stripe.invoices.voidInvoice(paid.id));
  });

  it("void, mark_uncollectible, delete a draft, declines and missing objects", async () => {
    const c2 = await stripe.customers.create({ email: "declines@example.com" });
    const failing = await stripe.paymentMethods.attach("pm_card_chargeCustomerFail", { customer: c2.id });
    await stripe.customers.update(c2.id, { invoice_settings: { default_payment_method: failing.id } });
    const make = async () => {
      await stripe.invoiceItems.create({ customer: c2.id, amount: 1200, currency: "usd", description: "Support" });
      return stripe.invoices.create({ customer: c2.id, pending_invoice_items_behavior: "include", auto_advance: false });
    };
    const a = await make();
    await stripe.invoices.finalizeInvoice(a.id);
    const declined = await stripeError(stripe.invoices.pay(a.id));
    expect(declined.statusCode).toBe(402);
    await stripe.invoices.voidInvoice(a.id);
    const b = await make();
    await stripe.invoices.finalizeInvoice(b.id);
    await stripe.invoices.markUncollectible(b.id);
    await stripe.invoices.pay(b.id, { paid_out_of_band: true });
    const c = await make();
    const item = (await stripe.invoiceItems.list({ invoice: c.id })).data[0];
    await stripe.invoiceItems.del(item.id);
    await stripe.invoices.del(c.id);
    await stripe.invoices.sendInvoice((await stripe.invoices.finalizeInvoice((await make()).id)).id);
    await stripeError(stripe.invoices.retrieve("in_missing"));
    await stripeError(stripe.invoiceItems.retrieve("ii_missing"));
    await stripeError(stripe.invoicePayments.retrieve("inpay_missing"));
    await stripeError(stripe.invoices.markUncollectible(a.id));
    await stripeError(stripe.invoiceItems.create({ customer: c2.id, currency: "usd" }));
    await stripe.invoices.list({ status: "void", limit: 5 });
  });

  it("subscription invoices: preview of a change, search, expansions", async () => {
    const product = await stripe.products.create({ name: "Seats" });
    const monthly = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 1000, recurring: { interval: "month" } });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id, quantity: 3 }], expand: ["latest_invoice.payments"] });
    expect(sub.status).toBe("active");
    const item = sub.items.data[0];
    await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id, subscription_details: { items: [{ id: item.id, quantity: 5 }], proration_date: Math.floor(Date.now() / 1000) } });
    await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
    await stripe.invoices.createPreview({ customer: customer.id, subscription_details: { items: [{ price: monthly.id, quantity: 1 }] } });
    await stripe.invoices.list({ subscription: sub.id, expand: ["data.payments"] });
    await stripe.invoices.search({ query: `subscription:'${sub.id}'` });
    await stripe.subscriptions.search({ query: `status:'active' AND metadata['none']:null` });
    await stripe.subscriptions.search({ query: "created>0", limit: 1 });
    await stripeError(stripe.invoices.search({ query: "nickname:'x'" }));
    await stripeError(stripe.invoices.createPreview({ customer: "cus_missing" }));
    await stripeError(stripe.invoices.retrieve(sub.latest_invoice && typeof sub.latest_invoice !== "string" ? sub.latest_invoice.id : "in_x", { expand: ["nothing_here"] }));
  });

  it("billing meters, meter events and summaries", async () => {
    const meter = await stripe.billing.meters.create({
      display_name: "API calls",
      event_name: "api_call",
      default_aggregation: { formula: "sum" },
      customer_mapping: { type: "by_id", event_payload_key: "stripe_customer_id" },
      value_settings: { event_payload_key: "value" },
    });
    await stripe.billing.meters.retrieve(meter.id);
    await stripe.billing.meters.update(meter.id, { display_name: "API requests" });
    await stripe.billing.meters.list({ status: "active" });
    const now = Math.floor(Date.now() / 1000);
    await stripe.billing.meterEvents.create({ event_name: "api_call", payload: { stripe_customer_id: customer.id, value: "12" }, identifier: "req-1", timestamp: now - 60 });
    await stripe.billing.meterEvents.create({ event_name: "api_call", payload: { stripe_customer_id: customer.id, value: "3" } });
    await stripeError(stripe.billing.meterEvents.create({ event_name: "api_call", payload: { stripe_customer_id: customer.id, value: "1" }, identifier: "req-1" }));
    await stripeError(stripe.billing.meterEvents.create({ event_name: "api_call", payload: { stripe_customer_id: customer.id, value: "1" }, timestamp: now - 40 * 86400 }));
    const day = now - (now % 86400);
    await stripe.billing.meters.listEventSummaries(meter.id, { customer: customer.id, start_time: day, end_time: day + 86400 });
    await stripe.billing.meters.listEventSummaries(meter.id, { customer: customer.id, start_time: day, end_time: day + 86400, value_grouping_window: "hour" });
    await stripe.billing.meters.deactivate(meter.id);
    await stripe.billing.meters.reactivate(meter.id);
    await stripeError(stripe.billing.meters.retrieve("mtr_missing"));
    await stripeError(stripe.billing.meters.create({ display_name: "dup", event_name: "api_call", default_aggregation: { formula: "count" } }));
  });

  it("emitted the invoice and meter event types (each validated below)", () =>
    expectEmitted(t(), [
      "invoiceitem.created",
      "invoiceitem.deleted",
      "invoice.created",
      "invoice.updated",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "invoice.payment_failed",
      "invoice.voided",
      "invoice.marked_uncollectible",
      "invoice.sent",
      "invoice.deleted",
      "invoice_payment.paid",
      "billing.meter.created",
      "billing.meter.updated",
      "billing.meter.deactivated",
      "billing.meter.reactivated",
    ]));
});
