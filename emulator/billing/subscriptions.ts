// Subscriptions and subscription items (BEHAVIOR §6.1–6.9): create (default_incomplete, trials with
// a pending SetupIntent), update with prorations, cancel / cancel at period end, pause / resume,
// and the time-driven transitions a test clock runs (renewals, trial end, expiry, dunning).
import type Stripe from "stripe";
import type { EventCause, RequestContext, Route } from "../context.ts";
import type { Emulator } from "../emulator.ts";
import { ApiError, invalidRequest, noSuch } from "../errors.ts";
import { atTime, newId, nowSeconds } from "../ids.ts";
import { matchesCreated, paginate } from "../list.ts";
import { arr, bool, createdFilter, int, listParams, mergeMetadata, metadata, num, obj, oneOf, openObj, req, str, type Params, type Schema } from "../params.ts";
import { reference } from "../resources/shared.ts";
import { buildSetupIntent, setupIntentHooks } from "../resources/setup_intents.ts";
import { createDiscounts, discountsSpec } from "./coupons.ts";
import {
  attemptPayment,
  buildInvoice,
  computeTotals,
  createInvoiceItem,
  emitInvoiceCreated,
  finalizeInvoice,
  invMeta,
  invoiceHooks,
  lineFromItem,
  markUncollectible,
  pendingItems,
  previewHook,
  voidInvoice,
} from "./invoices.ts";
import { usageFor } from "./meters.ts";
import {
  addInterval,
  clockTime,
  formatDate,
  money,
  nextBoundary,
  planOf,
  productName,
  unitAmount,
  type Invoice,
  type LineSpec,
  type Subscription,
  type SubscriptionItem,
  type SubscriptionMeta,
} from "./model.ts";
import { billingSettings } from "./settings.ts";

const itemSpec = obj({
  id: str(),
  price: str(),
  price_data: obj({ currency: req(str()), product: req(str()), recurring: req(obj({ interval: req(oneOf("day", "week", "month", "year")), interval_count: int(1) })), unit_amount: int(0), unit_amount_decimal: str(), tax_behavior: str() }),
  quantity: int(0),
  metadata: metadata(),
  deleted: bool(),
  clear_usage: bool(),
  discounts: discountsSpec,
  tax_rates: arr(str()),
  billing_thresholds: openObj(),
  plan: str(),
});

const paymentSettingsSpec = obj({
  save_default_payment_method: oneOf("off", "on_subscription"),
  payment_method_types: arr(str()),
  payment_method_options: openObj(),
});

const common: Schema = {
  default_payment_method: str(),
  description: str(500),
  metadata: metadata(),
  discounts: discountsSpec,
  collection_method: oneOf("charge_automatically", "send_invoice"),
  days_until_due: int(0),
  payment_behavior: oneOf("allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"),
  payment_settings: paymentSettingsSpec,
  proration_behavior: oneOf("always_invoice", "create_prorations", "none"),
  trial_end: str(),
  trial_from_plan: bool(),
  trial_settings: obj({ end_behavior: req(obj({ missing_payment_method: req(oneOf("cancel", "create_invoice", "pause")) })) }),
  cancel_at_period_end: bool(),
  cancel_at: str(),
  off_session: bool(),
  add_invoice_items: arr(openObj()),
  automatic_tax: obj({ enabled: req(bool()), liability: openObj() }),
  default_tax_rates: arr(str()),
  default_source: str(),
  invoice_settings: openObj(),
  pending_invoice_item_interval: openObj(),
  on_behalf_of: str(),
  transfer_data: openObj(),
  application_fee_percent: num(),
  billing_thresholds: openObj(),
  pause_collection: obj({ behavior: req(oneOf("keep_as_draft", "mark_uncollectible", "void")), resumes_at: int() }),
};

const createSchema: Schema = {
  ...common,
  customer: req(str()),
  items: req(arr(itemSpec)),
  trial_period_days: int(0),
  billing_cycle_anchor: int(),
  billing_cycle_anchor_config: openObj(),
  backdate_start_date: int(),
  currency: str(),
  billing_mode: obj({ type: req(oneOf("classic", "flexible")), flexible: openObj() }),
};

const updateSchema: Schema = {
  ...common,
  items: arr(itemSpec),
  proration_date: int(),
  billing_cycle_anchor: obj({ type: req(oneOf("now", "unchanged")) }),
  cancellation_details: obj({ comment: str(), feedback: str() }),
};

function subMeta(emu: Emulator, id: string): SubscriptionMeta {
  return emu.store.meta<SubscriptionMeta>(id);
}

function subscriptionOf(emu: Emulator, itemId: string): Subscription | undefined {
  const subId = emu.store.meta<{ subscription?: string }>(itemId).subscription;
  return subId ? emu.store.get<Subscription>("subscriptions", subId) : undefined;
}

function resolvePrice(ctx: RequestContext, item: Params, i: number): Stripe.Price {
  if (item.price_data) {
    const pd = item.price_data;
    reference(ctx, "products", pd.product, "product", `items[${i}][price_data][product]`);
    const unit = pd.unit_amount ?? Math.round(Number(pd.unit_amount_decimal ?? 0));
    const price = {
      id: newId("price"),
      object: "price",
      active: false,
      billing_scheme: "per_unit",
      created: nowSeconds(),
      currency: String(pd.currency).toLowerCase(),
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: pd.product,
      recurring: { interval: pd.recurring.interval, interval_count: pd.recurring.interval_count ?? 1, meter: null, trial_period_days: null, usage_type: "licensed" },
      tax_behavior: "unspecified",
      tiers_mode: null,
      transform_quantity: null,
      type: "recurring",
      unit_amount: unit,
      unit_amount_decimal: pd.unit_amount_decimal ?? String(unit),
    } as Stripe.Price;
    ctx.emu.store.put("prices", price);
    return price;
  }
  const id = item.price ?? item.plan;
  if (!id) throw invalidRequest(`Missing required param: items[${i}][price].`, { code: "parameter_missing", param: `items[${i}][price]` });
  const price = reference<Stripe.Price>(ctx, "prices", id, "price", `items[${i}][price]`);
  if (!price.recurring)
    throw invalidRequest(`The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, { param: `items[${i}][price]` });
  return price;
}

function isMetered(price: Stripe.Price): boolean {
  return price.recurring?.usage_type === "metered";
}

function makeItem(subId: string, price: Stripe.Price, quantity: number | null, meta: Record<string, string>, period: { start: number; end: number }): SubscriptionItem {
  return {
    id: newId("si"),
    object: "subscription_item",
    billing_thresholds: null,
    created: nowSeconds(),
    current_period_end: period.end,
    current_period_start: period.start,
    discounts: [],
    metadata: meta,
    plan: planOf(price),
    price,
    quantity: isMetered(price) ? undefined : (quantity ?? 1),
    subscription: subId,
    tax_rates: [],
  } as unknown as SubscriptionItem;
}

function licensedAmount(item: SubscriptionItem): number {
  if (isMetered(item.price)) return 0;
  return Math.round(unitAmount(item.price) * (item.quantity ?? 1));
}

function itemLine(emu: Emulator, sub: Subscription, item: SubscriptionItem, period: { start: number; end: number }, trial: boolean): LineSpec {
  const q = item.quantity ?? 1;
  const name = productName(emu, item.price);
  const r = item.price.recurring!;
  return {
    amount: trial ? 0 : licensedAmount(item),
    description: trial ? `Trial period for ${name}` : `${q} × ${name} (at ${money(unitAmount(item.price), item.price.currency)} / ${r.interval_count > 1 ? `${r.interval_count} ${r.interval}s` : r.interval})`,
    period,
    quantity: q,
    price: item.price,
    proration: false,
    subscription: sub.id,
    subscriptionItem: item.id,
    invoiceItem: null,
  };
}

function usageLine(emu: Emulator, sub: Subscription, item: SubscriptionItem, period: { start: number; end: number }): LineSpec | null {
  if (!isMetered(item.price) || !item.price.recurring?.meter) return null;
  const usage = usageFor(emu, item.price.recurring.meter, sub.customer as string, period.start, period.end);
  const name = productName(emu, item.price);
  return {
    amount: Math.round(usage * unitAmount(item.price)),
    description: `${usage} × ${name} (at ${money(unitAmount(item.price), item.price.currency)} / ${item.price.recurring.interval})`,
    period,
    quantity: usage,
    price: item.price,
    proration: false,
    subscription: sub.id,
    subscriptionItem: item.id,
    invoiceItem: null,
  };
}

function customerOf(emu: Emulator, sub: Subscription): Stripe.Customer {
  return emu.store.get<Stripe.Customer>("customers", sub.customer as string)!;
}

function save(emu: Emulator, sub: Subscription): void {
  sub.items.data.forEach((it) => (emu.store.meta<{ subscription?: string }>(it.id).subscription = sub.id));
  emu.store.put("subscriptions", sub);
}

function snapshotItems(sub: Subscription): unknown {
  return JSON.parse(JSON.stringify(sub.items));
}

function hasPaymentMethod(emu: Emulator, sub: Subscription, cust: Stripe.Customer): boolean {
  return !!(sub.default_payment_method || cust.invoice_settings?.default_payment_method);
}

function noPaymentMethodError(): ApiError {
  return invalidRequest(
    "This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.",
    {},
  );
}

function parseTrialEnd(value: string | null | undefined): number | "now" | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (value === "now") return "now";
  if (!/^\d+$/.test(value)) throw invalidRequest(`Invalid trial_end: must be an integer Unix timestamp or 'now'.`, { param: "trial_end" });
  return Number(value);
}

function createSubscription(ctx: RequestContext): Subscription {
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
    cancellation_details: { comment: null, feedback: null, reason: null },
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
    invoice_settings: { account_tax_ids: null, issuer: { type: "self" } },
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
    trial_settings: { end_behavior: { missing_payment_method: p.trial_settings?.end_behavior?.missing_payment_method ?? "create_invoice" } },
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

function setStatus(emu: Emulator, cause: EventCause, sub: Subscription, status: Stripe.Subscription.Status, extra: Record<string, unknown> = {}): void {
  if (sub.status === status && !Object.keys(extra).length) return;
  const previous: Record<string, unknown> = { status: sub.status };
  for (const k of Object.keys(extra)) previous[k] = (sub as unknown as Record<string, unknown>)[k];
  sub.status = status;
  Object.assign(sub, extra);
  save(emu, sub);
  emu.emit("customer.subscription.updated", sub, cause, previous);
}

function maybeTrialWillEnd(emu: Emulator, cause: EventCause, sub: Subscription): void {
  if (sub.status !== "trialing" || !sub.trial_end) return;
  const m = subMeta(emu, sub.id);
  if (m.trialWillEndSent === sub.trial_end) return;
  if (nowSeconds() >= sub.trial_end - billingSettings(emu).trial_will_end_seconds) {
    m.trialWillEndSent = sub.trial_end;
    emu.emit("customer.subscription.trial_will_end", sub, cause);
  }
}

// --- invoice outcomes -------------------------------------------------------------------------

function subscriptionOfInvoice(emu: Emulator, inv: Invoice): Subscription | undefined {
  const id = (inv.parent as { subscription_details?: { subscription: string } } | null)?.subscription_details?.subscription;
  return id ? emu.store.get<Subscription>("subscriptions", id) : undefined;
}

invoiceHooks.paid.push((emu, cause, inv) => {
  const sub = subscriptionOfInvoice(emu, inv);
  if (!sub) return;
  const extra: Record<string, unknown> = {};
  const pid = invMeta(emu, inv.id).paymentIntent;
  const pi = pid ? emu.store.get<Stripe.PaymentIntent>("payment_intents", pid) : undefined;
  if (pi?.payment_method && subMeta(emu, sub.id).saveDefaultPaymentMethod && sub.default_payment_method !== pi.payment_method) extra.default_payment_method = pi.payment_method;
  const openLeft = emu.store.all<Invoice>("invoices").some((i) => i.id !== inv.id && i.status === "open" && subscriptionOfInvoice(emu, i)?.id === sub.id);
  let status = sub.status;
  if ((sub.status === "incomplete" || sub.status === "past_due" || sub.status === "unpaid") && !openLeft) status = sub.trial_end && sub.trial_end > nowSeconds() ? "trialing" : "active";
  if (status !== sub.status || Object.keys(extra).length) setStatus(emu, cause, sub, status, extra);
});

invoiceHooks.paymentFailed.push((emu, cause, inv, automatic, exhausted) => {
  const sub = subscriptionOfInvoice(emu, inv);
  if (!sub || sub.status === "canceled" || sub.status === "incomplete_expired") return;
  if (inv.billing_reason === "subscription_create") return; // stays incomplete
  if (sub.status === "active" || sub.status === "trialing") setStatus(emu, cause, sub, "past_due");
  if (automatic && exhausted) {
    const action = subMeta(emu, sub.id).finalAction ?? billingSettings(emu).final_action;
    if (action === "cancel") cancelNow(emu, cause, sub, { reason: "payment_failed" });
    else if (action === "unpaid") setStatus(emu, cause, sub, "unpaid");
  }
});

setupIntentHooks.succeeded.push((emu, si, cause) => {
  const subId = emu.store.meta<{ subscription?: string }>(si.id).subscription;
  const sub = subId ? emu.store.get<Subscription>("subscriptions", subId) : undefined;
  if (!sub || sub.pending_setup_intent !== si.id) return;
  atTime(clockTime(emu, sub.customer as string), () => {
    const previous: Record<string, unknown> = { pending_setup_intent: si.id, default_payment_method: sub.default_payment_method };
    sub.pending_setup_intent = null;
    sub.default_payment_method = si.payment_method as string;
    save(emu, sub);
    emu.emit("customer.subscription.updated", sub, cause, previous);
  });
});

// --- cancellation -----------------------------------------------------------------------------

export function cancelNow(emu: Emulator, cause: EventCause, sub: Subscription, opts: { reason?: string; comment?: string | null; feedback?: string | null; prorate?: boolean; invoiceNow?: boolean }): void {
  const now = nowSeconds();
  if (opts.prorate) {
    for (const item of sub.items.data) {
      const credit = prorationAmount(licensedAmount(item), item, now);
      if (credit > 0)
        createInvoiceItem(
          emu,
          cause,
          { customer: sub.customer as string, amount: -credit, currency: sub.currency, description: `Unused time on ${productName(emu, item.price)} after ${formatDate(now)}`, period: { start: now, end: item.current_period_end }, quantity: item.quantity ?? 1 },
          { proration: true, subscription: sub.id, subscriptionItem: item.id, price: item.price },
        );
    }
  }
  sub.status = "canceled";
  sub.canceled_at = sub.canceled_at ?? now;
  sub.ended_at = now;
  sub.cancel_at = sub.cancel_at ?? null;
  sub.cancellation_details = { comment: opts.comment ?? sub.cancellation_details?.comment ?? null, feedback: (opts.feedback ?? sub.cancellation_details?.feedback ?? null) as never, reason: (opts.reason ?? "cancellation_requested") as never } as unknown as Stripe.Subscription.CancellationDetails;
  save(emu, sub);
  for (const inv of emu.store.all<Invoice>("invoices")) {
    if (inv.status === "open" && subscriptionOfInvoice(emu, inv)?.id === sub.id) {
      inv.auto_advance = false;
      inv.next_payment_attempt = null;
      emu.store.put("invoices", inv);
    }
  }
  if (opts.invoiceNow) {
    const lines: LineSpec[] = [];
    for (const item of sub.items.data) {
      const usage = usageLine(emu, sub, item, { start: item.current_period_start, end: now });
      if (usage && usage.amount) lines.push(usage);
    }
    for (const ii of pendingItems(emu, sub.customer as string, sub.id)) lines.push(lineFromItem(emu, ii));
    if (lines.length) {
      const inv = buildInvoice(emu, { customer: customerOf(emu, sub), subscription: sub, billingReason: "subscription_cycle", lines, period: { start: sub.items.data[0]?.current_period_start ?? now, end: now } });
      sub.latest_invoice = inv.id;
      save(emu, sub);
      emitInvoiceCreated(emu, cause, inv);
      finalizeInvoice(emu, cause, inv);
      if (inv.status === "open") attemptPayment(emu, cause, inv, { automatic: false });
    }
  }
  emu.emit("customer.subscription.deleted", sub, cause);
}

// --- prorations ---------------------------------------------------------------------------------

function prorationAmount(amount: number, item: { current_period_start: number; current_period_end: number }, at: number): number {
  const start = item.current_period_start;
  const end = item.current_period_end;
  if (at >= end || end <= start) return 0;
  const from = Math.max(at, start);
  return Math.round((amount * (end - from)) / (end - start));
}

interface ItemChange {
  before: SubscriptionItem | null;
  after: SubscriptionItem | null;
}

/** Applies `items[]` to a copy of the subscription's items; returns the new list and what changed. */
function applyItems(ctx: RequestContext, sub: Subscription, input: Params[] | undefined): { items: SubscriptionItem[]; changes: ItemChange[] } {
  const items: SubscriptionItem[] = sub.items.data.map((it) => ({ ...it }));
  const changes: ItemChange[] = [];
  const period = { start: sub.items.data[0]?.current_period_start ?? nowSeconds(), end: sub.items.data[0]?.current_period_end ?? nowSeconds() };
  (input ?? []).forEach((it, i) => {
    if (it.id) {
      const at = items.findIndex((x) => x.id === it.id);
      if (at === -1) throw invalidRequest(`No such subscription item: '${it.id}'`, { code: "resource_missing", param: `items[${i}][id]` });
      const before = items[at];
      if (it.deleted) {
        items.splice(at, 1);
        changes.push({ before, after: null });
        return;
      }
      const price = it.price || it.price_data || it.plan ? resolvePrice(ctx, it, i) : before.price;
      const quantity = isMetered(price) ? undefined : (it.quantity ?? (price.id === before.price.id ? before.quantity : (before.quantity ?? 1)));
      const after = { ...before, price, plan: planOf(price), quantity, metadata: it.metadata !== undefined ? mergeMetadata(before.metadata, it.metadata) : before.metadata } as SubscriptionItem;
      items[at] = after;
      if (price.id !== before.price.id || quantity !== before.quantity) changes.push({ before, after });
    } else {
      const price = resolvePrice(ctx, it, i);
      const existing = items.find((x) => x.price.id === price.id);
      if (existing) throw invalidRequest(`Cannot add multiple subscription items with the same price: ${price.id}`, { param: `items[${i}][price]` });
      const after = makeItem(sub.id, price, it.quantity ?? 1, mergeMetadata({}, it.metadata), period);
      items.push(after);
      changes.push({ before: null, after });
    }
  });
  return { items, changes };
}

function prorationLines(emu: Emulator, sub: Subscription, changes: ItemChange[], at: number): LineSpec[] {
  if (sub.status === "trialing") return [];
  const out: LineSpec[] = [];
  for (const c of changes) {
    const ref = c.before ?? c.after!;
    const period = { start: at, end: ref.current_period_end };
    if (c.before && !isMetered(c.before.price)) {
      const credit = prorationAmount(licensedAmount(c.before), c.before, at);
      if (credit)
        out.push({
          amount: -credit,
          description: `Unused time on ${c.before.quantity && c.before.quantity > 1 ? `${c.before.quantity} × ` : ""}${productName(emu, c.before.price)} after ${formatDate(at)}`,
          period,
          quantity: c.before.quantity ?? 1,
          price: c.before.price,
          proration: true,
          subscription: sub.id,
          subscriptionItem: c.before.id,
          invoiceItem: null,
        });
    }
    if (c.after && !isMetered(c.after.price)) {
      const debit = prorationAmount(licensedAmount(c.after), ref, at);
      if (debit)
        out.push({
          amount: debit,
          description: `Remaining time on ${c.after.quantity && c.after.quantity > 1 ? `${c.after.quantity} × ` : ""}${productName(emu, c.after.price)} after ${formatDate(at)}`,
          period,
          quantity: c.after.quantity ?? 1,
          price: c.after.price,
          proration: true,
          subscription: sub.id,
          subscriptionItem: c.after.id,
          invoiceItem: null,
        });
    }
  }
  return out;
}

function checkProrationDate(p: Params, sub: Subscription): number {
  const now = nowSeconds();
  const at = p.proration_date ?? now;
  const item = sub.items.data[0];
  if (p.proration_date !== undefined && item && (at < item.current_period_start || at > item.current_period_end))
    throw invalidRequest("proration_date must be within the current billing period.", { param: "proration_date" });
  return at;
}

// --- update -----------------------------------------------------------------------------------

function updateSubscription(ctx: RequestContext, sub: Subscription): Subscription {
  const emu = ctx.emu;
  const p = ctx.params;
  if (sub.status === "canceled" || sub.status === "incomplete_expired") {
    const allowed = Object.keys(p).every((k) => k === "metadata" || k === "cancellation_details" || k === "expand");
    if (!allowed) throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.", {});
  }
  const now = nowSeconds();
  const previous: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => {
    const cur = (sub as unknown as Record<string, unknown>)[k];
    if (JSON.stringify(cur) === JSON.stringify(v)) return;
    if (!(k in previous)) previous[k] = cur === undefined ? null : JSON.parse(JSON.stringify(cur));
    (sub as unknown as Record<string, unknown>)[k] = v;
  };
  const cust = customerOf(emu, sub);
  if (p.default_payment_method !== undefined) {
    if (p.default_payment_method) {
      const pm = reference<Stripe.PaymentMethod>(ctx, "payment_methods", p.default_payment_method, "PaymentMethod", "default_payment_method");
      if (pm.customer !== cust.id)
        throw invalidRequest(`The customer does not have a payment method with the ID ${pm.id}. The payment method must be attached to the customer.`, { param: "default_payment_method" });
    }
    set("default_payment_method", p.default_payment_method);
  }
  if (p.metadata !== undefined) set("metadata", mergeMetadata(sub.metadata, p.metadata));
  if (p.description !== undefined) set("description", p.description);
  if (p.collection_method) set("collection_method", p.collection_method);
  if (p.days_until_due !== undefined) set("days_until_due", p.days_until_due);
  if (p.cancellation_details) set("cancellation_details", { ...sub.cancellation_details, ...p.cancellation_details });
  if (p.payment_settings?.save_default_payment_method) {
    set("payment_settings", { ...sub.payment_settings, save_default_payment_method: p.payment_settings.save_default_payment_method });
    subMeta(emu, sub.id).saveDefaultPaymentMethod = p.payment_settings.save_default_payment_method === "on_subscription";
  }
  if (p.trial_settings) set("trial_settings", p.trial_settings);
  if (p.pause_collection !== undefined) set("pause_collection", p.pause_collection ? { behavior: p.pause_collection.behavior, resumes_at: p.pause_collection.resumes_at ?? null } : null);
  if (p.discounts !== undefined) set("discounts", p.discounts ? createDiscounts(ctx, ctx, p.discounts, { customer: cust.id, subscription: sub.id }) : []);
  const periodEnd = sub.items.data[0]?.current_period_end ?? now;
  if (p.cancel_at_period_end !== undefined && p.cancel_at_period_end !== null) {
    if (p.cancel_at_period_end) {
      set("cancel_at_period_end", true);
      set("cancel_at", periodEnd);
      set("canceled_at", now);
    } else {
      set("cancel_at_period_end", false);
      set("cancel_at", null);
      set("canceled_at", null);
    }
  }
  if (p.cancel_at !== undefined) {
    if (p.cancel_at === null) {
      set("cancel_at", null);
      set("cancel_at_period_end", false);
      set("canceled_at", null);
    } else {
      const at = p.cancel_at === "min_period_end" || p.cancel_at === "max_period_end" ? periodEnd : Number(p.cancel_at);
      if (!Number.isFinite(at)) throw invalidRequest("Invalid cancel_at", { param: "cancel_at" });
      set("cancel_at", at);
      set("cancel_at_period_end", at === periodEnd);
      set("canceled_at", now);
    }
  }
  // Items and prorations.
  const prorationBehavior: string = p.proration_behavior ?? "create_prorations";
  const at = checkProrationDate(p, sub);
  const { items, changes } = applyItems(ctx, sub, p.items);
  const te = parseTrialEnd(p.trial_end);
  let newInvoice: Invoice | null = null;
  const intervalChanged = changes.some((c) => c.before && c.after && (c.before.price.recurring!.interval !== c.after.price.recurring!.interval || c.before.price.recurring!.interval_count !== c.after.price.recurring!.interval_count));
  const resetAnchor = p.billing_cycle_anchor?.type === "now" || intervalChanged || te === "now";
  if (changes.length || resetAnchor) {
    previous.items = snapshotItems(sub);
    const lines = prorationBehavior === "none" ? [] : prorationLines(emu, sub, changes, at);
    if (resetAnchor) {
      // A new cycle starts now and is invoiced at once (credit for unused time included).
      const endedTrial = sub.status === "trialing";
      const r = items[0].price.recurring!;
      const end = addInterval(now, r.interval, r.interval_count, 1);
      for (const it of items) ((it.current_period_start = now), (it.current_period_end = end));
      set("billing_cycle_anchor", now);
      if (endedTrial) {
        set("trial_end", now);
        set("status", "active");
      }
      const credits = endedTrial || prorationBehavior === "none" ? [] : prorationLines(emu, sub, sub.items.data.map((b) => ({ before: b, after: null })), now);
      sub.items.data = items;
      const fresh = items.filter((it) => !isMetered(it.price)).map((it) => itemLine(emu, sub, it, { start: now, end }, false));
      const pending = pendingItems(emu, cust.id, sub.id).map((ii) => lineFromItem(emu, ii));
      newInvoice = buildInvoice(emu, { customer: cust, subscription: sub, billingReason: "subscription_update", lines: [...pending, ...credits, ...fresh], period: { start: now, end: now }, discounts: [...(sub.discounts as string[])] });
    } else {
      sub.items.data = items;
      if (lines.length && prorationBehavior !== "none") {
        const created = lines.map((l) =>
          createInvoiceItem(
            emu,
            ctx,
            { customer: cust.id, amount: l.amount, currency: sub.currency, description: l.description, period: l.period, quantity: l.quantity ?? 1 },
            { proration: true, subscription: sub.id, subscriptionItem: l.subscriptionItem, price: l.price },
          ),
        );
        if (prorationBehavior === "always_invoice") {
          const pending = pendingItems(emu, cust.id, sub.id);
          void created;
          newInvoice = buildInvoice(emu, {
            customer: cust,
            subscription: sub,
            billingReason: "subscription_update",
            lines: pending.map((ii) => lineFromItem(emu, ii)),
            period: { start: at, end: at },
            discounts: [...(sub.discounts as string[])],
            prorationDate: at,
          });
        }
      }
    }
  } else if (typeof te === "number" && sub.status === "trialing") {
    set("trial_end", te);
    for (const it of sub.items.data) it.current_period_end = te;
    set("billing_cycle_anchor", te);
  }
  if (newInvoice) set("latest_invoice", newInvoice.id);
  save(emu, sub);
  if (Object.keys(previous).length) emu.emit("customer.subscription.updated", sub, ctx, previous);
  if (newInvoice) {
    emitInvoiceCreated(emu, ctx, newInvoice);
    finalizeInvoice(emu, ctx, newInvoice);
    const behavior = p.payment_behavior ?? "allow_incomplete";
    if (newInvoice.status === "open") {
      if (behavior === "default_incomplete") {
        if (sub.status === "active") setStatus(emu, ctx, sub, "past_due");
      } else {
        const error = attemptPayment(emu, ctx, newInvoice, { automatic: false, offSession: p.off_session ?? true });
        if (error && behavior === "error_if_incomplete") throw error;
      }
    }
  }
  return sub;
}

// --- time-driven transitions (test clocks) ---------------------------------------------------

export interface DueAction {
  at: number;
  run: () => void;
}

/** Everything a clock must run next for one customer's subscriptions and invoices, earliest first. */
export function dueActions(emu: Emulator, clockId: string): DueAction[] {
  const settings = billingSettings(emu);
  const out: DueAction[] = [];
  for (const sub of emu.store.all<Subscription>("subscriptions")) {
    if (sub.test_clock !== clockId) continue;
    const item = sub.items.data[0];
    if (sub.status === "incomplete") {
      out.push({ at: sub.created + settings.incomplete_expiry_seconds, run: () => expire(emu, sub) });
      continue;
    }
    if (sub.status === "trialing" && sub.trial_end) {
      const m = subMeta(emu, sub.id);
      if (m.trialWillEndSent !== sub.trial_end) out.push({ at: Math.max(sub.trial_end - settings.trial_will_end_seconds, sub.created), run: () => maybeTrialWillEnd(emu, null, sub) });
    }
    if (["active", "trialing", "past_due", "unpaid"].includes(sub.status) && item) {
      if (sub.cancel_at && sub.cancel_at <= item.current_period_end) out.push({ at: sub.cancel_at, run: () => cancelNow(emu, null, sub, { reason: "cancellation_requested" }) });
      else out.push({ at: item.current_period_end, run: () => renew(emu, sub) });
    }
  }
  for (const inv of emu.store.all<Invoice>("invoices")) {
    if (inv.test_clock !== clockId) continue;
    const m = invMeta(emu, inv.id);
    if (inv.status === "draft" && m.finalizeAt) out.push({ at: m.finalizeAt, run: () => advanceDraft(emu, inv) });
    else if (inv.status === "open" && inv.next_payment_attempt && inv.auto_advance) out.push({ at: inv.next_payment_attempt, run: () => retry(emu, inv) });
  }
  return out.sort((a, b) => a.at - b.at);
}

function expire(emu: Emulator, sub: Subscription): void {
  const inv = sub.latest_invoice ? emu.store.get<Invoice>("invoices", sub.latest_invoice as string) : undefined;
  if (inv && inv.status === "open") voidInvoice(emu, null, inv);
  setStatus(emu, null, sub, "incomplete_expired", { ended_at: nowSeconds() });
}

/** Period end (or trial end): advance item periods, create the cycle invoice (finalized an hour later). */
function renew(emu: Emulator, sub: Subscription): void {
  const now = nowSeconds();
  const cust = customerOf(emu, sub);
  const previous: Record<string, unknown> = { items: snapshotItems(sub), latest_invoice: sub.latest_invoice };
  const trialEnding = sub.status === "trialing";
  if (trialEnding && !hasPaymentMethod(emu, sub, cust)) {
    const behavior = sub.trial_settings?.end_behavior?.missing_payment_method ?? "create_invoice";
    if (behavior === "cancel") return cancelNow(emu, null, sub, { reason: "cancellation_requested" });
    if (behavior === "pause") {
      setStatus(emu, null, sub, "paused");
      emu.emit("customer.subscription.paused", sub, null);
      return;
    }
  }
  const lines: LineSpec[] = [];
  for (const item of sub.items.data) {
    const usage = usageLine(emu, sub, item, { start: item.current_period_start, end: item.current_period_end });
    if (usage && !trialEnding) lines.push(usage);
  }
  const anchor = sub.billing_cycle_anchor;
  for (const item of sub.items.data) {
    const r = item.price.recurring!;
    const start = item.current_period_end;
    item.current_period_start = start;
    item.current_period_end = nextBoundary(anchor, start, r.interval, r.interval_count);
  }
  for (const item of sub.items.data) if (!isMetered(item.price)) lines.push(itemLine(emu, sub, item, { start: item.current_period_start, end: item.current_period_end }, false));
  for (const ii of pendingItems(emu, cust.id, sub.id)) lines.push(lineFromItem(emu, ii));
  const periodStart = previous.items ? ((previous.items as { data: SubscriptionItem[] }).data[0]?.current_period_start ?? now) : now;
  const inv = buildInvoice(emu, {
    customer: cust,
    subscription: sub,
    billingReason: "subscription_cycle",
    lines,
    period: { start: periodStart, end: now },
    discounts: [...(sub.discounts as string[])],
  });
  invMeta(emu, inv.id).finalizeAt = now + billingSettings(emu).finalize_delay_seconds;
  inv.automatically_finalizes_at = now + billingSettings(emu).finalize_delay_seconds;
  emu.store.put("invoices", inv);
  sub.latest_invoice = inv.id;
  if (trialEnding) previous.status = sub.status;
  if (trialEnding) sub.status = "active";
  save(emu, sub);
  emitInvoiceCreated(emu, null, inv);
  emu.emit("customer.subscription.updated", sub, null, previous);
}

function advanceDraft(emu: Emulator, inv: Invoice): void {
  delete invMeta(emu, inv.id).finalizeAt;
  const sub = subscriptionOfInvoice(emu, inv);
  if (sub?.pause_collection?.behavior === "keep_as_draft") {
    // Collection paused: the invoice stays a draft and is never advanced automatically.
    inv.auto_advance = false;
    inv.automatically_finalizes_at = null;
    emu.store.put("invoices", inv);
    return;
  }
  finalizeInvoice(emu, null, inv);
  if (inv.status !== "open" || inv.collection_method !== "charge_automatically") return;
  if (sub && sub.status === "unpaid") {
    inv.auto_advance = false;
    emu.store.put("invoices", inv);
    return;
  }
  const paused = sub?.pause_collection?.behavior;
  if (paused === "void") return voidInvoice(emu, null, inv);
  if (paused === "mark_uncollectible") return markUncollectible(emu, null, inv);
  attemptPayment(emu, null, inv, { automatic: true });
}

function retry(emu: Emulator, inv: Invoice): void {
  inv.next_payment_attempt = null;
  emu.store.put("invoices", inv);
  attemptPayment(emu, null, inv, { automatic: true });
}

// --- preview ------------------------------------------------------------------------------------

function preview(ctx: RequestContext): Invoice {
  const emu = ctx.emu;
  const p = ctx.params;
  const subId: string | undefined = p.subscription;
  const real = subId ? reference<Subscription>(ctx, "subscriptions", subId, "subscription", "subscription") : null;
  const customerId = p.customer ?? (real?.customer as string | undefined);
  if (!customerId) throw invalidRequest("Missing required param: customer.", { code: "parameter_missing", param: "customer" });
  const cust = reference<Stripe.Customer>(ctx, "customers", customerId, "customer", "customer");
  return atTime(clockTime(emu, cust.id), () => {
    const now = nowSeconds();
    const d: Params = p.subscription_details ?? {};
    const extraLines: LineSpec[] = [];
    for (const [i, it] of (p.invoice_items ?? []).entries()) {
      const amount = it.amount !== undefined ? Number(it.amount) : 0;
      if (!Number.isFinite(amount)) throw invalidRequest("Invalid amount", { param: `invoice_items[${i}][amount]` });
      extraLines.push({ amount, description: (it.description as string) ?? "Invoice item", period: { start: now, end: now }, quantity: 1, price: null, proration: false, subscription: null, subscriptionItem: null, invoiceItem: null });
    }
    if (!real) {
      if (d.items?.length) {
        // A new subscription's first invoice.
        const fake = { id: "sub_preview", metadata: {}, currency: "usd", customer: cust.id } as unknown as Subscription;
        const lines = d.items.map((it: Params, i: number) => {
          const price = resolvePrice(ctx, it, i);
          const r = price.recurring!;
          const item = makeItem(fake.id, price, it.quantity ? Number(it.quantity) : 1, {}, { start: now, end: addInterval(now, r.interval, r.interval_count, 1) });
          return itemLine(emu, fake, item, { start: now, end: item.current_period_end }, !!d.trial_end && d.trial_end !== "now");
        });
        const discounts = p.discounts ? previewDiscounts(ctx, p.discounts, cust.id) : [];
        return buildInvoice(emu, { customer: cust, billingReason: "upcoming", lines: [...lines, ...extraLines], period: { start: now, end: now }, discounts, preview: true });
      }
      const lines = pendingItems(emu, cust.id).map((ii) => lineFromItem(emu, ii));
      return buildInvoice(emu, { customer: cust, billingReason: "upcoming", lines: [...lines, ...extraLines], preview: true });
    }
    const sub = JSON.parse(JSON.stringify(real)) as Subscription;
    const behavior: string = d.proration_behavior ?? "create_prorations";
    const at = checkProrationDate({ proration_date: d.proration_date }, sub);
    const { items, changes } = applyItems(ctx, sub, d.items);
    const prorations = behavior === "none" ? [] : prorationLines(emu, sub, changes, at);
    const pending = pendingItems(emu, cust.id, sub.id).map((ii) => lineFromItem(emu, ii));
    const discounts = p.discounts ? previewDiscounts(ctx, p.discounts, cust.id) : [...(sub.discounts as string[])];
    if (changes.length && behavior === "always_invoice") {
      return buildInvoice(emu, { customer: cust, subscription: sub, billingReason: "upcoming", lines: [...pending, ...prorations, ...extraLines], period: { start: at, end: at }, discounts, preview: true, prorationDate: at });
    }
    // The next renewal invoice, with the changes applied.
    const cancels = d.cancel_now || (d.cancel_at_period_end ?? sub.cancel_at_period_end);
    const lines: LineSpec[] = [...pending, ...prorations];
    const item0 = items[0] ?? sub.items.data[0];
    const usagePeriod = { start: item0.current_period_start, end: item0.current_period_end };
    for (const item of items) {
      const usage = usageLine(emu, sub, item, usagePeriod);
      if (usage && sub.status !== "trialing") lines.push(usage);
    }
    if (!cancels) {
      for (const item of items) {
        if (isMetered(item.price)) continue;
        const r = item.price.recurring!;
        const start = item.current_period_end;
        const end = nextBoundary(sub.billing_cycle_anchor, start, r.interval, r.interval_count);
        lines.push(itemLine(emu, sub, item, { start, end }, false));
      }
    }
    return buildInvoice(emu, {
      customer: cust,
      subscription: sub,
      billingReason: "upcoming",
      lines: [...lines, ...extraLines],
      period: usagePeriod,
      discounts,
      preview: true,
      prorationDate: changes.length ? at : null,
    });
  });
}

/** Discounts named on a preview: not redeemed, represented by their coupon through temporary discounts. */
function previewDiscounts(ctx: RequestContext, input: Params[], customer: string): string[] {
  const ids: string[] = [];
  for (const [i, d] of input.entries()) {
    if (d.discount) ids.push(d.discount);
    else {
      const created = createDiscounts(ctx, null, [d], { customer });
      // Undo the redemption: previews change nothing.
      for (const id of created) {
        const disc = ctx.emu.store.get<{ source: { coupon: string }; promotion_code: string | null }>("discounts", id)!;
        const coupon = ctx.emu.store.get<Stripe.Coupon>("coupons", disc.source.coupon);
        if (coupon) coupon.times_redeemed -= 1;
        const promo = disc.promotion_code ? ctx.emu.store.get<Stripe.PromotionCode>("promotion_codes", disc.promotion_code) : undefined;
        if (promo) promo.times_redeemed -= 1;
        ids.push(id);
      }
      void i;
    }
  }
  return ids;
}

previewHook.fn = (ctx) => preview(ctx);

// --- routes -------------------------------------------------------------------------------------

function loadSub(ctx: RequestContext, id: string): Subscription {
  const sub = ctx.emu.store.get<Subscription>("subscriptions", id);
  if (!sub) throw noSuch("subscription", id);
  return sub;
}

function inClock<T>(ctx: RequestContext, customer: string | null | undefined, fn: () => T): T {
  return atTime(clockTime(ctx.emu, customer), fn);
}

export const subscriptionRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/subscriptions",
    schema: createSchema,
    handler: (ctx) => inClock(ctx, ctx.params.customer, () => createSubscription(ctx)),
  },
  { method: "GET", path: "/v1/subscriptions/:id", schema: {}, handler: (ctx) => loadSub(ctx, ctx.path.id) },
  {
    method: "POST",
    path: "/v1/subscriptions/:id",
    schema: updateSchema,
    handler(ctx) {
      const sub = loadSub(ctx, ctx.path.id);
      return inClock(ctx, sub.customer as string, () => updateSubscription(ctx, sub));
    },
  },
  {
    method: "DELETE",
    path: "/v1/subscriptions/:id",
    schema: { invoice_now: bool(), prorate: bool(), cancellation_details: obj({ comment: str(), feedback: str() }) },
    handler(ctx) {
      const sub = loadSub(ctx, ctx.path.id);
      if (sub.status === "canceled" || sub.status === "incomplete_expired")
        throw invalidRequest(`A canceled subscription can only update its cancellation_details and metadata.`, {});
      const p = ctx.params;
      inClock(ctx, sub.customer as string, () => {
        if (sub.status === "incomplete") {
          const inv = sub.latest_invoice ? ctx.emu.store.get<Invoice>("invoices", sub.latest_invoice as string) : undefined;
          if (inv && inv.status === "open") voidInvoice(ctx.emu, ctx, inv);
        }
        cancelNow(ctx.emu, ctx, sub, { reason: "cancellation_requested", comment: p.cancellation_details?.comment, feedback: p.cancellation_details?.feedback, prorate: p.prorate, invoiceNow: p.invoice_now });
      });
      return sub;
    },
  },
  {
    method: "GET",
    path: "/v1/subscriptions",
    schema: {
      ...listParams,
      customer: str(),
      price: str(),
      status: oneOf("active", "all", "canceled", "ended", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"),
      created: createdFilter,
      collection_method: str(),
      test_clock: str(),
      current_period_end: createdFilter,
      current_period_start: createdFilter,
      automatic_tax: obj({ enabled: req(bool()) }),
    },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store.all<Subscription>("subscriptions").filter((s) => {
        if (p.customer && s.customer !== p.customer) return false;
        if (p.price && !s.items.data.some((it) => it.price.id === p.price)) return false;
        if (p.test_clock && s.test_clock !== p.test_clock) return false;
        if (p.collection_method && s.collection_method !== p.collection_method) return false;
        if (!matchesCreated(s.created, p.created)) return false;
        const status = p.status;
        if (!status) return s.status !== "canceled" && s.status !== "incomplete_expired";
        if (status === "all") return true;
        if (status === "ended") return s.status === "canceled" || s.status === "incomplete_expired";
        return s.status === status;
      });
      return paginate(items, p, "/v1/subscriptions");
    },
  },
  {
    method: "POST",
    path: "/v1/subscriptions/:id/pause",
    schema: { type: oneOf("subscription"), bill_for: openObj(), invoicing_behavior: oneOf("invoice", "pending_invoice_item") },
    handler(ctx) {
      const sub = loadSub(ctx, ctx.path.id);
      if (!["active", "trialing", "past_due"].includes(sub.status))
        throw invalidRequest(`Subscription ${sub.id} cannot be paused because it has a status of ${sub.status}.`, {});
      inClock(ctx, sub.customer as string, () => {
        setStatus(ctx.emu, ctx, sub, "paused");
        ctx.emu.emit("customer.subscription.paused", sub, ctx);
      });
      return sub;
    },
  },
  {
    method: "POST",
    path: "/v1/subscriptions/:id/resume",
    schema: { billing_cycle_anchor: obj({ type: req(oneOf("now", "unchanged")) }), payment_behavior: oneOf("allow_incomplete", "pending_if_incomplete"), proration_behavior: oneOf("always_invoice", "create_prorations", "none"), proration_date: int() },
    handler(ctx) {
      const sub = loadSub(ctx, ctx.path.id);
      if (sub.status !== "paused") throw invalidRequest("Only a paused subscription can be resumed.", {});
      inClock(ctx, sub.customer as string, () => {
        const now = nowSeconds();
        const extra: Record<string, unknown> = {};
        if ((ctx.params.billing_cycle_anchor?.type ?? "now") === "now" || (sub.items.data[0] && sub.items.data[0].current_period_end <= now)) {
          const r = sub.items.data[0].price.recurring!;
          const end = addInterval(now, r.interval, r.interval_count, 1);
          extra.items = snapshotItems(sub);
          for (const it of sub.items.data) ((it.current_period_start = now), (it.current_period_end = end));
          sub.billing_cycle_anchor = now;
          const cust = customerOf(ctx.emu, sub);
          const lines = sub.items.data.filter((it) => !isMetered(it.price)).map((it) => itemLine(ctx.emu, sub, it, { start: now, end }, false));
          const inv = buildInvoice(ctx.emu, { customer: cust, subscription: sub, billingReason: "subscription_cycle", lines, period: { start: now, end: now }, discounts: [...(sub.discounts as string[])] });
          sub.latest_invoice = inv.id;
          const previous = { status: sub.status, items: extra.items };
          sub.status = "active";
          save(ctx.emu, sub);
          ctx.emu.emit("customer.subscription.resumed", sub, ctx);
          ctx.emu.emit("customer.subscription.updated", sub, ctx, previous);
          emitInvoiceCreated(ctx.emu, ctx, inv);
          finalizeInvoice(ctx.emu, ctx, inv);
          if (inv.status === "open") attemptPayment(ctx.emu, ctx, inv, { automatic: false });
        } else {
          setStatus(ctx.emu, ctx, sub, "active");
          ctx.emu.emit("customer.subscription.resumed", sub, ctx);
        }
      });
      return sub;
    },
  },
  {
    method: "DELETE",
    path: "/v1/subscriptions/:id/discount",
    schema: {},
    handler(ctx) {
      const sub = loadSub(ctx, ctx.path.id);
      const previous = { discounts: sub.discounts };
      const first = (previous.discounts as string[])[0];
      const discount = first ? ctx.emu.store.get<Record<string, unknown>>("discounts", first) : undefined;
      if (!discount) throw invalidRequest(`No active discount for subscription ${sub.id}.`, { code: "resource_missing" });
      sub.discounts = [];
      save(ctx.emu, sub);
      ctx.emu.emit("customer.subscription.updated", sub, ctx, previous);
      const { end: _end, ...rest } = discount;
      void _end;
      return { ...rest, deleted: true };
    },
  },
  // Subscription items
  {
    method: "GET",
    path: "/v1/subscription_items",
    schema: { ...listParams, subscription: req(str()) },
    handler(ctx) {
      const sub = reference<Subscription>(ctx, "subscriptions", ctx.params.subscription, "subscription", "subscription");
      return paginate([...sub.items.data].reverse(), ctx.params, `/v1/subscription_items?subscription=${sub.id}`);
    },
  },
  {
    method: "GET",
    path: "/v1/subscription_items/:id",
    schema: {},
    handler(ctx) {
      const sub = subscriptionOf(ctx.emu, ctx.path.id);
      const item = sub?.items.data.find((it) => it.id === ctx.path.id);
      if (!item) throw noSuch("subscription_item", ctx.path.id);
      return item;
    },
  },
  {
    method: "POST",
    path: "/v1/subscription_items",
    schema: { subscription: req(str()), price: str(), price_data: (itemSpec as { props: Schema }).props.price_data, quantity: int(0), metadata: metadata(), proration_behavior: oneOf("always_invoice", "create_prorations", "none"), proration_date: int(), payment_behavior: str(), discounts: discountsSpec, tax_rates: arr(str()), billing_thresholds: openObj(), plan: str() },
    handler(ctx) {
      const sub = reference<Subscription>(ctx, "subscriptions", ctx.params.subscription, "subscription", "subscription");
      const p = ctx.params;
      const before = new Set(sub.items.data.map((it) => it.id));
      const inner = { ...ctx, params: { items: [{ price: p.price, price_data: p.price_data, quantity: p.quantity, metadata: p.metadata, plan: p.plan }], proration_behavior: p.proration_behavior, proration_date: p.proration_date, payment_behavior: p.payment_behavior } };
      inClock(ctx, sub.customer as string, () => updateSubscription(inner as RequestContext, sub));
      return sub.items.data.find((it) => !before.has(it.id));
    },
  },
  {
    method: "POST",
    path: "/v1/subscription_items/:id",
    schema: { price: str(), price_data: (itemSpec as { props: Schema }).props.price_data, quantity: int(0), metadata: metadata(), proration_behavior: oneOf("always_invoice", "create_prorations", "none"), proration_date: int(), payment_behavior: str(), off_session: bool(), discounts: discountsSpec, tax_rates: arr(str()), billing_thresholds: openObj(), plan: str() },
    handler(ctx) {
      const sub = subscriptionOf(ctx.emu, ctx.path.id);
      if (!sub || !sub.items.data.some((it) => it.id === ctx.path.id)) throw noSuch("subscription_item", ctx.path.id);
      const p = ctx.params;
      const inner = { ...ctx, params: { items: [{ id: ctx.path.id, price: p.price, price_data: p.price_data, quantity: p.quantity, metadata: p.metadata, plan: p.plan }], proration_behavior: p.proration_behavior, proration_date: p.proration_date, payment_behavior: p.payment_behavior, off_session: p.off_session } };
      inClock(ctx, sub.customer as string, () => updateSubscription(inner as RequestContext, sub));
      return sub.items.data.find((it) => it.id === ctx.path.id);
    },
  },
  {
    method: "DELETE",
    path: "/v1/subscription_items/:id",
    schema: { proration_behavior: oneOf("always_invoice", "create_prorations", "none"), proration_date: int(), clear_usage: bool(), payment_behavior: str() },
    handler(ctx) {
      const sub = subscriptionOf(ctx.emu, ctx.path.id);
      if (!sub || !sub.items.data.some((it) => it.id === ctx.path.id)) throw noSuch("subscription_item", ctx.path.id);
      if (sub.items.data.length === 1) throw invalidRequest("A subscription must have at least one active plan. To cancel a subscription, please use the cancel API endpoint on /v1/subscriptions.", {});
      const p = ctx.params;
      const inner = { ...ctx, params: { items: [{ id: ctx.path.id, deleted: true }], proration_behavior: p.proration_behavior, proration_date: p.proration_date } };
      inClock(ctx, sub.customer as string, () => updateSubscription(inner as RequestContext, sub));
      return { id: ctx.path.id, object: "subscription_item", deleted: true };
    },
  },
];

/** Customer deletion cancels the customer's subscriptions (BEHAVIOR §4.1). */
export function cancelCustomerSubscriptions(emu: Emulator, cause: EventCause, customerId: string): void {
  for (const sub of emu.store.all<Subscription>("subscriptions")) {
    if (sub.customer === customerId && sub.status !== "canceled" && sub.status !== "incomplete_expired") cancelNow(emu, cause, sub, { reason: "cancellation_requested" });
  }
}

void computeTotals;
