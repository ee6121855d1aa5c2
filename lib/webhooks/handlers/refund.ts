// refund.* events keep our Refund rows and the order's refunded amount in
// step with Stripe, wherever the refund was made (our admin or the dashboard).
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { publishOrderChanged } from "@/lib/orders/live-events";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";

// A refund can fail after it succeeded (the card was closed), but never revive after failing or being canceled.
const FINAL_REFUND_STATUSES = ["failed", "canceled"];
// Stripe's charge.amount_refunded counts these.
const COUNTED_REFUND_STATUSES = ["pending", "requires_action", "succeeded"];

/** A refund our admin created: the row exists before Stripe answers, named by metadata.payport_refund_id. */
async function ourPendingRow(refund: Stripe.Refund, orderId: string) {
  const ownId = refund.metadata?.payport_refund_id;
  if (!ownId) return null;
  const row = await getDb().refund.findUnique({ where: { id: ownId } });
  return row && row.orderId === orderId && (row.stripeRefundId === null || row.stripeRefundId === refund.id) ? row : null;
}

async function applyRefund(event: { data: { object: Stripe.Refund }; created: number }) {
  const refund = event.data.object;
  const piId = typeof refund.payment_intent === "string" ? refund.payment_intent : (refund.payment_intent?.id ?? null);
  if (!piId) return;
  const db = getDb();
  const order = await db.order.findUnique({ where: { stripePaymentIntentId: piId } });
  if (!order) return;

  const status = refund.status ?? "pending";
  const data = {
    amount: refund.amount,
    currency: refund.currency,
    status,
    statusAt: event.created,
    reason: refund.reason ?? null,
    failureReason: refund.failure_reason ?? null,
  };
  const existing = (await db.refund.findUnique({ where: { stripeRefundId: refund.id } })) ?? (await ourPendingRow(refund, order.id));
  if (!existing) {
    try {
      await db.refund.create({ data: { stripeRefundId: refund.id, orderId: order.id, ...data } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return applyRefund(event); // a concurrent delivery created it; apply as an update
    }
  } else {
    const stale = existing.statusAt != null && existing.statusAt > event.created;
    const final = FINAL_REFUND_STATUSES.includes(existing.status) && existing.status !== status;
    if (stale || final) return;
    await db.refund.update({ where: { id: existing.id }, data: { ...data, stripeRefundId: refund.id } });
  }

  const refunds = await db.refund.findMany({ where: { orderId: order.id, status: { in: COUNTED_REFUND_STATUSES } } });
  const amountRefunded = refunds.reduce((sum, r) => sum + r.amount, 0);
  const paid = order.paymentStatus === "succeeded";
  await db.order.update({
    where: { id: order.id },
    data: { amountRefunded, ...(paid && { status: amountRefunded >= order.amount ? "refunded" : "paid" }) },
  });
  publishOrderChanged(order.id);
}

export const refundHandlers: StripeEventHandlers = {
  "refund.created": applyRefund,
  // Status changes: pending -> succeeded, or a late failure.
  "refund.updated": applyRefund,
  // The money did not reach the customer; the order counts it as not refunded.
  "refund.failed": applyRefund,
};
