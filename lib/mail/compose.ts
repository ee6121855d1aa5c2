// What calls for a message, and to whom: each function reads what the message
// says from our mirror and writes it to the outbox under its (kind, subject)
// key, so asking twice (a duplicate or out-of-order delivery) sends once.
import type Stripe from "stripe";
import { getDb, type Db, type DbClient } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { enqueueEmail } from "@/lib/mail/outbox";
import { cardExpiring, invoicePaymentFailed, orderReceipt, refundNotice } from "@/lib/mail/templates";
import { idOf } from "@/lib/stripe/types";

const orderUrl = (orderId: string) => `${getEnv().appUrl}/checkout/${orderId}/complete`;
const billingUrl = () => `${getEnv().appUrl}/account/billing`;

/** Receipts for orders that just became paid (called in the same transaction as that write). */
export async function queueOrderReceipts(orderIds: string[], db: Db, tx: DbClient = db): Promise<void> {
  if (orderIds.length === 0) return;
  const orders = await tx.order.findMany({ where: { id: { in: orderIds } }, include: { lines: { orderBy: { id: "asc" } } } });
  for (const order of orders) {
    const email = orderReceipt({
      orderId: order.id,
      currency: order.currency,
      amount: order.amount,
      lines: order.lines,
      orderUrl: orderUrl(order.id),
    });
    await enqueueEmail(db, { kind: "order_receipt", subjectId: order.id, to: order.email, ...email }, tx);
  }
}

/** The notice for a refund that reached `succeeded`, with the order's refunded total after it. */
export async function queueRefundNotice(
  refund: { stripeRefundId: string; amount: number; currency: string },
  order: { id: string; email: string; amount: number; currency: string },
  refundedSoFar: number,
  db: Db = getDb(),
): Promise<void> {
  const email = refundNotice({
    orderId: order.id,
    currency: refund.currency,
    refundAmount: refund.amount,
    orderAmount: order.amount,
    refundedSoFar,
    orderUrl: orderUrl(order.id),
  });
  await enqueueEmail(db, { kind: "refund_notice", subjectId: refund.stripeRefundId, to: order.email, ...email });
}

/**
 * Dunning: a subscription invoice's payment attempt failed. One message per
 * attempt (Stripe retries on its schedule; each failure is worth telling),
 * none once our mirror says the invoice is paid or void (a late delivery).
 */
export async function queueDunningMail(invoice: Stripe.Invoice, db: Db = getDb()): Promise<void> {
  if (!invoice.id) return;
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription ?? null);
  const customerId = idOf(invoice.customer);
  if (!subscriptionId || !customerId) return;
  const user = await db.user.findUnique({ where: { stripeCustomerId: customerId }, select: { email: true } });
  if (!user) return; // not one of our accounts
  const mirrored = await db.invoice.findUnique({ where: { stripeInvoiceId: invoice.id }, select: { status: true } });
  if (mirrored && (mirrored.status === "paid" || mirrored.status === "void")) return;
  const subscription = await db.subscription.findUnique({ where: { stripeSubscriptionId: subscriptionId }, select: { stripePriceId: true } });
  const price = subscription?.stripePriceId
    ? await db.price.findUnique({ where: { stripePriceId: subscription.stripePriceId }, select: { product: { select: { name: true } } } })
    : null;
  const email = invoicePaymentFailed({
    planName: price?.product.name ?? null,
    currency: invoice.currency,
    amountDue: invoice.amount_remaining ?? invoice.amount_due,
    nextPaymentAttempt: invoice.next_payment_attempt ? new Date(invoice.next_payment_attempt * 1000) : null,
    updateCardUrl: billingUrl(),
    invoiceUrl: invoice.hosted_invoice_url ?? null,
  });
  await enqueueEmail(db, { kind: "invoice_payment_failed", subjectId: `${invoice.id}:${invoice.attempt_count ?? 0}`, to: user.email, ...email });
}

/**
 * Cards that pay for a live subscription and expire at the end of this month
 * or the next: one notice per card and expiry date. A scheduled check of our
 * card mirror, because Stripe's customer.source.expiring covers only legacy
 * card sources, never the PaymentMethods our checkout saves.
 */
export async function queueCardExpiryNotices({ db = getDb(), now = new Date() }: { db?: Db; now?: Date } = {}): Promise<number> {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  const next = month === 12 ? { expYear: year + 1, expMonth: 1 } : { expYear: year, expMonth: month + 1 };
  const cards = await db.paymentMethodSummary.findMany({ where: { isDefault: true, OR: [{ expYear: year, expMonth: month }, next] } });
  let queued = 0;
  for (const card of cards) {
    if (card.expMonth == null || card.expYear == null) continue;
    const user = await db.user.findUnique({ where: { stripeCustomerId: card.stripeCustomerId }, select: { email: true } });
    if (!user) continue;
    const live = await db.subscription.count({ where: { stripeCustomerId: card.stripeCustomerId, status: { in: ["trialing", "active", "past_due"] } } });
    if (live === 0) continue;
    const email = cardExpiring({ brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear, updateCardUrl: billingUrl() });
    const subjectId = `${card.stripePaymentMethodId}:${card.expYear}-${String(card.expMonth).padStart(2, "0")}`;
    if (await enqueueEmail(db, { kind: "card_expiring", subjectId, to: user.email, ...email })) queued++;
  }
  return queued;
}
