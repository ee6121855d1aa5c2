// The Billing extension (issue 4) through the official SDK: coupons, promotion codes,
// subscriptions, invoices, invoice items/payments, meters, test clocks (BEHAVIOR §5–§7).
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { RETURN_URL, eventually, stripeError, useTestEmulator } from "./helpers.ts";

const t = useTestEmulator({ asyncDelayMs: 5 });
const DAY = 86400;

async function catalog(amount = 2000, interval: "month" | "year" = "month", name = "Pro") {
  const product = await t.stripe.products.create({ name });
  return t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: amount, recurring: { interval } });
}

/** Types of events whose object is one of `ids` or belongs to one of them (customer, invoice…). */
async function eventTypesFor(ids: string[], since = 0): Promise<string[]> {
  const out: Stripe.Event[] = [];
  for await (const e of t.stripe.events.list({ limit: 100 })) out.push(e);
  return out
    .filter((e) => e.created >= since)
    .filter((e) => {
      const o = e.data.object as unknown as Record<string, unknown>;
      return [o.id, o.customer, o.invoice].some((v) => typeof v === "string" && ids.includes(v));
    })
    .reverse()
    .map((e) => e.type);
}

async function clockedCustomer(pm = "pm_card_visa") {
  const now = Math.floor(Date.now() / 1000);
  const clock = await t.stripe.testHelpers.testClocks.create({ frozen_time: now, name: "billing test" });
  const customer = await t.stripe.customers.create({ email: "clock@example.com", test_clock: clock.id });
  const attached = await t.stripe.paymentMethods.attach(pm, { customer: customer.id });
  await t.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: attached.id } });
  return { clock, customer, pm: attached };
}

async function advance(clockId: string, to: number): Promise<Stripe.TestHelpers.TestClock> {
  const started = await t.stripe.testHelpers.testClocks.advance(clockId, { frozen_time: to });
  expect(started.status).toBe("advancing");
  return eventually(async () => {
    const c = await t.stripe.testHelpers.testClocks.retrieve(clockId);
    return c.status === "ready" ? c : null;
  });
}

function addMonth(t0: number, n = 1): number {
  const d = new Date(t0 * 1000);
  d.setUTCMonth(d.getUTCMonth() + n);
  return Math.floor(d.getTime() / 1000);
}

describe("coupons and promotion codes", () => {
  it("CRUD, promotion: {type, coupon}, lookup by code, unknown params rejected", async () => {
    const coupon = await t.stripe.coupons.create({ percent_off: 25, duration: "once", name: "Quarter" });
    expect(coupon.valid).toBe(true);
    expect(coupon.times_redeemed).toBe(0);
    expect((await t.stripe.coupons.update(coupon.id, { name: "Q" })).name).toBe("Q");
    const custom = await t.stripe.coupons.create({ id: "TENOFF", amount_off: 1000, currency: "usd", duration: "forever" });
    expect(custom.id).toBe("TENOFF");
    expect((await stripeError(t.stripe.coupons.create({ percent_off: 10, amount_off: 5, currency: "usd" }))).param).toBe("percent_off");
    expect((await stripeError(t.stripe.coupons.update(coupon.id, { percent_off: 5 } as never))).code).toBe("parameter_unknown");
    const promo = await t.stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: "FALL25" });
    expect(promo.id).toMatch(/^promo_/);
    expect(promo.promotion).toEqual({ coupon: coupon.id, type: "coupon" });
    expect((await stripeError(t.stripe.promotionCodes.create({ coupon: coupon.id } as never))).code).toBe("parameter_unknown");
    const found = await t.stripe.promotionCodes.list({ code: "fall25", active: true });
    expect(found.data.map((p) => p.id)).toEqual([promo.id]);
    expect((await t.stripe.promotionCodes.update(promo.id, { active: false })).active).toBe(false);
    const deleted = await t.stripe.coupons.del(custom.id);
    expect(deleted.deleted).toBe(true);
  });
});

describe("subscriptions", () => {
  it("default_incomplete: the first invoice is finalized in the request; paying its PaymentIntent activates the subscription", async () => {
    const price = await catalog();
    const customer = await t.stripe.customers.create({ email: "sub@example.com" });
    const sub = await t.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: "default_incomplete",
      payment_settings: { save_default_payment_method: "on_subscription" },
      expand: ["latest_invoice.confirmation_secret", "latest_invoice.payments", "pending_setup_intent"],
    });
    expect(sub.id).toMatch(/^sub_/);
    expect(sub.status).toBe("incomplete");
    expect(sub.pending_setup_intent).toBeNull();
    expect(sub.billing_mode.type).toBe("flexible");
    const item = sub.items.data[0];
    expect(item.current_period_start).toBe(sub.billing_cycle_anchor);
    expect(item.current_period_end).toBe(addMonth(item.current_period_start));
    const inv = sub.latest_invoice as Stripe.Invoice;
    expect(inv.status).toBe("open");
    expect(inv.billing_reason).toBe("subscription_create");
    expect(inv.amount_due).toBe(2000);
    expect(inv.attempt_count).toBe(0);
    expect(inv.hosted_invoice_url).toMatch(/\/i\/in_/);
    expect(inv.parent?.subscription_details?.subscription).toBe(sub.id);
    expect(inv.confirmation_secret?.type).toBe("payment_intent");
    const payment = inv.payments!.data[0];
    expect(payment).toMatchObject({ is_default: true, status: "open", amount_requested: 2000 });
    const piId = (payment.payment as { payment_intent: string }).payment_intent;
    expect(inv.confirmation_secret!.client_secret.startsWith(`${piId}_secret_`)).toBe(true);
    const pi = await t.stripe.paymentIntents.retrieve(piId);
    expect(pi).toMatchObject({ amount: 2000, customer: customer.id, status: "requires_payment_method", setup_future_usage: "off_session" });

    // The browser confirms with the publishable key and the client secret.
    const confirmed = await t.browser<Stripe.PaymentIntent>("POST", `/v1/payment_intents/${piId}/confirm`, {
      client_secret: inv.confirmation_secret!.client_secret,
      payment_method: "pm_card_visa",
      return_url: RETURN_URL,
    });
    expect(confirmed.body.status).toBe("succeeded");
    const after = await t.stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice.payments"] });
    expect(after.status).toBe("active");
    expect(after.default_payment_method).toBe(confirmed.body.payment_method);
    const paid = after.latest_invoice as Stripe.Invoice;
    expect(paid).toMatchObject({ status: "paid", amount_paid: 2000, amount_remaining: 0, attempt_count: 1 });
    expect(paid.status_transitions.paid_at).not.toBeNull();
    expect(paid.payments!.data[0]).toMatchObject({ status: "paid", amount_paid: 2000 });
    const listed = await t.stripe.invoicePayments.list({ invoice: paid.id });
    expect(listed.data[0].status).toBe("paid");
    expect((await t.stripe.paymentMethods.retrieve(confirmed.body.payment_method as string)).customer).toBe(customer.id);

    const types = await eventTypesFor([customer.id, sub.id, paid.id, piId]);
    expect(types.filter((x) => x !== "charge.updated")).toEqual([
      "customer.created",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "invoice_payment.paid",
      "invoice.paid",
      "invoice.payment_succeeded",
      "invoice.updated",
      "customer.subscription.updated",
      "payment_method.attached",
    ]);
    const updated = (await t.stripe.events.list({ type: "customer.subscription.updated", limit: 1 })).data[0];
    expect(updated.data.previous_attributes).toMatchObject({ status: "incomplete" });
    expect(updated.request?.id).toMatch(/^req_/);
  });

  it("a future billing_cycle_anchor prorates the first (stub) period", async () => {
    const price = await catalog(3000);
    const customer = await t.stripe.customers.create();
    const now = Math.floor(Date.now() / 1000);
    const anchor = now + 10 * DAY;
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], billing_cycle_anchor: anchor, payment_behavior: "default_incomplete", expand: ["latest_invoice"] });
    expect(sub.billing_cycle_anchor).toBe(anchor);
    expect(sub.items.data[0].current_period_end).toBe(anchor);
    const inv = sub.latest_invoice as Stripe.Invoice;
    const full = anchor - addMonth(anchor, -1);
    expect(Math.abs(inv.amount_due - Math.round((3000 * (anchor - sub.start_date)) / full))).toBeLessThanOrEqual(1);
    expect(inv.lines.data[0].parent?.subscription_item_details?.proration).toBe(true);
  });

  it("validates params, prices and payment methods", async () => {
    const price = await catalog();
    const customer = await t.stripe.customers.create();
    expect((await stripeError(t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], bogus: 1 } as never))).code).toBe("parameter_unknown");
    expect((await stripeError(t.stripe.subscriptions.create({ customer: customer.id } as never))).code).toBe("parameter_missing");
    expect((await stripeError(t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: "price_nope" }] }))).code).toBe("resource_missing");
    // allow_incomplete (the default) with nothing to charge.
    const noPm = await stripeError(t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] }));
    expect(noPm.message).toMatch(/no attached payment source or default payment method/);
    expect((await stripeError(t.stripe.subscriptions.retrieve("sub_nope"))).statusCode).toBe(404);
  });

  it("allow_incomplete charges the default payment method at once; 0341 leaves it incomplete", async () => {
    const price = await catalog(1500);
    const ok = await t.stripe.customers.create({ payment_method: "pm_card_visa" });
    const pm = (await t.stripe.customers.listPaymentMethods(ok.id)).data[0];
    await t.stripe.customers.update(ok.id, { invoice_settings: { default_payment_method: pm.id } });
    const sub = await t.stripe.subscriptions.create({ customer: ok.id, items: [{ price: price.id, quantity: 2 }], expand: ["latest_invoice"] });
    expect(sub.status).toBe("active");
    expect((sub.latest_invoice as Stripe.Invoice).amount_paid).toBe(3000);

    const bad = await t.stripe.customers.create({ payment_method: "pm_card_chargeCustomerFail" });
    const badPm = (await t.stripe.customers.listPaymentMethods(bad.id)).data[0];
    const failing = await t.stripe.subscriptions.create({ customer: bad.id, items: [{ price: price.id }], default_payment_method: badPm.id, expand: ["latest_invoice"] });
    expect(failing.status).toBe("incomplete");
    expect((failing.latest_invoice as Stripe.Invoice)).toMatchObject({ status: "open", attempt_count: 1 });
    const err = await stripeError(t.stripe.subscriptions.create({ customer: bad.id, items: [{ price: price.id }], default_payment_method: badPm.id, payment_behavior: "error_if_incomplete" }));
    expect(err.statusCode).toBe(402);
  });

  it("trial: trialing at once with a paid $0 invoice and a pending SetupIntent whose card becomes the default", async () => {
    const price = await catalog(900);
    const customer = await t.stripe.customers.create();
    const sub = await t.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      trial_period_days: 14,
      payment_behavior: "default_incomplete",
      expand: ["latest_invoice.confirmation_secret", "pending_setup_intent"],
    });
    expect(sub.status).toBe("trialing");
    expect(sub.trial_end! - sub.trial_start!).toBe(14 * DAY);
    expect(sub.items.data[0].current_period_end).toBe(sub.trial_end);
    const inv = sub.latest_invoice as Stripe.Invoice;
    expect(inv).toMatchObject({ status: "paid", amount_due: 0, total: 0 });
    expect(inv.confirmation_secret).toBeNull();
    const si = sub.pending_setup_intent as Stripe.SetupIntent;
    expect(si.id).toMatch(/^seti_/);
    expect(si.customer).toBe(customer.id);
    const done = await t.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa", return_url: RETURN_URL });
    expect(done.status).toBe("succeeded");
    const after = await t.stripe.subscriptions.retrieve(sub.id);
    expect(after.pending_setup_intent).toBeNull();
    expect(after.default_payment_method).toBe(done.payment_method);
  });

  it("upgrade with always_invoice: create_preview with the same proration_date equals what is invoiced", async () => {
    const basic = await catalog(1000, "month", "Basic");
    const pro = await catalog(3000, "month", "Pro");
    const customer = await t.stripe.customers.create({ payment_method: "pm_card_visa" });
    const pm = (await t.stripe.customers.listPaymentMethods(customer.id)).data[0];
    await t.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: basic.id }] });
    const item = sub.items.data[0];
    const prorationDate = item.current_period_start + Math.floor((item.current_period_end - item.current_period_start) / 3);
    const preview = await t.stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: { items: [{ id: item.id, price: pro.id }], proration_behavior: "always_invoice", proration_date: prorationDate },
    });
    expect(preview.id).toMatch(/^upcoming_in_/);
    expect(preview.lines.data.length).toBe(2);
    expect(preview.lines.data.every((l) => l.parent?.subscription_item_details?.proration)).toBe(true);
    expect(preview.parent?.subscription_details?.subscription_proration_date).toBe(prorationDate);
    expect(preview.amount_due).toBeGreaterThan(0);
    expect(preview.amount_due).toBeLessThan(2000);
    // Nothing was persisted.
    expect((await t.stripe.invoiceItems.list({ customer: customer.id, pending: true })).data).toHaveLength(0);

    const updated = await t.stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, price: pro.id }],
      proration_behavior: "always_invoice",
      proration_date: prorationDate,
      expand: ["latest_invoice"],
    });
    const inv = updated.latest_invoice as Stripe.Invoice;
    expect(inv.billing_reason).toBe("subscription_update");
    expect(inv.amount_due).toBe(preview.amount_due);
    expect(inv.status).toBe("paid");
    expect(updated.items.data[0].price.id).toBe(pro.id);
    expect(updated.items.data[0].id).toBe(item.id);
    const ev = (await t.stripe.events.list({ type: "customer.subscription.updated", limit: 5 })).data.find((e) => (e.data.object as Stripe.Subscription).id === sub.id)!;
    expect((ev.data.previous_attributes as { items: Stripe.ApiList<Stripe.SubscriptionItem> }).items.data[0].price.id).toBe(basic.id);
  });

  it("create_prorations leaves pending invoice items for the next invoice; none changes only the price", async () => {
    const basic = await catalog(1000, "month", "Seat");
    const customer = await t.stripe.customers.create({ payment_method: "pm_card_visa" });
    const pm = (await t.stripe.customers.listPaymentMethods(customer.id)).data[0];
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: basic.id }], default_payment_method: pm.id });
    const item = sub.items.data[0];
    await t.stripe.subscriptions.update(sub.id, { items: [{ id: item.id, quantity: 3 }] });
    const pending = await t.stripe.invoiceItems.list({ customer: customer.id, pending: true });
    expect(pending.data.length).toBe(2);
    expect(pending.data.every((ii) => ii.proration && ii.parent?.subscription_details?.subscription === sub.id)).toBe(true);
    const preview = await t.stripe.invoices.createPreview({ subscription: sub.id });
    expect(preview.billing_reason).toBe("upcoming");
    expect(preview.lines.data.length).toBe(3);
    const sum = pending.data.reduce((s, ii) => s + ii.amount, 0);
    expect(preview.amount_due).toBe(sum + 3000);
    await t.stripe.subscriptions.update(sub.id, { items: [{ id: item.id, quantity: 1 }], proration_behavior: "none" });
    expect((await t.stripe.invoiceItems.list({ customer: customer.id, pending: true })).data.length).toBe(2);
  });

  it("cancel at period end, then undo; DELETE cancels now with prorate", async () => {
    const price = await catalog();
    const customer = await t.stripe.customers.create({ payment_method: "pm_card_visa" });
    const pm = (await t.stripe.customers.listPaymentMethods(customer.id)).data[0];
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: pm.id });
    const ending = await t.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(ending).toMatchObject({ status: "active", cancel_at_period_end: true, cancel_at: sub.items.data[0].current_period_end });
    expect(ending.canceled_at).not.toBeNull();
    const undone = await t.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
    expect(undone).toMatchObject({ status: "active", cancel_at_period_end: false, cancel_at: null, canceled_at: null });
    const canceled = await t.stripe.subscriptions.cancel(sub.id, { prorate: true, cancellation_details: { comment: "bye" } });
    expect(canceled).toMatchObject({ status: "canceled" });
    expect(canceled.ended_at).not.toBeNull();
    expect(canceled.cancellation_details).toMatchObject({ comment: "bye", reason: "cancellation_requested" });
    const credits = await t.stripe.invoiceItems.list({ customer: customer.id, pending: true });
    expect(credits.data[0].amount).toBeLessThan(0);
    expect((await stripeError(t.stripe.subscriptions.update(sub.id, { description: "x" }))).message).toMatch(/canceled subscription/);
    expect((await t.stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
    expect((await t.stripe.subscriptions.list({ customer: customer.id, status: "canceled" })).data).toHaveLength(1);
    const types = await eventTypesFor([sub.id]);
    expect(types.at(-1)).toBe("customer.subscription.deleted");
  });

  it("pause and resume; subscription items CRUD", async () => {
    const price = await catalog(500);
    const addon = await catalog(200, "month", "Addon");
    const customer = await t.stripe.customers.create({ payment_method: "pm_card_visa" });
    const pm = (await t.stripe.customers.listPaymentMethods(customer.id)).data[0];
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: pm.id });
    const si = await t.stripe.subscriptionItems.create({ subscription: sub.id, price: addon.id, quantity: 2, proration_behavior: "none" });
    expect(si.id).toMatch(/^si_/);
    expect(si.quantity).toBe(2);
    expect((await t.stripe.subscriptionItems.retrieve(si.id)).price.id).toBe(addon.id);
    expect((await t.stripe.subscriptionItems.update(si.id, { quantity: 3, proration_behavior: "none" })).quantity).toBe(3);
    expect((await t.stripe.subscriptionItems.list({ subscription: sub.id })).data).toHaveLength(2);
    expect((await t.stripe.subscriptionItems.del(si.id, { proration_behavior: "none" })).deleted).toBe(true);
    const paused = await t.stripe.subscriptions.pause(sub.id);
    expect(paused.status).toBe("paused");
    const resumed = await t.stripe.subscriptions.resume(sub.id, { billing_cycle_anchor: { type: "unchanged" } } as never);
    expect(resumed.status).toBe("active");
  });
});

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

describe("test clocks", () => {
  it("a renewal a month later produces a new paid invoice whose PDF serves %PDF; events in Stripe's order with request null", async () => {
    const price = await catalog(2500);
    const { clock, customer } = await clockedCustomer();
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    expect(sub.status).toBe("active");
    expect(sub.test_clock).toBe(clock.id);
    expect(sub.start_date).toBe(clock.frozen_time);
    const periodEnd = sub.items.data[0].current_period_end;
    expect(periodEnd).toBe(addMonth(clock.frozen_time));
    const ready = await advance(clock.id, periodEnd + 2 * 3600);
    expect(ready.frozen_time).toBe(periodEnd + 2 * 3600);
    const invoices = await t.stripe.invoices.list({ subscription: sub.id });
    expect(invoices.data).toHaveLength(2);
    const renewal = invoices.data[0];
    expect(renewal).toMatchObject({ billing_reason: "subscription_cycle", status: "paid", amount_paid: 2500, created: periodEnd });
    expect(renewal.status_transitions.finalized_at).toBe(periodEnd + 3600);
    const pdf = await fetch(renewal.invoice_pdf!);
    expect((await pdf.text()).startsWith("%PDF")).toBe(true);
    const after = await t.stripe.subscriptions.retrieve(sub.id);
    expect(after.items.data[0].current_period_start).toBe(periodEnd);
    expect(after.items.data[0].current_period_end).toBe(addMonth(clock.frozen_time, 2));
    expect(after.latest_invoice).toBe(renewal.id);

    const events: Stripe.Event[] = [];
    for await (const e of t.stripe.events.list({ created: { gte: periodEnd } })) events.push(e);
    const automated = events.reverse().filter((e) => e.type !== "charge.updated" && !e.type.startsWith("test_helpers."));
    expect(automated.map((e) => e.type)).toEqual([
      "invoice.created",
      "customer.subscription.updated",
      "invoice.finalized",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "invoice_payment.paid",
      "invoice.paid",
      "invoice.payment_succeeded",
      "invoice.updated",
    ]);
    expect(automated.every((e) => e.request?.id === null)).toBe(true);
    const updated = automated[1];
    expect((updated.data.previous_attributes as { items: { data: { current_period_end: number }[] } }).items.data[0].current_period_end).toBe(periodEnd);
    const clockEvents = events.filter((e) => e.type.startsWith("test_helpers.")).map((e) => e.type);
    expect(clockEvents).toContain("test_helpers.test_clock.ready");
    expect((await stripeError(t.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time }))).param).toBe("frozen_time");
  });

  it("a renewal on 0341 goes past_due, retries on the schedule, then the subscription is canceled", async () => {
    const price = await catalog(1000);
    const { clock, customer } = await clockedCustomer("pm_card_chargeCustomerFail");
    // The first invoice fails too: pay it out of band so the subscription starts active.
    const sub0 = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    expect(sub0.status).toBe("incomplete");
    await t.stripe.invoices.pay(sub0.latest_invoice as string, { paid_out_of_band: true });
    const sub = await t.stripe.subscriptions.retrieve(sub0.id);
    expect(sub.status).toBe("active");
    const periodEnd = sub.items.data[0].current_period_end;
    await advance(clock.id, periodEnd + 2 * 3600);
    let current = await t.stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice"] });
    expect(current.status).toBe("past_due");
    let inv = current.latest_invoice as Stripe.Invoice;
    expect(inv).toMatchObject({ status: "open", attempt_count: 1, attempted: true });
    expect(inv.next_payment_attempt).toBe(periodEnd + 3600 + 3 * DAY);
    // Retries at +3, +5, +7 days; the last failure cancels the subscription.
    await advance(clock.id, periodEnd + 3600 + 3 * DAY + 60);
    inv = await t.stripe.invoices.retrieve(inv.id);
    expect(inv.attempt_count).toBe(2);
    await advance(clock.id, periodEnd + 3600 + 16 * DAY);
    current = await t.stripe.subscriptions.retrieve(sub.id);
    expect(current.status).toBe("canceled");
    expect(current.cancellation_details?.reason).toBe("payment_failed");
    inv = await t.stripe.invoices.retrieve(inv.id);
    expect(inv.attempt_count).toBe(4);
    expect(inv.next_payment_attempt).toBeNull();
    const types = await eventTypesFor([sub.id, inv.id], periodEnd);
    expect(types.filter((x) => x.startsWith("invoice.payment_failed")).length).toBe(4);
    expect(types.filter((x) => x.startsWith("customer.subscription.")).slice(-1)).toEqual(["customer.subscription.deleted"]);
  });

  it("unpaid as the subscription's final action, and paying the open invoice recovers the subscription", async () => {
    await t.control("/_emulator/billing/settings", { retry_days: [1] });
    try {
      const price = await catalog(1000);
      const { clock, customer } = await clockedCustomer("pm_card_chargeCustomerFail");
      const sub0 = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: "default_incomplete" });
      const set = await t.control<{ final_action: string }>(`/_emulator/subscriptions/${sub0.id}/billing_settings`, { final_action: "unpaid" });
      expect(set.body.final_action).toBe("unpaid");
      await t.stripe.invoices.pay(sub0.latest_invoice as string, { paid_out_of_band: true });
      const periodEnd = sub0.items.data[0].current_period_end;
      await advance(clock.id, periodEnd + 3 * DAY);
      const sub = await t.stripe.subscriptions.retrieve(sub0.id, { expand: ["latest_invoice"] });
      expect(sub.status).toBe("unpaid");
      const inv = sub.latest_invoice as Stripe.Invoice;
      const fresh = await t.stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
      const paid = await t.stripe.invoices.pay(inv.id, { payment_method: fresh.id });
      expect(paid.status).toBe("paid");
      expect((await t.stripe.subscriptions.retrieve(sub0.id)).status).toBe("active");
    } finally {
      await t.control("/_emulator/billing/settings", { final_action: "cancel", retry_days: [3, 5, 7] });
    }
  });

  it("a trial converts at its end: trial_will_end 3 days before, then a paid cycle invoice", async () => {
    const price = await catalog(1200);
    const { clock, customer } = await clockedCustomer();
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 7 });
    expect(sub.status).toBe("trialing");
    const trialEnd = sub.trial_end!;
    await advance(clock.id, trialEnd - 3 * DAY + 60);
    const will = (await t.stripe.events.list({ type: "customer.subscription.trial_will_end" })).data.find((e) => (e.data.object as Stripe.Subscription).id === sub.id);
    expect(will?.created).toBe(trialEnd - 3 * DAY);
    expect(will?.request?.id).toBeNull();
    expect((await t.stripe.subscriptions.retrieve(sub.id)).status).toBe("trialing");
    await advance(clock.id, trialEnd + 2 * 3600);
    const after = await t.stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice"] });
    expect(after.status).toBe("active");
    expect(after.items.data[0].current_period_start).toBe(trialEnd);
    expect(after.latest_invoice).toMatchObject({ billing_reason: "subscription_cycle", status: "paid", amount_paid: 1200 });
  });

  it("an unpaid default_incomplete subscription expires after 23 hours", async () => {
    const price = await catalog(1000);
    const { clock, customer } = await clockedCustomer();
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: "default_incomplete" });
    await advance(clock.id, clock.frozen_time + 24 * 3600);
    const after = await t.stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice"] });
    expect(after.status).toBe("incomplete_expired");
    expect((after.latest_invoice as Stripe.Invoice).status).toBe("void");
  });

  it("metered usage is billed in arrears on the renewal invoice", async () => {
    const meter = await t.stripe.billing.meters.create({ display_name: "Tokens", event_name: `tokens_${Date.now()}`, default_aggregation: { formula: "sum" } });
    const product = await t.stripe.products.create({ name: "Tokens" });
    const metered = await t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 3, recurring: { interval: "month", usage_type: "metered", meter: meter.id } });
    const base = await catalog(1000);
    const { clock, customer } = await clockedCustomer();
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: base.id }, { price: metered.id }], expand: ["latest_invoice"] });
    expect((sub.latest_invoice as Stripe.Invoice).amount_due).toBe(1000);
    expect(sub.items.data[1].quantity).toBeUndefined();
    await t.stripe.billing.meterEvents.create({ event_name: meter.event_name, payload: { stripe_customer_id: customer.id, value: "100" }, timestamp: clock.frozen_time + 10 });
    await t.stripe.billing.meterEvents.create({ event_name: meter.event_name, payload: { stripe_customer_id: customer.id, value: "50" }, timestamp: clock.frozen_time + 20 });
    const preview = await t.stripe.invoices.createPreview({ subscription: sub.id });
    expect(preview.amount_due).toBe(1000 + 450);
    const periodEnd = sub.items.data[0].current_period_end;
    await advance(clock.id, periodEnd + 2 * 3600);
    const renewal = (await t.stripe.invoices.list({ subscription: sub.id })).data[0];
    expect(renewal.status).toBe("paid");
    const usage = renewal.lines.data.find((l) => l.pricing?.price_details?.price === metered.id)!;
    expect(usage).toMatchObject({ amount: 450, quantity: 150 });
    expect(usage.period).toEqual({ start: sub.items.data[0].current_period_start, end: periodEnd });
    expect(renewal.amount_paid).toBe(1450);
  });

  it("cancel_at_period_end ends the subscription at the period end with no renewal invoice", async () => {
    const price = await catalog(1000);
    const { clock, customer } = await clockedCustomer();
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], cancel_at_period_end: true });
    const periodEnd = sub.items.data[0].current_period_end;
    await advance(clock.id, periodEnd + 3600);
    const after = await t.stripe.subscriptions.retrieve(sub.id);
    expect(after.status).toBe("canceled");
    expect(after.ended_at).toBe(periodEnd);
    expect((await t.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(1);
    const deleted = await t.stripe.testHelpers.testClocks.del(clock.id);
    expect(deleted.deleted).toBe(true);
    expect((await stripeError(t.stripe.customers.retrieve(customer.id))).statusCode).toBe(404);
  });

  it("control API: an existing customer moves onto a new clock, and its subscription renews", async () => {
    const price = await catalog(800);
    const customer = await t.stripe.customers.create({ payment_method: "pm_card_visa" });
    const pm = (await t.stripe.customers.listPaymentMethods(customer.id)).data[0];
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: pm.id });
    const moved = await t.control<Stripe.TestHelpers.TestClock>(`/_emulator/customers/${customer.id}/test_clock`, {});
    expect(moved.status).toBe(200);
    expect(moved.body.id).toMatch(/^clock_/);
    expect((await t.stripe.customers.retrieve(customer.id) as Stripe.Customer).test_clock).toBe(moved.body.id);
    expect((await t.control(`/_emulator/customers/${customer.id}/test_clock`, {})).status).toBe(400);
    await advance(moved.body.id, sub.items.data[0].current_period_end + 2 * 3600);
    const invoices = await t.stripe.invoices.list({ subscription: sub.id });
    expect(invoices.data.map((i) => i.status)).toEqual(["paid", "paid"]);
  });

  it("trial creation and conversion emit Stripe's sequence", async () => {
    const price = await catalog(700);
    const { clock, customer } = await clockedCustomer();
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 2 });
    const created = await eventTypesFor([sub.id, customer.id], clock.frozen_time);
    expect(created.filter((x) => x.startsWith("customer.subscription.") || x.startsWith("invoice."))).toEqual([
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      // A trial shorter than three days warns at once.
      "customer.subscription.trial_will_end",
    ]);
    await advance(clock.id, sub.trial_end! + 2 * 3600);
    const latest = (await t.stripe.subscriptions.retrieve(sub.id)).latest_invoice as string;
    const all = await eventTypesFor([sub.id, customer.id, latest], sub.trial_end!);
    expect(all.filter((x) => x !== "charge.updated")).toEqual([
      "invoice.created",
      "customer.subscription.updated",
      "invoice.finalized",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "invoice_payment.paid",
      "invoice.paid",
      "invoice.payment_succeeded",
      "invoice.updated",
    ]);
  });

  it("a renewal on a card that needs authentication asks for action (3184)", async () => {
    const price = await catalog(900);
    const { clock, customer } = await clockedCustomer("pm_card_authenticationRequired");
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: "default_incomplete" });
    await t.stripe.invoices.pay(sub.latest_invoice as string, { paid_out_of_band: true });
    const periodEnd = sub.items.data[0].current_period_end;
    await advance(clock.id, periodEnd + 2 * 3600);
    const after = await t.stripe.subscriptions.retrieve(sub.id);
    expect(after.status).toBe("past_due");
    const types = await eventTypesFor([after.latest_invoice as string], periodEnd);
    expect(types).toEqual(expect.arrayContaining(["invoice.payment_action_required", "invoice.payment_failed"]));
    expect(types.indexOf("invoice.payment_action_required")).toBeLessThan(types.indexOf("invoice.payment_failed"));
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
