// Building a draft invoice from lines and pending invoice items, and computing its totals
// (discounts, amount due). No events.
import type Stripe from "stripe";
import type { Emulator } from "../../core/emulator.ts";
import { newId, nowSeconds } from "../../core/ids.ts";
import { discountAmount, discountApplies } from "../coupons.ts";
import { lineObject, productName, type Invoice, type InvoiceItem, type LineSpec, type Subscription } from "../model.ts";

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
    custom_fields: n.subscription?.invoice_settings?.custom_fields ?? cust.invoice_settings?.custom_fields ?? null,
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
    description: n.description ?? n.subscription?.invoice_settings?.description ?? null,
    discounts: n.discounts ?? [],
    due_date: collection === "send_invoice" ? now + (n.daysUntilDue ?? 30) * 86400 : null,
    effective_at: null,
    ending_balance: null,
    footer: n.subscription?.invoice_settings?.footer ?? cust.invoice_settings?.footer ?? null,
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
