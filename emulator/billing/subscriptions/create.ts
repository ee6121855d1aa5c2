// Creating a subscription (BEHAVIOR §6.1–6.3): default_incomplete, trials with a pending
// SetupIntent, the first invoice and its payment.
import type Stripe from "stripe";
import type { RequestContext } from "../../core/context.ts";
import { invalidRequest } from "../../core/errors.ts";
import { newId, nowSeconds } from "../../core/ids.ts";
import { mergeMetadata, type Params } from "../../core/params.ts";
import { reference } from "../../resources/shared.ts";
import { buildSetupIntent } from "../../resources/setup_intents.ts";
import { createDiscounts } from "../coupons.ts";
import { attemptPayment } from "../invoices/pay.ts";
import { buildInvoice, lineFromItem } from "../invoices/build.ts";
import { createInvoiceItem } from "../invoices/invoice-items.ts";
import { emitInvoiceCreated, finalizeInvoice } from "../invoices/status.ts";
import { invMeta } from "../invoices/records.ts";
import { addInterval, formatDate, productName, type LineSpec, type Subscription } from "../model.ts";
import { subMeta, save, hasPaymentMethod, noPaymentMethodError, parseTrialEnd, setStatus, maybeTrialWillEnd, trialSettings, subscriptionInvoiceSettings } from "./records.ts";
import { resolvePrice, isMetered, makeItem, licensedAmount, itemLine } from "./items.ts";

export function createSubscription(ctx: RequestContext): Subscription {
  const emu = ctx.emu;
  const p = ctx.params;
  const cust = reference<Stripe.Customer>(ctx, "customers", p.customer, "customer", "customer");
  const now = nowSeconds();
  if (!p.items.length) throw invalidRequest("Missing required param: items.", { code: "parameter_missing", param: "items" });
  const prices = p.items.map((it: Params, i: number) => resolvePrice(ctx, it, i));
  const currency = prices[0].currency;
  prices.forEach((pr: Stripe.Price, i: number) => {
    if (pr.currency !== currency) throw invalidRequest("All prices on a subscription must have the same currency.", { param: `items[${i}][price]` });
  });
  if (p.default_payment_method) {
    const pm = reference<Stripe.PaymentMethod>(ctx, "payment_methods", p.default_payment_method, "PaymentMethod", "default_payment_method");
    if (pm.customer !== cust.id)
      throw invalidRequest(`The customer does not have a payment method with the ID ${pm.id}. The payment method must be attached to the customer.`, { param: "default_payment_method" });
  }
  const te = parseTrialEnd(p.trial_end);
  if (te !== undefined && te !== null && te !== "now" && te <= now) throw invalidRequest("Invalid timestamp: must be an integer Unix timestamp in the future.", { param: "trial_end" });
  let trialEnd: number | null = null;
  if (typeof te === "number") trialEnd = te;
  else if (te !== "now" && p.trial_period_days) trialEnd = now + p.trial_period_days * 86400;
  else if (te !== "now" && p.trial_from_plan) {
    const days = prices[0].recurring?.trial_period_days;
    if (days) trialEnd = now + days * 86400;
  }
  const paymentBehavior: string = p.payment_behavior ?? "allow_incomplete";
  const collection = p.collection_method ?? "charge_automatically";
  const anchor = trialEnd ?? (p.billing_cycle_anchor && p.billing_cycle_anchor > now ? p.billing_cycle_anchor : now);
  const id = newId("sub");
  const r0 = prices[0].recurring!;
  const periodEnd = trialEnd ?? (anchor > now ? anchor : addInterval(anchor, r0.interval, r0.interval_count, 1));
  const sub = {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: anchor,
    billing_cycle_anchor_config: null,
    billing_mode: { type: p.billing_mode?.type ?? "flexible", flexible: p.billing_mode?.type === "classic" ? null : { proration_discounts: "included" }, updated_at: now },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: collection,
    created: now,
    currency,
    customer: cust.id,
    customer_account: null,
    days_until_due: collection === "send_invoice" ? (p.days_until_due ?? 30) : null,
    default_payment_method: p.default_payment_method ?? null,
    default_source: null,
    default_tax_rates: [],
    description: p.description ?? null,
    discounts: [],
    ended_at: null,
    invoice_settings: subscriptionInvoiceSettings({ account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: "self" } }, p.invoice_settings),
    items: { object: "list", data: [], has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, p.metadata),
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: p.payment_settings?.save_default_payment_method ?? "off",
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: trialEnd ? "trialing" : "incomplete",
    test_clock: (cust.test_clock as string | null) ?? null,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: trialSettings(p.trial_settings),
    trial_start: trialEnd ? now : null,
  } as unknown as Subscription;
  sub.items.data = p.items.map((it: Params, i: number) => makeItem(id, prices[i], it.quantity ?? 1, mergeMetadata({}, it.metadata), { start: now, end: periodEnd }));
  const m = subMeta(emu, id);
  m.paymentBehavior = paymentBehavior;
  m.saveDefaultPaymentMethod = sub.payment_settings?.save_default_payment_method === "on_subscription";
  if (p.discounts) sub.discounts = createDiscounts(ctx, ctx, p.discounts, { customer: cust.id, subscription: id });
  if (p.cancel_at_period_end) {
    sub.cancel_at_period_end = true;
    sub.cancel_at = periodEnd;
  } else if (p.cancel_at !== undefined && p.cancel_at !== null) {
    const at = p.cancel_at === "min_period_end" || p.cancel_at === "max_period_end" ? periodEnd : Number(p.cancel_at);
    if (!Number.isFinite(at) || at <= now) throw invalidRequest("Invalid cancel_at: must be a Unix timestamp in the future.", { param: "cancel_at" });
    sub.cancel_at = at;
    sub.cancel_at_period_end = at === periodEnd;
  }
  // First invoice: the first period in advance (or $0 for a trial) plus one-off items.
  const lines: LineSpec[] = sub.items.data
    .filter((it) => !isMetered(it.price))
    .map((it) => {
      const line = itemLine(emu, sub, it, { start: now, end: periodEnd }, !!trialEnd);
      if (!trialEnd && anchor > now) {
        // A future billing_cycle_anchor: the stub period up to it is prorated (or free with none).
        const r = it.price.recurring!;
        const full = anchor - addInterval(anchor, r.interval, r.interval_count, -1);
        line.amount = p.proration_behavior === "none" ? 0 : Math.round((licensedAmount(it) * (anchor - now)) / full);
        line.proration = true;
        line.description = `Remaining time on ${productName(emu, it.price)} after ${formatDate(now)}`;
      }
      return line;
    });
  for (const [i, add] of (p.add_invoice_items ?? []).entries()) {
    const price = add.price ? reference<Stripe.Price>(ctx, "prices", add.price, "price", `add_invoice_items[${i}][price]`) : null;
    const q = Number(add.quantity ?? 1);
    const ii = createInvoiceItem(emu, ctx, { customer: cust.id, quantity: q, currency }, { price, subscription: id });
    lines.push(lineFromItem(emu, ii));
  }
  const expectedDue = lines.reduce((s, l) => s + l.amount, 0);
  if (expectedDue > 0 && collection === "charge_automatically" && (paymentBehavior === "allow_incomplete" || paymentBehavior === "error_if_incomplete") && !hasPaymentMethod(emu, sub, cust))
    throw noPaymentMethodError();
  save(emu, sub);
  emu.emit("customer.subscription.created", sub, ctx);
  const inv = buildInvoice(emu, {
    customer: cust,
    subscription: sub,
    billingReason: "subscription_create",
    lines,
    period: { start: now, end: now },
    discounts: [...(sub.discounts as string[])],
    collectionMethod: collection,
    daysUntilDue: sub.days_until_due,
  });
  invMeta(emu, inv.id).paymentBehavior = paymentBehavior;
  sub.latest_invoice = inv.id;
  save(emu, sub);
  emitInvoiceCreated(emu, ctx, inv);
  finalizeInvoice(emu, ctx, inv);
  if (inv.status === "paid") {
    // Nothing to pay now (trial, 100% off): collect a card for later through a SetupIntent.
    if (sub.status === "incomplete") setStatus(emu, ctx, sub, "active");
    if (paymentBehavior === "default_incomplete" && !hasPaymentMethod(emu, sub, cust) && collection === "charge_automatically") {
      const si = buildSetupIntent(emu, ctx, { customer: cust.id, usage: "off_session" });
      emu.store.meta<{ subscription?: string }>(si.id).subscription = sub.id;
      sub.pending_setup_intent = si.id;
      save(emu, sub);
    }
  } else if (collection === "charge_automatically" && paymentBehavior !== "default_incomplete") {
    const error = attemptPayment(emu, ctx, inv, { automatic: false, paymentMethod: sub.default_payment_method as string | null });
    if (error && paymentBehavior === "error_if_incomplete") throw error;
  }
  if (sub.status === "trialing") maybeTrialWillEnd(emu, ctx, sub);
  return sub;
}
