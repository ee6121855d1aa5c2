// Invoices, invoice items and invoice payments (BEHAVIOR §6.2, §6.3, §6.9, §6.10): the invoice
// life cycle draft → open → paid | void | uncollectible, payment through a PaymentIntent whose
// outcome comes back through the PaymentIntent hooks, and dunning retries.
import type Stripe from "stripe";
import type { EventCause, Route } from "../context.ts";
import type { Emulator } from "../emulator.ts";
import { ApiError, invalidRequest } from "../errors.ts";
import { registerIncludable } from "../expand.ts";
import { atTime, newId, nowSeconds } from "../ids.ts";
import { matchesCreated, paginate } from "../list.ts";
import { arr, bool, createdFilter, int, listParams, mergeMetadata, metadata, obj, oneOf, openObj, req, str, type Params } from "../params.ts";
import { confirmPaymentIntent, createInvoicePaymentIntent, paymentIntentHooks } from "../resources/payment_intents.ts";
import { load, reference } from "../resources/shared.ts";
import { createDiscounts, discountAmount, discountApplies, discountsSpec, markDiscountUsed } from "./coupons.ts";
import { clockTime, lineObject, productName, type Invoice, type InvoiceItem, type InvoiceMeta, type InvoicePayment, type LineSpec, type Subscription } from "./model.ts";
import { billingSettings } from "./settings.ts";

/** Subscription reactions to invoice outcomes; set by subscriptions.ts (avoids an import cycle). */
export const invoiceHooks = {
  paid: [] as ((emu: Emulator, cause: EventCause, invoice: Invoice) => void)[],
  paymentFailed: [] as ((emu: Emulator, cause: EventCause, invoice: Invoice, automatic: boolean, exhausted: boolean) => void)[],
};

export function invMeta(emu: Emulator, id: string): InvoiceMeta {
  return emu.store.meta<InvoiceMeta>(id);
}

export interface NewInvoice {
  customer: Stripe.Customer;
  subscription?: Subscription | null;
  billingReason: Stripe.Invoice.BillingReason;
  lines: LineSpec[];
  period?: { start: number; end: number };
  discounts?: string[];
  description?: string | null;
  autoAdvance?: boolean;
  collectionMethod?: "charge_automatically" | "send_invoice";
  daysUntilDue?: number | null;
  metadata?: Record<string, string>;
  defaultPaymentMethod?: string | null;
  currency?: string;
  preview?: boolean;
  prorationDate?: number | null;
}

/** Builds (and unless previewing, stores) a draft invoice with computed totals. No events. */
export function buildInvoice(emu: Emulator, n: NewInvoice): Invoice {
  const now = nowSeconds();
  const id = n.preview ? `upcoming_in_1${newId("x").slice(3)}` : newId("in");
  const currency = n.currency ?? n.lines.find((l) => l.price)?.price?.currency ?? n.subscription?.currency ?? "usd";
  const cust = n.customer;
  const lines = n.lines.map((l) => lineObject(id, l, currency, !!n.preview));
  const collection = n.collectionMethod ?? n.subscription?.collection_method ?? "charge_automatically";
  const inv = {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "Payport (emulator)",
    account_tax_ids: null,
    amount_due: 0,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: n.autoAdvance ?? true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: n.billingReason,
    collection_method: collection,
    created: now,
    currency,
    custom_fields: null,
    customer: cust.id,
    customer_account: null,
    customer_address: cust.address,
    customer_email: cust.email,
    customer_name: cust.name,
    customer_phone: cust.phone,
    customer_shipping: cust.shipping,
    customer_tax_exempt: cust.tax_exempt ?? "none",
    customer_tax_ids: [],
    default_payment_method: n.defaultPaymentMethod ?? null,
    default_source: null,
    default_tax_rates: [],
    description: n.description ?? null,
    discounts: n.discounts ?? [],
    due_date: collection === "send_invoice" ? now + (n.daysUntilDue ?? 30) * 86400 : null,
    effective_at: null,
    ending_balance: null,
    footer: cust.invoice_settings?.footer ?? null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: n.metadata ?? {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: n.subscription
      ? {
          type: "subscription_details",
          quote_details: null,
          subscription_details: {
            metadata: { ...n.subscription.metadata },
            subscription: n.subscription.id,
            ...(n.prorationDate ? { subscription_proration_date: n.prorationDate } : {}),
          },
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: n.period?.end ?? now,
    period_start: n.period?.start ?? now,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subscription: null,
    subtotal: 0,
    subtotal_excluding_tax: 0,
    test_clock: (cust.test_clock as string | null) ?? null,
    total: 0,
    total_discount_amounts: [],
    total_excluding_tax: 0,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  } as unknown as Invoice;
  computeTotals(emu, inv, !!n.preview);
  if (!n.preview) {
    emu.store.put("invoices", inv);
    for (const l of n.lines) {
      if (!l.invoiceItem) continue;
      const ii = emu.store.get<InvoiceItem>("invoiceitems", l.invoiceItem);
      if (ii) {
        ii.invoice = inv.id;
        emu.store.put("invoiceitems", ii);
      }
    }
  }
  return inv;
}

/** subtotal, discounts, total, amount_due (customer balance is applied at finalization, and in previews). */
export function computeTotals(emu: Emulator, inv: Invoice, preview: boolean): void {
  const lines = inv.lines.data;
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  let base = lines.filter((l) => l.discountable).reduce((s, l) => s + l.amount, 0);
  const discountAmounts: { amount: number; discount: string }[] = [];
  for (const d of (inv.discounts as string[]) ?? []) {
    if (!discountApplies(emu, d)) continue;
    const amount = discountAmount(emu, d, base);
    base -= amount;
    discountAmounts.push({ amount, discount: d });
  }
  const total = subtotal - discountAmounts.reduce((s, d) => s + d.amount, 0);
  inv.subtotal = subtotal;
  inv.subtotal_excluding_tax = subtotal;
  inv.total = total;
  inv.total_excluding_tax = total;
  inv.total_discount_amounts = discountAmounts;
  let due = Math.max(0, total);
  if (preview) {
    const cust = emu.store.get<Stripe.Customer>("customers", inv.customer as string);
    const balance = cust?.balance ?? 0;
    inv.starting_balance = balance;
    if (balance < 0) due = Math.max(0, due + balance);
  }
  inv.amount_due = due;
  inv.amount_remaining = Math.max(0, due - inv.amount_paid);
}

/** Pending invoice items (not yet on an invoice) for a customer, optionally one subscription's. */
export function pendingItems(emu: Emulator, customer: string, subscription?: string | null): InvoiceItem[] {
  return emu.store
    .all<InvoiceItem>("invoiceitems")
    .filter((ii) => ii.customer === customer && !ii.invoice && (subscription === undefined || subscriptionOfItem(ii) === (subscription ?? null)))
    .reverse();
}

export function subscriptionOfItem(ii: InvoiceItem): string | null {
  return (ii.parent as { subscription_details?: { subscription: string } } | null)?.subscription_details?.subscription ?? null;
}

export function lineFromItem(emu: Emulator, ii: InvoiceItem): LineSpec {
  const priceId = (ii.pricing as { price_details?: { price: string } } | null)?.price_details?.price;
  const price = priceId ? (emu.store.get<Stripe.Price>("prices", priceId) ?? null) : null;
  const parent = ii.parent as { subscription_details?: { subscription: string; subscription_item?: string } } | null;
  return {
    amount: ii.amount,
    description: ii.description ?? productName(emu, price),
    period: ii.period,
    quantity: ii.quantity,
    price,
    proration: ii.proration,
    subscription: parent?.subscription_details?.subscription ?? null,
    subscriptionItem: parent?.subscription_details?.subscription_item ?? null,
    invoiceItem: ii.id,
    metadata: ii.metadata ?? {},
    discountable: ii.discountable,
  };
}

export function emitInvoiceCreated(emu: Emulator, cause: EventCause, inv: Invoice): void {
  emu.emit("invoice.created", inv, cause);
}

/**
 * draft → open: number, hosted URLs, customer balance, and (when money is due on an automatically
 * charged invoice) its PaymentIntent and default invoice payment. A $0 invoice is paid at once.
 */
export function finalizeInvoice(emu: Emulator, cause: EventCause, inv: Invoice): Invoice {
  if (inv.status !== "draft") throw invalidRequest("This invoice is already finalized, you can't re-finalize a non-draft invoice.", { code: "invoice_not_editable" } as never);
  const now = nowSeconds();
  const cust = emu.store.get<Stripe.Customer>("customers", inv.customer as string);
  computeTotals(emu, inv, false);
  for (const d of (inv.discounts as string[]) ?? []) if (inv.total_discount_amounts?.some((x) => x.discount === d)) markDiscountUsed(emu, d);
  if (cust) {
    const seq = cust.next_invoice_sequence ?? 1;
    inv.number = `${cust.invoice_prefix}-${String(seq).padStart(4, "0")}`;
    cust.next_invoice_sequence = seq + 1;
    const balance = cust.balance ?? 0;
    inv.starting_balance = balance;
    let due = inv.total;
    let next = balance;
    if (due > 0 && balance < 0) {
      const applied = Math.min(-balance, due);
      due -= applied;
      next += applied;
    }
    if (due < 0) {
      next += due;
      due = 0;
    }
    inv.amount_due = due;
    inv.amount_remaining = due;
    inv.ending_balance = next;
    if (next !== balance) {
      const previous = { balance };
      cust.balance = next;
      emu.store.put("customers", cust);
      emu.emit("customer.updated", cust, cause, previous);
    } else emu.store.put("customers", cust);
  }
  inv.status = "open";
  inv.status_transitions.finalized_at = now;
  inv.effective_at = now;
  inv.webhooks_delivered_at = now;
  inv.hosted_invoice_url = `${emu.baseUrl}/i/${inv.id}`;
  inv.invoice_pdf = `${emu.baseUrl}/i/${inv.id}/pdf`;
  inv.automatically_finalizes_at = null;
  emu.store.put("invoices", inv);
  emu.emit("invoice.finalized", inv, cause);
  if (inv.amount_due === 0) {
    markPaid(emu, cause, inv, null);
    return inv;
  }
  if (inv.collection_method === "charge_automatically") {
    const reason = inv.billing_reason;
    const description =
      reason === "subscription_create" ? "Subscription creation" : reason === "subscription_update" ? "Subscription update" : reason === "subscription_cycle" ? "Subscription cycle" : `Invoice ${inv.number}`;
    const pi = createInvoicePaymentIntent(emu, cause, { amount: inv.amount_due, currency: inv.currency, customer: inv.customer as string, description });
    const payment = {
      id: newId("inpay"),
      object: "invoice_payment",
      amount_paid: null,
      amount_requested: inv.amount_due,
      created: now,
      currency: inv.currency,
      invoice: inv.id,
      is_default: true,
      livemode: false,
      payment: { type: "payment_intent", payment_intent: pi.id },
      status: "open",
      status_transitions: { canceled_at: null, paid_at: null },
    } as unknown as InvoicePayment;
    emu.store.put("invoice_payments", payment);
    Object.assign(invMeta(emu, inv.id), { paymentIntent: pi.id, invoicePayment: payment.id });
    emu.store.meta<{ invoice?: string }>(pi.id).invoice = inv.id;
  }
  return inv;
}

/** open → paid; the default invoice payment becomes paid. Emits Stripe's success events. */
export function markPaid(emu: Emulator, cause: EventCause, inv: Invoice, pi: Stripe.PaymentIntent | null, outOfBand = false): void {
  const now = nowSeconds();
  const previous = { status: inv.status, amount_paid: inv.amount_paid, amount_remaining: inv.amount_remaining };
  inv.amount_paid = inv.amount_due;
  inv.amount_remaining = 0;
  inv.status = "paid";
  inv.status_transitions.paid_at = now;
  inv.next_payment_attempt = null;
  inv.auto_advance = false;
  if (pi) {
    inv.attempted = true;
    inv.attempt_count += 1;
  }
  emu.store.put("invoices", inv);
  const m = invMeta(emu, inv.id);
  const payment = m.invoicePayment ? emu.store.get<InvoicePayment>("invoice_payments", m.invoicePayment) : undefined;
  if (payment && (pi || outOfBand)) {
    payment.status = "paid";
    payment.amount_paid = inv.amount_paid;
    payment.status_transitions.paid_at = now;
    emu.store.put("invoice_payments", payment);
    emu.emit("invoice_payment.paid", payment, cause);
  }
  emu.emit("invoice.paid", inv, cause);
  emu.emit("invoice.payment_succeeded", inv, cause);
  if (pi || outOfBand) emu.emit("invoice.updated", inv, cause, previous);
  for (const hook of invoiceHooks.paid) hook(emu, cause, inv);
}

/** Picks the payment method by Stripe's precedence (BEHAVIOR §4.2). */
export function defaultPaymentMethod(emu: Emulator, inv: Invoice): string | null {
  if (inv.default_payment_method) return inv.default_payment_method as string;
  const subId = (inv.parent as { subscription_details?: { subscription: string } } | null)?.subscription_details?.subscription;
  const sub = subId ? emu.store.get<Subscription>("subscriptions", subId) : undefined;
  if (sub?.default_payment_method) return sub.default_payment_method as string;
  const cust = emu.store.get<Stripe.Customer>("customers", inv.customer as string);
  return (cust?.invoice_settings?.default_payment_method as string | null) ?? null;
}

/**
 * Attempts to collect an open invoice on the server (renewals, retries, `pay`). The outcome is
 * applied by the PaymentIntent hooks; a decline is returned (not thrown).
 */
export function attemptPayment(emu: Emulator, cause: EventCause, inv: Invoice, opts: { automatic: boolean; paymentMethod?: string | null; offSession?: boolean }): ApiError | null {
  if (inv.status !== "open") return null;
  if (inv.amount_remaining === 0) {
    markPaid(emu, cause, inv, null);
    return null;
  }
  const m = invMeta(emu, inv.id);
  const pi = m.paymentIntent ? emu.store.get<Stripe.PaymentIntent>("payment_intents", m.paymentIntent) : undefined;
  const pm = opts.paymentMethod ?? defaultPaymentMethod(emu, inv);
  if (!pi || !pm) {
    m.automatic = opts.automatic;
    try {
      recordFailure(emu, cause, inv);
    } finally {
      m.automatic = false;
    }
    return invalidRequest("This customer has no attached payment source or default payment method. Please consider adding a default payment method.", {});
  }
  m.automatic = opts.automatic;
  try {
    confirmPaymentIntent(emu, cause, pi, { payment_method: pm, off_session: opts.offSession === false ? undefined : "true" }, emu.baseUrl);
    return null;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  } finally {
    m.automatic = false;
  }
}

/** A failed attempt: attempt_count, retry schedule, `invoice.payment_failed`, subscription hooks. */
function recordFailure(emu: Emulator, cause: EventCause, inv: Invoice): void {
  const m = invMeta(emu, inv.id);
  const automatic = !!m.automatic;
  inv.attempted = true;
  inv.attempt_count += 1;
  let exhausted = false;
  if (automatic) {
    const settings = billingSettings(emu);
    const retries = m.retries ?? 0;
    if (retries < settings.retry_days.length) {
      inv.next_payment_attempt = nowSeconds() + Math.round(settings.retry_days[retries] * 86400);
      m.retries = retries + 1;
    } else {
      inv.next_payment_attempt = null;
      exhausted = true;
    }
  }
  emu.store.put("invoices", inv);
  const pid = m.paymentIntent;
  const pi = pid ? emu.store.get<Stripe.PaymentIntent>("payment_intents", pid) : undefined;
  if (pi?.last_payment_error?.code === "authentication_required") emu.emit("invoice.payment_action_required", inv, cause);
  emu.emit("invoice.payment_failed", inv, cause);
  for (const hook of invoiceHooks.paymentFailed) hook(emu, cause, inv, automatic, exhausted);
  if (exhausted && billingSettings(emu).invoice_final_action === "uncollectible" && inv.status === "open") markUncollectible(emu, cause, inv);
}

export function markUncollectible(emu: Emulator, cause: EventCause, inv: Invoice): void {
  const previous = { status: inv.status };
  inv.status = "uncollectible";
  inv.status_transitions.marked_uncollectible_at = nowSeconds();
  inv.next_payment_attempt = null;
  inv.auto_advance = false;
  emu.store.put("invoices", inv);
  emu.emit("invoice.marked_uncollectible", inv, cause);
  emu.emit("invoice.updated", inv, cause, previous);
}

export function voidInvoice(emu: Emulator, cause: EventCause, inv: Invoice): void {
  const previous = { status: inv.status };
  inv.status = "void";
  inv.status_transitions.voided_at = nowSeconds();
  inv.next_payment_attempt = null;
  inv.auto_advance = false;
  inv.amount_remaining = 0;
  emu.store.put("invoices", inv);
  const m = invMeta(emu, inv.id);
  const pi = m.paymentIntent ? emu.store.get<Stripe.PaymentIntent>("payment_intents", m.paymentIntent) : undefined;
  if (pi && pi.status !== "succeeded" && pi.status !== "canceled") {
    pi.status = "canceled";
    pi.canceled_at = nowSeconds();
    pi.cancellation_reason = "void_invoice";
    emu.store.put("payment_intents", pi);
    emu.emit("payment_intent.canceled", pi, cause);
  }
  const payment = m.invoicePayment ? emu.store.get<InvoicePayment>("invoice_payments", m.invoicePayment) : undefined;
  if (payment && payment.status === "open") {
    payment.status = "canceled";
    payment.status_transitions.canceled_at = nowSeconds();
    emu.store.put("invoice_payments", payment);
  }
  emu.emit("invoice.voided", inv, cause);
  emu.emit("invoice.updated", inv, cause, previous);
}

function invoiceOfPaymentIntent(emu: Emulator, pi: Stripe.PaymentIntent): Invoice | undefined {
  const id = emu.store.meta<{ invoice?: string }>(pi.id).invoice;
  return id ? emu.store.get<Invoice>("invoices", id) : undefined;
}

paymentIntentHooks.succeeded.push((emu, pi, cause) => {
  const inv = invoiceOfPaymentIntent(emu, pi);
  if (!inv || (inv.status !== "open" && inv.status !== "uncollectible")) return;
  atTime(clockTime(emu, inv.customer as string), () => markPaid(emu, cause, inv, pi));
});

paymentIntentHooks.failed.push((emu, pi, cause) => {
  const inv = invoiceOfPaymentIntent(emu, pi);
  if (!inv || inv.status !== "open") return;
  atTime(clockTime(emu, inv.customer as string), () => recordFailure(emu, cause, inv));
});

registerIncludable("invoice", "confirmation_secret", (object, store) => {
  const pid = store.meta<InvoiceMeta>(object.id as string).paymentIntent;
  const pi = pid ? store.get<Stripe.PaymentIntent>("payment_intents", pid) : undefined;
  if (!pi || object.status !== "open") return null;
  return { client_secret: pi.client_secret, type: "payment_intent" };
});

registerIncludable("invoice", "payments", (object, store) => {
  const data = store.all<InvoicePayment>("invoice_payments").filter((p) => p.invoice === object.id);
  return { object: "list", data, has_more: false, url: `/v1/invoice_payments?invoice=${object.id as string}` };
});

// ---------------------------------------------------------------------------------------------
// Routes

const invoiceItemFields = {
  amount: int(),
  currency: str(),
  description: str(),
  discountable: bool(),
  discounts: discountsSpec,
  metadata: metadata(),
  period: obj({ start: req(int()), end: req(int()) }),
  price_data: obj({ currency: req(str()), product: req(str()), unit_amount: int(), unit_amount_decimal: str(), tax_behavior: str() }),
  pricing: obj({ price: str() }),
  quantity: int(0),
  unit_amount_decimal: str(),
  tax_behavior: str(),
  tax_code: str(),
  tax_rates: arr(str()),
};

export function createInvoiceItem(emu: Emulator, cause: EventCause, p: Params & { customer: string }, extra: { proration?: boolean; subscription?: string | null; subscriptionItem?: string | null; price?: Stripe.Price | null } = {}): InvoiceItem {
  const now = nowSeconds();
  const price = extra.price ?? null;
  const quantity = p.quantity ?? 1;
  const amount = p.amount ?? (price ? Math.round((price.unit_amount ?? 0) * quantity) : p.unit_amount_decimal ? Math.round(Number(p.unit_amount_decimal) * quantity) : 0);
  const cust = emu.store.get<Stripe.Customer>("customers", p.customer);
  const ii = {
    id: newId("ii"),
    object: "invoiceitem",
    amount,
    currency: (p.currency ?? price?.currency ?? "usd").toLowerCase(),
    customer: p.customer,
    customer_account: null,
    date: now,
    description: p.description ?? (price ? productName(emu, price) : null),
    discountable: p.discountable ?? !extra.proration,
    discounts: [],
    invoice: p.invoice ?? null,
    livemode: false,
    metadata: mergeMetadata({}, p.metadata),
    net_amount: amount,
    parent: extra.subscription
      ? { type: "subscription_details", subscription_details: { subscription: extra.subscription, ...(extra.subscriptionItem ? { subscription_item: extra.subscriptionItem } : {}) } }
      : null,
    period: p.period ?? { start: now, end: now },
    pricing: { type: "price_details", price_details: price ? { price: price.id, product: price.product as string } : null, unit_amount_decimal: price ? price.unit_amount_decimal : quantity ? String(amount / (quantity || 1)) : null },
    proration: extra.proration ?? false,
    quantity,
    quantity_decimal: String(quantity),
    tax_rates: [],
    test_clock: (cust?.test_clock as string | null) ?? null,
  } as unknown as InvoiceItem;
  emu.store.put("invoiceitems", ii);
  emu.emit("invoiceitem.created", ii, cause);
  return ii;
}

function customerOf(emu: Emulator, id: string, param = "customer"): Stripe.Customer {
  return reference<Stripe.Customer>({ emu } as never, "customers", id, "customer", param);
}

function loadInvoice(emu: Emulator, id: string): Invoice {
  return load<Invoice>({ emu } as never, "invoices", id, "invoice");
}

function notEditable(inv: Invoice): ApiError {
  return invalidRequest(`You can only modify draft invoices. This invoice (${inv.id}) has status ${inv.status}.`, { code: "invoice_not_editable" } as never);
}

/** Runs a handler in the customer's clock time. */
function inClock<T>(emu: Emulator, customer: string | null | undefined, fn: () => T): T {
  return atTime(clockTime(emu, customer), fn);
}

export const invoiceRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/invoices",
    schema: {
      customer: str(),
      auto_advance: bool(),
      collection_method: oneOf("charge_automatically", "send_invoice"),
      days_until_due: int(0),
      description: str(),
      metadata: metadata(),
      subscription: str(),
      discounts: discountsSpec,
      default_payment_method: str(),
      pending_invoice_items_behavior: oneOf("include", "exclude"),
      footer: str(),
      custom_fields: arr(obj({ name: str(), value: str() })),
      due_date: int(),
      currency: str(),
      automatic_tax: obj({ enabled: bool() }),
      rendering: openObj(),
      payment_settings: openObj(),
      statement_descriptor: str(22),
      number: str(),
      shipping_details: openObj(),
      shipping_cost: openObj(),
      issuer: openObj(),
      account_tax_ids: arr(str()),
      default_tax_rates: arr(str()),
      effective_at: int(),
    },
    handler(ctx) {
      const p = ctx.params;
      if (!p.customer) throw invalidRequest("Missing required param: customer.", { code: "parameter_missing", param: "customer" });
      const cust = customerOf(ctx.emu, p.customer);
      return inClock(ctx.emu, cust.id, () => {
        const sub = p.subscription ? reference<Subscription>(ctx, "subscriptions", p.subscription, "subscription", "subscription") : null;
        const items = p.pending_invoice_items_behavior === "include" ? pendingItems(ctx.emu, cust.id, sub ? sub.id : undefined) : [];
        const inv = buildInvoice(ctx.emu, {
          customer: cust,
          subscription: sub,
          billingReason: "manual",
          lines: items.map((ii) => lineFromItem(ctx.emu, ii)),
          description: p.description,
          autoAdvance: p.auto_advance ?? false,
          collectionMethod: p.collection_method,
          daysUntilDue: p.days_until_due,
          metadata: mergeMetadata({}, p.metadata),
          defaultPaymentMethod: p.default_payment_method,
          currency: p.currency ? String(p.currency).toLowerCase() : undefined,
        });
        if (p.discounts) {
          inv.discounts = createDiscounts(ctx, ctx, p.discounts, { customer: cust.id, invoice: inv.id });
          computeTotals(ctx.emu, inv, false);
          ctx.emu.store.put("invoices", inv);
        }
        emitInvoiceCreated(ctx.emu, ctx, inv);
        return inv;
      });
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/create_preview",
    schema: {
      customer: str(),
      subscription: str(),
      subscription_details: obj({
        items: arr(openObj()),
        proration_behavior: oneOf("always_invoice", "create_prorations", "none"),
        proration_date: int(),
        cancel_at_period_end: bool(),
        cancel_now: bool(),
        cancel_at: int(),
        trial_end: str(),
        billing_cycle_anchor: openObj(),
        resume_at: str(),
        start_date: int(),
        default_tax_rates: arr(str()),
        billing_mode: openObj(),
      }),
      discounts: discountsSpec,
      invoice_items: arr(openObj()),
      preview_mode: oneOf("next", "recurring"),
      automatic_tax: obj({ enabled: bool() }),
      currency: str(),
      customer_details: openObj(),
      issuer: openObj(),
      on_behalf_of: str(),
      schedule: str(),
      schedule_details: openObj(),
    },
    handler: (ctx) => previewHook.fn(ctx),
  },
  {
    method: "GET",
    path: "/v1/invoices/:id",
    schema: {},
    handler: (ctx) => loadInvoice(ctx.emu, ctx.path.id),
  },
  {
    method: "POST",
    path: "/v1/invoices/:id",
    schema: {
      auto_advance: bool(),
      description: str(),
      metadata: metadata(),
      default_payment_method: str(),
      discounts: discountsSpec,
      footer: str(),
      collection_method: oneOf("charge_automatically", "send_invoice"),
      days_until_due: int(0),
      due_date: int(),
      custom_fields: arr(obj({ name: str(), value: str() })),
      rendering: openObj(),
      payment_settings: openObj(),
      statement_descriptor: str(22),
      automatic_tax: obj({ enabled: bool() }),
    },
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      const p = ctx.params;
      const onlyMeta = Object.keys(p).every((k) => k === "metadata" || k === "expand" || k === "description" || k === "footer" || k === "auto_advance");
      if (inv.status !== "draft" && !onlyMeta) throw notEditable(inv);
      const previous: Record<string, unknown> = {};
      const set = <K extends keyof Invoice>(k: K, v: Invoice[K]) => {
        if (v === undefined || JSON.stringify(inv[k]) === JSON.stringify(v)) return;
        previous[k as string] = inv[k];
        inv[k] = v;
      };
      if (p.auto_advance !== undefined) set("auto_advance", p.auto_advance);
      if (p.description !== undefined) set("description", p.description);
      if (p.footer !== undefined) set("footer", p.footer);
      if (p.default_payment_method !== undefined) set("default_payment_method", p.default_payment_method);
      if (p.collection_method) set("collection_method", p.collection_method);
      if (p.metadata !== undefined) set("metadata", mergeMetadata(inv.metadata ?? {}, p.metadata));
      if (p.discounts !== undefined) set("discounts", p.discounts ? createDiscounts(ctx, ctx, p.discounts, { customer: inv.customer as string, invoice: inv.id }) : []);
      // Totals are frozen once finalized (customer balance and once-only discounts were applied then).
      if (inv.status === "draft") computeTotals(ctx.emu, inv, false);
      ctx.emu.store.put("invoices", inv);
      if (Object.keys(previous).length) ctx.emu.emit("invoice.updated", inv, ctx, previous);
      return inv;
    },
  },
  {
    method: "DELETE",
    path: "/v1/invoices/:id",
    schema: {},
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      if (inv.status !== "draft") throw invalidRequest("You can only delete draft invoices.", { code: "invoice_not_editable" } as never);
      for (const ii of ctx.emu.store.all<InvoiceItem>("invoiceitems")) if (ii.invoice === inv.id) ((ii.invoice = null), ctx.emu.store.put("invoiceitems", ii));
      ctx.emu.store.remove("invoices", inv.id);
      ctx.emu.emit("invoice.deleted", inv, ctx);
      return { id: inv.id, object: "invoice", deleted: true };
    },
  },
  {
    method: "GET",
    path: "/v1/invoices",
    schema: { ...listParams, customer: str(), subscription: str(), status: oneOf("draft", "open", "paid", "uncollectible", "void"), collection_method: str(), created: createdFilter, due_date: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<Invoice>("invoices")
        .filter(
          (inv) =>
            (!p.customer || inv.customer === p.customer) &&
            (!p.subscription || (inv.parent as { subscription_details?: { subscription: string } } | null)?.subscription_details?.subscription === p.subscription) &&
            (!p.status || inv.status === p.status) &&
            (!p.collection_method || inv.collection_method === p.collection_method) &&
            matchesCreated(inv.created, p.created),
        );
      return paginate(items, p, "/v1/invoices");
    },
  },
  {
    method: "GET",
    path: "/v1/invoices/:id/lines",
    schema: { ...listParams },
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      return paginate([...inv.lines.data], ctx.params, `/v1/invoices/${inv.id}/lines`);
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/finalize",
    schema: { auto_advance: bool() },
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      return inClock(ctx.emu, inv.customer as string, () => {
        if (ctx.params.auto_advance !== undefined) inv.auto_advance = ctx.params.auto_advance;
        finalizeInvoice(ctx.emu, ctx, inv);
        if (inv.status === "open" && inv.auto_advance && inv.collection_method === "charge_automatically" && defaultPaymentMethod(ctx.emu, inv)) attemptPayment(ctx.emu, ctx, inv, { automatic: false });
        return inv;
      });
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/pay",
    schema: { payment_method: str(), off_session: bool(), paid_out_of_band: bool(), forgive: bool(), source: str(), mandate: str() },
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      const p = ctx.params;
      return inClock(ctx.emu, inv.customer as string, () => {
        if (inv.status === "draft") finalizeInvoice(ctx.emu, ctx, inv);
        if (inv.status === "paid") throw invalidRequest("Invoice is already paid", { code: "invoice_already_paid" } as never);
        if (inv.status === "void") throw invalidRequest("This invoice has been voided and cannot be paid.", { code: "invoice_not_editable" } as never);
        if (p.paid_out_of_band) {
          markPaid(ctx.emu, ctx, inv, null, true);
          return inv;
        }
        const pm = p.payment_method ?? defaultPaymentMethod(ctx.emu, inv);
        if (!pm)
          throw invalidRequest("This customer has no attached payment source or default payment method. Please consider adding a default payment method.", {
            code: "invoice_no_customer_line_items",
          } as never);
        const error = attemptPayment(ctx.emu, ctx, inv, { automatic: false, paymentMethod: pm, offSession: p.off_session ?? true });
        if (error) throw error;
        return inv;
      });
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/void",
    schema: {},
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      if (inv.status !== "open" && inv.status !== "uncollectible")
        throw invalidRequest(`You can only void open or uncollectible invoices. This invoice has status ${inv.status}.`, { code: "invoice_not_editable" } as never);
      inClock(ctx.emu, inv.customer as string, () => voidInvoice(ctx.emu, ctx, inv));
      return inv;
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/mark_uncollectible",
    schema: {},
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      if (inv.status !== "open") throw invalidRequest(`You can only mark open invoices as uncollectible. This invoice has status ${inv.status}.`, { code: "invoice_not_editable" } as never);
      inClock(ctx.emu, inv.customer as string, () => markUncollectible(ctx.emu, ctx, inv));
      return inv;
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/send",
    schema: {},
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      if (inv.status !== "open") throw invalidRequest("You can only send open invoices.", { code: "invoice_not_editable" } as never);
      ctx.emu.emit("invoice.sent", inv, ctx);
      return inv;
    },
  },
  {
    method: "POST",
    path: "/v1/invoiceitems",
    schema: { ...invoiceItemFields, customer: req(str()), invoice: str(), subscription: str(), price: str() },
    handler(ctx) {
      const p = ctx.params;
      const cust = customerOf(ctx.emu, p.customer);
      return inClock(ctx.emu, cust.id, () => {
        const priceId = p.pricing?.price ?? p.price;
        const price = priceId ? reference<Stripe.Price>(ctx, "prices", priceId, "price", "pricing[price]") : null;
        if (p.amount === undefined && !price && p.unit_amount_decimal === undefined)
          throw invalidRequest("You must specify either `amount`, `pricing[price]` or `unit_amount_decimal`.", { param: "amount" });
        if (p.amount !== undefined && !p.currency && !price) throw invalidRequest("Missing required param: currency.", { code: "parameter_missing", param: "currency" });
        let inv: Invoice | null = null;
        if (p.invoice) {
          inv = reference<Invoice>(ctx, "invoices", p.invoice, "invoice", "invoice");
          if (inv.status !== "draft") throw notEditable(inv);
        }
        if (p.subscription) reference(ctx, "subscriptions", p.subscription, "subscription", "subscription");
        const ii = createInvoiceItem(ctx.emu, ctx, { ...p, customer: cust.id }, { price, subscription: p.subscription ?? null });
        if (inv) {
          inv.lines.data.push(lineObject(inv.id, lineFromItem(ctx.emu, ii), inv.currency, false));
          computeTotals(ctx.emu, inv, false);
          ctx.emu.store.put("invoices", inv);
        }
        return ii;
      });
    },
  },
  { method: "GET", path: "/v1/invoiceitems/:id", schema: {}, handler: (ctx) => load<InvoiceItem>(ctx, "invoiceitems", ctx.path.id, "invoiceitem") },
  {
    method: "POST",
    path: "/v1/invoiceitems/:id",
    schema: { ...invoiceItemFields },
    handler(ctx) {
      const ii = load<InvoiceItem>(ctx, "invoiceitems", ctx.path.id, "invoiceitem");
      const p = ctx.params;
      const inv = ii.invoice ? ctx.emu.store.get<Invoice>("invoices", ii.invoice as string) : undefined;
      const onlyMeta = Object.keys(p).every((k) => k === "metadata" || k === "expand");
      if (inv && inv.status !== "draft" && !onlyMeta) throw notEditable(inv);
      const previous: Record<string, unknown> = {};
      if (p.description !== undefined) ((previous.description = ii.description), (ii.description = p.description));
      if (p.quantity !== undefined && p.quantity !== null) ((previous.quantity = ii.quantity), (ii.quantity = p.quantity));
      if (p.amount !== undefined && p.amount !== null) ((previous.amount = ii.amount), (ii.amount = p.amount), (ii.net_amount = p.amount));
      if (p.metadata !== undefined) ((previous.metadata = ii.metadata), (ii.metadata = mergeMetadata(ii.metadata ?? {}, p.metadata)));
      if (p.discountable !== undefined && p.discountable !== null) ((previous.discountable = ii.discountable), (ii.discountable = p.discountable));
      ctx.emu.store.put("invoiceitems", ii);
      if (inv && inv.status === "draft") {
        inv.lines.data = inv.lines.data.map((l) => ((l.parent as { invoice_item_details?: { invoice_item: string } })?.invoice_item_details?.invoice_item === ii.id ? lineObject(inv.id, lineFromItem(ctx.emu, ii), inv.currency, false) : l));
        computeTotals(ctx.emu, inv, false);
        ctx.emu.store.put("invoices", inv);
      }
      ctx.emu.emit("invoiceitem.updated", ii, ctx, previous);
      return ii;
    },
  },
  {
    method: "DELETE",
    path: "/v1/invoiceitems/:id",
    schema: {},
    handler(ctx) {
      const ii = load<InvoiceItem>(ctx, "invoiceitems", ctx.path.id, "invoiceitem");
      const inv = ii.invoice ? ctx.emu.store.get<Invoice>("invoices", ii.invoice as string) : undefined;
      if (inv && inv.status !== "draft") throw notEditable(inv);
      if (inv) {
        inv.lines.data = inv.lines.data.filter((l) => (l.parent as { invoice_item_details?: { invoice_item: string } })?.invoice_item_details?.invoice_item !== ii.id);
        computeTotals(ctx.emu, inv, false);
        ctx.emu.store.put("invoices", inv);
      }
      ctx.emu.store.remove("invoiceitems", ii.id);
      ctx.emu.emit("invoiceitem.deleted", ii, ctx);
      return { id: ii.id, object: "invoiceitem", deleted: true };
    },
  },
  {
    method: "GET",
    path: "/v1/invoiceitems",
    schema: { ...listParams, customer: str(), invoice: str(), pending: bool(), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<InvoiceItem>("invoiceitems")
        .filter((ii) => (!p.customer || ii.customer === p.customer) && (!p.invoice || ii.invoice === p.invoice) && (p.pending === undefined || !ii.invoice === p.pending) && matchesCreated(ii.date, p.created));
      return paginate(items, p, "/v1/invoiceitems");
    },
  },
  {
    method: "GET",
    path: "/v1/invoice_payments",
    schema: { ...listParams, invoice: str(), payment: obj({ type: req(oneOf("payment_intent", "payment_record")), payment_intent: str(), payment_record: str() }), status: oneOf("canceled", "open", "paid"), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<InvoicePayment>("invoice_payments")
        .filter(
          (ip) =>
            (!p.invoice || ip.invoice === p.invoice) &&
            (!p.status || ip.status === p.status) &&
            (!p.payment?.payment_intent || (ip.payment as { payment_intent?: string }).payment_intent === p.payment.payment_intent) &&
            matchesCreated(ip.created, p.created),
        );
      return paginate(items, p, "/v1/invoice_payments");
    },
  },
  { method: "GET", path: "/v1/invoice_payments/:id", schema: {}, handler: (ctx) => load<InvoicePayment>(ctx, "invoice_payments", ctx.path.id, "invoice payment") },
];

/** create_preview lives in subscriptions.ts (it simulates subscription changes). */
export const previewHook: { fn: (ctx: import("../context.ts").RequestContext) => unknown } = {
  fn: () => {
    throw invalidRequest("create_preview is not available");
  },
};
