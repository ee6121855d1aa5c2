// Reconciliation: lists what Stripe has since a point in time (payment
// intents, charges, refunds, disputes, Radar reviews, subscriptions, invoices) and runs each
// object through the same idempotent apply functions the webhooks use, so
// anything a lost or failed webhook left behind is repaired. Reports every row
// it created or changed. A subscription created earlier is re-read when one of
// its invoices is listed (renewals, dunning, cancellations show up there).
// Last, ledger events left "unmatched" (nothing of ours to apply them to) are
// run again: the rows repaired above may be what they were waiting for.
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { applyInvoice, invoiceSubscriptionId } from "@/lib/invoices/apply";
import { applySubscription } from "@/lib/subscriptions/apply";
import { applyDispute } from "@/lib/disputes/apply";
import { applyReview } from "@/lib/reviews/apply";
import { HttpError } from "@/lib/errors";
import { applyPaymentIntent } from "@/lib/orders/apply";
import { getStripe } from "@/lib/stripe/client";
import { handlerFor } from "@/lib/webhooks/handlers";
import { replayStripeEvent } from "@/lib/webhooks/process";
import { idOf, nowSeconds } from "@/lib/stripe/types";

export type ReconcileKind = "payment_intents" | "charges" | "refunds" | "disputes" | "reviews" | "subscriptions" | "invoices" | "unmatched_events";

export type ReconcileChange = {
  kind: ReconcileKind;
  /** The Stripe object that revealed the difference. */
  stripeId: string;
  /** The row created or changed: order, refund or dispute. */
  table: "order" | "refund" | "dispute" | "review" | "subscription" | "invoice";
  rowId: string;
  action: "created" | "updated";
  /** field → [before, after] (only fields that changed). */
  fields: Record<string, [unknown, unknown]>;
};

export type ReconcileReport = {
  since: string;
  startedAt: string;
  finishedAt: string;
  counts: Record<ReconcileKind, { seen: number; changed: number }>;
  changes: ReconcileChange[];
  errors: { kind: ReconcileKind; stripeId: string; message: string }[];
};

/** `--since` / the admin form: an ISO date (2026-11-01, 2026-11-01T12:00Z) or unix seconds. */
export function parseSince(value: unknown): number {
  // Every spelling meets the same bound: a moment past now (unix seconds like 9007199254740993 included) is refused
  // here rather than failing later as an invalid Date.
  const seconds = sinceSeconds(value);
  if (seconds > nowSeconds()) throw new HttpError(400, "since is in the future.", "since");
  return seconds;
}

function sinceSeconds(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  if (typeof value !== "string" || value.trim() === "") throw new HttpError(400, "since is required: an ISO date or unix seconds.", "since");
  const text = value.trim();
  if (/^\d{1,11}$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new HttpError(400, `since must be an ISO date (2026-11-01) or unix seconds, not "${text.slice(0, 40)}".`, "since");
  return Math.floor(ms / 1000);
}

const ORDER_FIELDS = { id: true, status: true, paymentStatus: true, stripePaymentIntentId: true, stripeChargeId: true, amountRefunded: true, lastPaymentError: true, cardBrand: true, cardLast4: true, riskLevel: true } as const;
const REFUND_FIELDS = { id: true, orderId: true, amount: true, status: true, reason: true, failureReason: true } as const;
const REVIEW_FIELDS = { id: true, orderId: true, open: true, reason: true, closedReason: true } as const;
const DISPUTE_FIELDS = { id: true, orderId: true, status: true, amount: true, reason: true, evidenceDueBy: true } as const;
const SUBSCRIPTION_FIELDS = { id: true, status: true, stripePriceId: true, quantity: true, cancelAtPeriodEnd: true, cancelAt: true, endedAt: true, currentPeriodEnd: true, latestInvoiceId: true } as const;
const INVOICE_FIELDS = { id: true, status: true, total: true, amountPaid: true, amountRemaining: true, attemptCount: true } as const;

function diff(before: Record<string, unknown> | null, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const fields: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = before?.[key] ?? null;
    const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));
    if (JSON.stringify(norm(old)) !== JSON.stringify(norm(value))) fields[key] = [norm(old), norm(value)];
  }
  return fields;
}

/** Runs a webhook handler on a fresh object, as if its event had just arrived. */
async function runHandler(type: Stripe.Event.Type, object: unknown, created: number): Promise<void> {
  const event = { id: `reconcile_${type}`, object: "event", type, created, data: { object } } as unknown as Stripe.Event;
  await handlerFor(event)?.(event);
}


export async function reconcileStripe({ since, stripe = getStripe() }: { since: number; stripe?: Stripe }): Promise<ReconcileReport> {
  // The webhook handlers this reuses write through getDb(); so does everything here.
  const db = getDb();
  const startedAt = new Date();
  const report: ReconcileReport = {
    since: new Date(since * 1000).toISOString(),
    startedAt: startedAt.toISOString(),
    finishedAt: "",
    counts: {
      payment_intents: { seen: 0, changed: 0 },
      charges: { seen: 0, changed: 0 },
      refunds: { seen: 0, changed: 0 },
      disputes: { seen: 0, changed: 0 },
      reviews: { seen: 0, changed: 0 },
      subscriptions: { seen: 0, changed: 0 },
      invoices: { seen: 0, changed: 0 },
      unmatched_events: { seen: 0, changed: 0 },
    },
    changes: [],
    errors: [],
  };
  const created = { gte: since };
  // A fresh listing is the newest view there is: apply it with the current time.
  const now = nowSeconds;

  const record = (kind: ReconcileKind, stripeId: string, table: ReconcileChange["table"], before: Record<string, unknown> | null, after: Record<string, unknown> | null) => {
    if (!after) return;
    const fields = diff(before, after);
    if (Object.keys(fields).length === 0) return;
    delete fields.id;
    report.changes.push({ kind, stripeId, table, rowId: String(after.id), action: before ? "updated" : "created", fields });
    report.counts[kind].changed++;
  };
  const attempt = async (kind: ReconcileKind, stripeId: string, work: () => Promise<void>) => {
    report.counts[kind].seen++;
    try {
      await work();
    } catch (error) {
      report.errors.push({ kind, stripeId, message: error instanceof Error ? error.message : String(error) });
    }
  };

  // Orders: status, charge id, last error.
  for await (const pi of stripe.paymentIntents.list({ created, limit: 100 })) {
    await attempt("payment_intents", pi.id, async () => {
      const where = pi.metadata?.order_id ? { OR: [{ stripePaymentIntentId: pi.id }, { id: pi.metadata.order_id }] } : { stripePaymentIntentId: pi.id };
      const before = await db.order.findFirst({ where, select: ORDER_FIELDS });
      if (!before) return; // not one of ours
      await applyPaymentIntent(pi, now());
      record("payment_intents", pi.id, "order", before, await db.order.findUnique({ where: { id: before.id }, select: ORDER_FIELDS }));
    });
  }

  // Orders: refunded amount and card details, as the charge.* handlers keep them.
  for await (const charge of stripe.charges.list({ created, limit: 100 })) {
    await attempt("charges", charge.id, async () => {
      const piId = idOf(charge.payment_intent);
      if (!piId) return;
      const before = await db.order.findUnique({ where: { stripePaymentIntentId: piId }, select: ORDER_FIELDS });
      if (!before) return;
      if (charge.status === "succeeded") await runHandler("charge.succeeded", charge, now());
      await runHandler("charge.updated", charge, now());
      record("charges", charge.id, "order", before, await db.order.findUnique({ where: { id: before.id }, select: ORDER_FIELDS }));
    });
  }

  // Refund rows (and the order's refunded amount): refunds made since, on any charge.
  for await (const refund of stripe.refunds.list({ created, limit: 100 })) {
    await attempt("refunds", refund.id, async () => {
      const before = await db.refund.findUnique({ where: { stripeRefundId: refund.id }, select: REFUND_FIELDS });
      await runHandler("refund.updated", refund, now());
      record("refunds", refund.id, "refund", before, await db.refund.findUnique({ where: { stripeRefundId: refund.id }, select: REFUND_FIELDS }));
    });
  }

  for await (const dispute of stripe.disputes.list({ created, limit: 100 })) {
    await attempt("disputes", dispute.id, async () => {
      const before = await db.dispute.findUnique({ where: { stripeDisputeId: dispute.id }, select: DISPUTE_FIELDS });
      await applyDispute(dispute, now());
      record("disputes", dispute.id, "dispute", before, await db.dispute.findUnique({ where: { stripeDisputeId: dispute.id }, select: DISPUTE_FIELDS }));
    });
  }

  // Radar reviews: Stripe lists the open ones (a lost review.opened would let the order ship);
  // ours still open but not listed were closed meanwhile (a lost review.closed would hold it forever).
  const reconcileReview = (review: Stripe.Review) =>
    attempt("reviews", review.id, async () => {
      const before = await db.review.findUnique({ where: { stripeReviewId: review.id }, select: REVIEW_FIELDS });
      await applyReview(review);
      record("reviews", review.id, "review", before, await db.review.findUnique({ where: { stripeReviewId: review.id }, select: REVIEW_FIELDS }));
    });
  const openOnStripe = new Set<string>();
  for await (const review of stripe.reviews.list({ created, limit: 100 })) {
    openOnStripe.add(review.id);
    await reconcileReview(review);
  }
  for (const { stripeReviewId } of await db.review.findMany({ where: { open: true }, select: { stripeReviewId: true }, take: 1_000 })) {
    if (!openOnStripe.has(stripeReviewId)) await reconcileReview(await stripe.reviews.retrieve(stripeReviewId));
  }

  const subscriptionsSeen = new Set<string>();
  const reconcileSubscription = (sub: Stripe.Subscription) =>
    attempt("subscriptions", sub.id, async () => {
      subscriptionsSeen.add(sub.id);
      const before = await db.subscription.findUnique({ where: { stripeSubscriptionId: sub.id }, select: SUBSCRIPTION_FIELDS });
      await applySubscription(sub, now(), { fresh: true });
      record("subscriptions", sub.id, "subscription", before, await db.subscription.findUnique({ where: { stripeSubscriptionId: sub.id }, select: SUBSCRIPTION_FIELDS }));
    });
  for await (const sub of stripe.subscriptions.list({ created, status: "all", limit: 100 })) await reconcileSubscription(sub);

  for await (const invoice of stripe.invoices.list({ created, limit: 100 })) {
    const subscriptionId = invoiceSubscriptionId(invoice);
    if (subscriptionId && !subscriptionsSeen.has(subscriptionId)) await reconcileSubscription(await stripe.subscriptions.retrieve(subscriptionId));
    await attempt("invoices", invoice.id!, async () => {
      const before = await db.invoice.findUnique({ where: { stripeInvoiceId: invoice.id! }, select: INVOICE_FIELDS });
      await applyInvoice(invoice, now(), { fresh: true });
      record("invoices", invoice.id!, "invoice", before, await db.invoice.findUnique({ where: { stripeInvoiceId: invoice.id! }, select: INVOICE_FIELDS }));
    });
  }

  // Whatever the event's age: an unmatched event waits for its parent however long that takes.
  const unmatchedEvents = await db.stripeEvent.findMany({ where: { status: "unmatched" }, orderBy: { created: "asc" }, select: { id: true }, take: 1_000 });
  for (const { id } of unmatchedEvents) {
    await attempt("unmatched_events", id, async () => {
      const outcome = await replayStripeEvent(id);
      if (outcome?.status === "processed") report.counts.unmatched_events.changed++;
    });
  }

  report.finishedAt = new Date().toISOString();
  return report;
}
