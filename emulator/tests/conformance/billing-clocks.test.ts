// Conformance of test clocks driving subscriptions through time: renewals, failed renewals with
// dunning and retries, trial_will_end, trial end, metered usage, deletion. Every answer and every
// event the automation emits validates against the pinned SDK's declarations.
import type Stripe from "stripe";
import { beforeAll, expect, it } from "vitest";
import { controlStep, describeConformance, expectEmitted, stripeError } from "./target.ts";

const DAY = 86400;

describeConformance("billing conformance: test clocks", (t) => {
  let stripe: Stripe;
  let monthly: Stripe.Price;
  beforeAll(async () => {
    stripe = t().stripe;
    const product = await stripe.products.create({ name: "Team" });
    monthly = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 3000, recurring: { interval: "month" } });
  }, 60_000);

  async function advance(clock: string, to: number): Promise<Stripe.TestHelpers.TestClock> {
    const started = await stripe.testHelpers.testClocks.advance(clock, { frozen_time: to });
    expect(started.status).toBe("advancing");
    for (let i = 0; i < 200; i++) {
      const c = await stripe.testHelpers.testClocks.retrieve(clock);
      if (c.status === "ready") return c;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("clock did not become ready");
  }

  async function clocked(pm: string) {
    const now = Math.floor(Date.now() / 1000);
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: now, name: "conformance" });
    const customer = await stripe.customers.create({ email: "clock@example.com", test_clock: clock.id });
    const attached = await stripe.paymentMethods.attach(pm, { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: attached.id } });
    return { clock, customer };
  }

  it("renewals with metered usage, then cancel at period end", async () => {
    const meter = await stripe.billing.meters.create({ display_name: "Builds", event_name: "build", default_aggregation: { formula: "count" } });
    const product = await stripe.products.create({ name: "Builds" });
    const metered = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 5, recurring: { interval: "month", usage_type: "metered", meter: meter.id } });
    const { clock, customer } = await clocked("pm_card_visa");
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id, quantity: 2 }, { price: metered.id }] });
    await stripe.billing.meterEvents.create({ event_name: "build", payload: { stripe_customer_id: customer.id }, timestamp: clock.frozen_time + 60 });
    const end = sub.items.data[0].current_period_end;
    await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
    await advance(clock.id, end + 2 * 3600);
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    const renewed = await stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice", "test_clock"] });
    await advance(clock.id, renewed.items.data[0].current_period_end + 3600);
    const ended = await stripe.subscriptions.retrieve(sub.id);
    expect(ended.status).toBe("canceled");
    await stripe.testHelpers.testClocks.list({ limit: 5 });
  });

  it("failed renewals: dunning, retries, then cancellation; the invoice paid by hand afterwards", async () => {
    const { clock, customer } = await clocked("pm_card_chargeCustomerFail");
    const sub0 = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    expect(sub0.status).toBe("incomplete");
    await stripe.invoices.pay(sub0.latest_invoice as string, { paid_out_of_band: true });
    const end = sub0.items.data[0].current_period_end;
    await advance(clock.id, end + 2 * 3600);
    const pastDue = await stripe.subscriptions.retrieve(sub0.id, { expand: ["latest_invoice"] });
    expect(pastDue.status).toBe("past_due");
    await advance(clock.id, end + 20 * DAY);
    const canceled = await stripe.subscriptions.retrieve(sub0.id);
    expect(canceled.status).toBe("canceled");
    const open = await stripe.invoices.list({ customer: customer.id, status: "open" });
    const declined = await stripeError(stripe.invoices.pay(open.data[0].id));
    expect(declined.statusCode).toBe(402);
    await stripe.invoices.pay(open.data[0].id, { payment_method: "pm_card_visa" }).catch(() => undefined);
  });

  it("3-D Secure renewals require action; unpaid as the final action", async () => {
    const { clock, customer } = await clocked("pm_card_authenticationRequired");
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], trial_period_days: 3 });
    await controlStep(t(), "final_action unpaid (the emulator's dunning settings)", `/_emulator/subscriptions/${sub.id}/billing_settings`, { final_action: "unpaid" });
    await advance(clock.id, sub.trial_end! + 2 * 3600);
    await advance(clock.id, sub.trial_end! + 20 * DAY);
    const unpaid = await stripe.subscriptions.retrieve(sub.id);
    expect(unpaid.status).toBe("unpaid");
  });

  it("trials: trial_will_end, trial end without a card cancels, incomplete expiry, clock deletion", async () => {
    const now = Math.floor(Date.now() / 1000);
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: now });
    const customer = await stripe.customers.create({ email: "trial@example.com", test_clock: clock.id });
    const trial = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: monthly.id }],
      trial_period_days: 7,
      trial_settings: { end_behavior: { missing_payment_method: "cancel" } },
      payment_behavior: "default_incomplete",
      expand: ["pending_setup_intent"],
    });
    const incomplete = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], payment_behavior: "default_incomplete" });
    await advance(clock.id, now + 5 * DAY);
    await advance(clock.id, now + 8 * DAY);
    expect((await stripe.subscriptions.retrieve(trial.id)).status).toBe("canceled");
    expect((await stripe.subscriptions.retrieve(incomplete.id)).status).toBe("incomplete_expired");
    const paused = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], trial_period_days: 1, trial_settings: { end_behavior: { missing_payment_method: "pause" } } });
    await advance(clock.id, now + 10 * DAY);
    const p = await stripe.subscriptions.retrieve(paused.id);
    expect(p.status).toBe("paused");
    await stripe.subscriptions.resume(paused.id, { proration_behavior: "none" });
    await stripeError(stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: now }));
    await stripeError(stripe.testHelpers.testClocks.retrieve("clock_missing"));
    await stripe.testHelpers.testClocks.del(clock.id);
    await stripeError(stripe.subscriptions.retrieve(trial.id));
  });

  it("emitted the automation's event types (each validated below)", () =>
    expectEmitted(t(), [
      "customer.subscription.trial_will_end",
      "customer.subscription.paused",
      "customer.subscription.resumed",
      "customer.subscription.deleted",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_failed",
      "invoice.payment_action_required",
      "invoice.voided",
      "invoice_payment.paid",
      "test_helpers.test_clock.advancing",
      "test_helpers.test_clock.ready",
      "test_helpers.test_clock.deleted",
    ]));
});
