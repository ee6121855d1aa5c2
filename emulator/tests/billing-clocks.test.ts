// Test clocks driving subscriptions through time: renewals, dunning, trials, expiry, metered usage
// (BEHAVIOR §6.6–6.9).
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { stripeError } from "./helpers.ts";
import { DAY, PAID_CYCLE_INVOICE_EVENTS, addMonth, useBillingEmulator } from "./billing-helpers.ts";

const { t, catalog, eventTypesFor, clockedCustomer, advance } = useBillingEmulator();

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
    expect(automated.map((e) => e.type)).toEqual(PAID_CYCLE_INVOICE_EVENTS);
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
    expect(all.filter((x) => x !== "charge.updated")).toEqual(PAID_CYCLE_INVOICE_EVENTS);
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
