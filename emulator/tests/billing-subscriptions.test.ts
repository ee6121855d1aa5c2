// Coupons, promotion codes and subscriptions through the official SDK (BEHAVIOR §5, §6.1–6.8).
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { RETURN_URL, stripeError } from "./helpers.ts";
import { DAY, INVOICE_PAYMENT_EVENTS, addMonth, useBillingEmulator } from "./billing-helpers.ts";

const { t, catalog, eventTypesFor } = useBillingEmulator();

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
      ...INVOICE_PAYMENT_EVENTS,
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
