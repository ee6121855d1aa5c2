// The one function that writes a Stripe invoice into our mirror, with the
// same ordering rules as applySubscription: newer snapshots win, same-second
// snapshots are a "tie" the caller resolves with a fresh retrieve, and a
// paid or void invoice never goes back to open (an uncollectible one may
// still be paid or voided).
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import type { ApplyOutcome } from "@/lib/stripe/types";
import { idOf } from "@/lib/stripe/types";

const FINAL_INVOICE_STATUSES = ["paid", "void"];

const dateOf = (seconds: number | null | undefined): Date | null => (seconds == null ? null : new Date(seconds * 1000));

/** The subscription an invoice bills (basil moved it to parent.subscription_details). */
export function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  return idOf(invoice.parent?.subscription_details?.subscription ?? null);
}

export function invoiceData(invoice: Stripe.Invoice) {
  // The invoice's own period_* is the *previous* period for subscription invoices; the lines say what was billed.
  const periods = (invoice.lines?.data ?? []).map((line) => line.period).filter(Boolean);
  const periodStart = periods.length ? Math.min(...periods.map((p) => p.start)) : invoice.period_start;
  const periodEnd = periods.length ? Math.max(...periods.map((p) => p.end)) : invoice.period_end;
  return {
    stripeCustomerId: idOf(invoice.customer)!,
    stripeSubscriptionId: invoiceSubscriptionId(invoice),
    number: invoice.number ?? null,
    status: invoice.status ?? "draft",
    billingReason: invoice.billing_reason ?? null,
    currency: invoice.currency,
    total: invoice.total,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    amountRemaining: invoice.amount_remaining,
    attemptCount: invoice.attempt_count ?? 0,
    nextPaymentAttempt: dateOf(invoice.next_payment_attempt),
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    periodStart: dateOf(periodStart),
    periodEnd: dateOf(periodEnd),
    stripeCreatedAt: new Date(invoice.created * 1000),
  };
}

export async function applyInvoice(invoice: Stripe.Invoice, observedAt: number, options: { fresh?: boolean; db?: Db } = {}): Promise<ApplyOutcome> {
  // A preview (create_preview) is never stored.
  if (!invoice.id || invoice.id.startsWith("upcoming_")) return { outcome: "stale", id: null };
  const db = options.db ?? getDb();
  const data = invoiceData(invoice);
  const existing = await db.invoice.findUnique({ where: { stripeInvoiceId: invoice.id } });
  if (!existing) {
    try {
      const row = await db.invoice.create({ data: { stripeInvoiceId: invoice.id, ...data, stripeUpdatedAt: observedAt } });
      return { outcome: "applied", id: row.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return applyInvoice(invoice, observedAt, options);
    }
  }
  const stamp = options.fresh ? Math.max(observedAt, existing.stripeUpdatedAt) : observedAt;
  if (!options.fresh && existing.stripeUpdatedAt === observedAt) return { outcome: "tie", id: existing.id };
  const { count } = await db.invoice.updateMany({
    where: {
      id: existing.id,
      stripeUpdatedAt: options.fresh ? { lte: stamp } : { lt: stamp },
      ...(!FINAL_INVOICE_STATUSES.includes(data.status) && { status: { notIn: FINAL_INVOICE_STATUSES } }),
    },
    data: { ...data, stripeUpdatedAt: stamp },
  });
  return { outcome: count > 0 ? "applied" : "stale", id: existing.id };
}

/** invoice.deleted: only drafts can be deleted, so the row simply goes. */
export async function removeDeletedInvoice(stripeInvoiceId: string, db: Db = getDb()): Promise<void> {
  await db.invoice.deleteMany({ where: { stripeInvoiceId, status: "draft" } });
}
