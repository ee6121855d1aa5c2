// Conformance of coupons, promotion codes, subscriptions and subscription items: every answer
// (successes, 400/402/404 bodies with their embedded objects) and every event validates against
// the pinned SDK's declarations.
import type Stripe from "stripe";
import { beforeAll, expect, it } from "vitest";
import { describeConformance, expectEmitted, stripeError } from "./target.ts";

describeConformance("billing conformance: coupons, promotion codes, subscriptions", (t) => {
  let stripe: Stripe;
  let price: Stripe.Price;
  let price2: Stripe.Price;
  let customer: Stripe.Customer;
  beforeAll(async () => {
    stripe = t().stripe;
    const product = await stripe.products.create({ name: "Pro" });
    price = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 2000, recurring: { interval: "month" } });
    price2 = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 5000, recurring: { interval: "month" } });
    customer = await stripe.customers.create({ email: "sub@example.com" });
  }, 60_000);

  it("coupons and promotion codes: create, retrieve, update, list, delete, errors", async () => {
    const pct = await stripe.coupons.create({ percent_off: 25, duration: "repeating", duration_in_months: 3, name: "Quarter" });
    const fixed = await stripe.coupons.create({ id: "FIVEOFF", amount_off: 500, currency: "usd", duration: "once", max_redemptions: 10, redeem_by: Math.floor(Date.now() / 1000) + 86400 });
    await stripe.coupons.retrieve(pct.id);
    await stripe.coupons.update(fixed.id, { name: "Five off", metadata: { k: "v" } });
    await stripe.coupons.list({ limit: 5 });
    const promo = await stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: pct.id }, code: "SPRING25", max_redemptions: 5, restrictions: { first_time_transaction: true } });
    await stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: fixed.id }, customer: customer.id, expires_at: Math.floor(Date.now() / 1000) + 3600 });
    await stripe.promotionCodes.retrieve(promo.id, { expand: ["promotion.coupon"] });
    await stripe.promotionCodes.update(promo.id, { metadata: { campaign: "spring" } });
    await stripe.promotionCodes.list({ code: "spring25" });
    await stripe.promotionCodes.list({ active: true, coupon: pct.id });
    await stripeError(stripe.coupons.retrieve("nope"));
    await stripeError(stripe.coupons.create({ percent_off: 10, amount_off: 100, currency: "usd", duration: "once" }));
    await stripeError(stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: "missing" } }));
    await stripeError(stripe.promotionCodes.retrieve("promo_missing"));
    const throwaway = await stripe.coupons.create({ percent_off: 5, duration: "forever" });
    await stripe.coupons.del(throwaway.id);
  });

  it("default_incomplete subscription with confirmation secret, plan and seat changes, cancellation", async () => {
    const pm = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    const coupon = await stripe.coupons.create({ percent_off: 10, duration: "forever" });
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id, quantity: 2 }],
      payment_behavior: "default_incomplete",
      payment_settings: { save_default_payment_method: "on_subscription" },
      discounts: [{ coupon: coupon.id }],
      expand: ["latest_invoice.confirmation_secret", "pending_setup_intent"],
      metadata: { plan: "pro" },
      invoice_settings: { custom_fields: [{ name: "PO", value: "4471" }], description: "Seats", footer: "Thanks" },
    });
    expect(sub.status).toBe("incomplete");
    const invoice = sub.latest_invoice as Stripe.Invoice;
    const piId = invoice.payments?.data[0]?.payment.payment_intent;
    // Pay the first invoice the way the browser would: its PaymentIntent with a card.
    const pis = await stripe.paymentIntents.list({ customer: customer.id });
    const pi = typeof piId === "string" ? piId : pis.data[0].id;
    await stripe.paymentIntents.confirm(pi, { payment_method: pm.id, return_url: "https://example.com/return" });
    await stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice", "customer", "discounts", "items.data.price.product", "default_payment_method"] });
    await stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0].id, quantity: 5 }], proration_behavior: "create_prorations" });
    const prorationDate = Math.floor(Date.now() / 1000);
    const preview = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: { items: [{ id: sub.items.data[0].id, price: price2.id }], proration_behavior: "always_invoice", proration_date: prorationDate },
    });
    expect(preview.lines.data.length).toBeGreaterThan(0);
    await stripe.invoices.listLineItems(invoice.id);
    await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0].id, price: price2.id }],
      proration_behavior: "always_invoice",
      proration_date: prorationDate,
      expand: ["latest_invoice"],
    });
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: false, description: "Team plan", invoice_settings: { custom_fields: "", footer: "" } });
    // Items: add, update, list, delete.
    const extra = await stripe.subscriptionItems.create({ subscription: sub.id, price: price.id, quantity: 1, proration_behavior: "none" });
    await stripe.subscriptionItems.retrieve(extra.id);
    await stripe.subscriptionItems.update(extra.id, { quantity: 3, proration_behavior: "create_prorations", proration_date: prorationDate });
    await stripe.subscriptionItems.list({ subscription: sub.id });
    await stripe.subscriptionItems.del(extra.id, { proration_behavior: "none" });
    await stripeError(stripe.subscriptionItems.retrieve("si_missing"));
    await stripe.subscriptions.list({ customer: customer.id, status: "all", expand: ["data.latest_invoice"] });
    await stripe.subscriptions.list({ price: price2.id });
    await stripe.subscriptions.deleteDiscount(sub.id);
    await stripe.subscriptions.cancel(sub.id, { invoice_now: true, prorate: true, cancellation_details: { comment: "Too pricey", feedback: "too_expensive" } });
    await stripe.subscriptions.update(sub.id, { metadata: { churned: "yes" } });
    await stripeError(stripe.subscriptions.update(sub.id, { description: "too late" }));
    await stripeError(stripe.subscriptions.retrieve("sub_missing"));
    await stripeError(stripe.subscriptions.create({ customer: customer.id, items: [{ price: "price_missing" }] }));
  });

  it("trials, pending_setup_intent, pause and resume", async () => {
    const c2 = await stripe.customers.create({ email: "trial@example.com" });
    const trial = await stripe.subscriptions.create({
      customer: c2.id,
      items: [{ price: price.id }],
      trial_period_days: 14,
      payment_behavior: "default_incomplete",
      trial_settings: { end_behavior: { missing_payment_method: "cancel" } },
      expand: ["latest_invoice.confirmation_secret", "pending_setup_intent"],
    });
    expect(trial.status).toBe("trialing");
    const seti = trial.pending_setup_intent as Stripe.SetupIntent;
    await stripe.setupIntents.confirm(seti.id, { payment_method: "pm_card_visa", return_url: "https://example.com/return" });
    await stripe.subscriptions.update(trial.id, { trial_end: "now", expand: ["latest_invoice"] });
    await stripe.subscriptions.update(trial.id, { pause_collection: { behavior: "void" } });
    await stripe.subscriptions.update(trial.id, { pause_collection: "" as unknown as undefined });
    // No card: allow_incomplete is a 400, error_if_incomplete on a declining card a 402.
    const c3 = await stripe.customers.create({ email: "nocard@example.com" });
    await stripeError(stripe.subscriptions.create({ customer: c3.id, items: [{ price: price.id }] }));
    const declining = await stripe.paymentMethods.attach("pm_card_chargeCustomerFail", { customer: c3.id });
    await stripe.customers.update(c3.id, { invoice_settings: { default_payment_method: declining.id } });
    const err = await stripeError(stripe.subscriptions.create({ customer: c3.id, items: [{ price: price.id }], payment_behavior: "error_if_incomplete" }));
    expect(err.statusCode).toBe(402);
    const allowed = await stripe.subscriptions.create({ customer: c3.id, items: [{ price: price.id }], expand: ["latest_invoice"] });
    expect(allowed.status).toBe("incomplete");
    await stripe.subscriptions.cancel(allowed.id);
  });

  it("emitted the coupon, promotion code and subscription event types (each validated below)", () =>
    expectEmitted(t(), [
      "coupon.created",
      "coupon.updated",
      "coupon.deleted",
      "promotion_code.created",
      "promotion_code.updated",
      "customer.subscription.created",
      "customer.subscription.updated",
      "customer.subscription.deleted",
      "setup_intent.succeeded",
    ]));
});
