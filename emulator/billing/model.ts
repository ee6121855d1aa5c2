// Shared Billing types and helpers: clock time, billing periods, plans, invoice lines.
import type Stripe from "stripe";
import type { Emulator } from "../core/emulator.ts";
import { newId, randomToken } from "../core/ids.ts";

/** Endive has no `subscription` on invoices: it is `parent.subscription_details.subscription`. */
export type Invoice = Stripe.Invoice;
export type Subscription = Stripe.Subscription;
export type SubscriptionItem = Stripe.SubscriptionItem;
export type InvoiceItem = Stripe.InvoiceItem;
export type InvoicePayment = Stripe.InvoicePayment;
export type TestClock = Stripe.TestHelpers.TestClock;

/** Emulator-private facts about an invoice. */
export interface InvoiceMeta extends Record<string, unknown> {
  paymentIntent?: string;
  invoicePayment?: string;
  /** Clock/real time at which a draft created by automation is finalized and attempted. */
  finalizeAt?: number;
  /** Failed automatic attempts so far (drives the retry schedule). */
  retries?: number;
  /** The current attempt is Stripe's automation (renewal or retry), not a customer's confirmation. */
  automatic?: boolean;
  paymentBehavior?: string;
}

export interface SubscriptionMeta extends Record<string, unknown> {
  paymentBehavior?: string;
  saveDefaultPaymentMethod?: boolean;
  trialWillEndSent?: number;
  /** Per-subscription override of the dunning final action (control API). */
  finalAction?: "cancel" | "unpaid" | "past_due";
}

export function clockOfCustomer(emu: Emulator, customerId: string | null | undefined): TestClock | null {
  if (!customerId) return null;
  const c = emu.store.get<Stripe.Customer>("customers", customerId);
  const clockId = c?.test_clock as string | null | undefined;
  return clockId ? (emu.store.get<TestClock>("test_clocks", clockId) ?? null) : null;
}

/** The frozen time of the customer's test clock, or null when the customer has none. */
export function clockTime(emu: Emulator, customerId: string | null | undefined): number | null {
  return clockOfCustomer(emu, customerId)?.frozen_time ?? null;
}

const DAY = 86400;

/** Adds `n` intervals to `anchor`, clamping the day of month like Stripe (Jan 31 → Feb 28). */
export function addInterval(anchor: number, interval: string, count: number, n: number): number {
  if (interval === "day") return anchor + n * count * DAY;
  if (interval === "week") return anchor + n * count * 7 * DAY;
  const d = new Date(anchor * 1000);
  const months = (interval === "year" ? 12 : 1) * count * n;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Math.floor(Date.UTC(targetYear, targetMonth, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000);
}

/** The first period boundary strictly after `after`, counting from `anchor`. */
export function nextBoundary(anchor: number, after: number, interval: string, count: number): number {
  if (anchor > after) return anchor;
  let n = 1;
  let t = addInterval(anchor, interval, count, n);
  while (t <= after && n < 10_000) t = addInterval(anchor, interval, count, ++n);
  return t;
}

export function planOf(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring!.interval,
    interval_count: price.recurring!.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: price.recurring!.meter,
    nickname: price.nickname,
    product: price.product as string,
    tiers_mode: price.tiers_mode,
    transform_usage: null,
    trial_period_days: price.recurring!.trial_period_days,
    usage_type: price.recurring!.usage_type,
  } as Stripe.Plan;
}

export function unitAmount(price: Stripe.Price): number {
  return price.unit_amount_decimal !== null ? Number(price.unit_amount_decimal) : (price.unit_amount ?? 0);
}

export function productName(emu: Emulator, price: Stripe.Price | null): string {
  if (!price) return "Item";
  const product = emu.store.get<Stripe.Product>("products", price.product as string);
  return product?.name ?? (price.product as string);
}

export function money(amount: number, currency: string): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  const symbol = currency === "usd" ? "$" : currency === "eur" ? "€" : currency === "gbp" ? "£" : `${currency.toUpperCase()} `;
  return `${sign}${symbol}${(abs / 100).toFixed(2)}`;
}

export function formatDate(t: number): string {
  return new Date(t * 1000).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

/** What a line is made from, before it becomes a `line_item`. */
export interface LineSpec {
  amount: number;
  description: string;
  period: { start: number; end: number };
  quantity: number | null;
  price: Stripe.Price | null;
  proration: boolean;
  subscription: string | null;
  subscriptionItem: string | null;
  invoiceItem: string | null;
  metadata?: Record<string, string>;
  discountable?: boolean;
}

export function lineObject(invoiceId: string, spec: LineSpec, currency: string, preview: boolean): Stripe.InvoiceLineItem {
  const parent = spec.subscriptionItem
    ? {
        type: "subscription_item_details",
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: spec.invoiceItem,
          proration: spec.proration,
          proration_details: { credited_items: null },
          subscription: spec.subscription,
          subscription_item: spec.subscriptionItem,
        },
      }
    : {
        type: "invoice_item_details",
        invoice_item_details: {
          invoice_item: spec.invoiceItem,
          proration: spec.proration,
          proration_details: { credited_items: null },
          subscription: spec.subscription,
        },
        subscription_item_details: null,
      };
  return {
    id: preview ? `il_tmp_1${randomToken(23)}` : newId("il"),
    object: "line_item",
    amount: spec.amount,
    currency,
    description: spec.description,
    discount_amounts: [],
    discountable: spec.discountable ?? true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: spec.metadata ?? {},
    parent,
    period: spec.period,
    pretax_credit_amounts: [],
    pricing: spec.price
      ? {
          type: "price_details",
          price_details: { price: spec.price.id, product: spec.price.product as string },
          unit_amount_decimal: spec.price.unit_amount_decimal,
        }
      : { type: "price_details", unit_amount_decimal: spec.quantity ? String(spec.amount / spec.quantity) : null },
    quantity: spec.quantity,
    quantity_decimal: spec.quantity === null ? null : String(spec.quantity),
    subscription: spec.subscription,
    subtotal: spec.amount,
    taxes: [],
  } as unknown as Stripe.InvoiceLineItem;
}
