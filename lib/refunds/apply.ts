// The refund mirror: our Refund rows and the order's refunded amount follow
// Stripe, wherever the refund was made (our admin or the Dashboard).
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { publish } from "@/lib/live/bus";
import { queueRefundNotice } from "@/lib/mail/compose";
import { COUNTED_REFUND_STATUSES, FINAL_REFUND_STATUSES } from "@/lib/refunds/rules";
import { idOf, unmatched, type Unmatched } from "@/lib/stripe/types";

/** A refund our admin created: the row exists before Stripe answers, named by metadata.payport_refund_id. */
async function ourPendingRow(refund: Stripe.Refund, orderId: string) {
  const ownId = refund.metadata?.payport_refund_id;
  if (!ownId) return null;
  const row = await getDb().refund.findUnique({ where: { id: ownId } });
  return row && row.orderId === orderId && (row.stripeRefundId === null || row.stripeRefundId === refund.id) ? row : null;
}

/** Applies a refund snapshot observed at Stripe time `observedAt` (seconds); any delivery order ends the same. */
export async function applyRefund(refund: Stripe.Refund, observedAt: number): Promise<Unmatched | void> {
  const piId = idOf(refund.payment_intent);
  if (!piId) return;
  const db = getDb();
  const order = await db.order.findUnique({ where: { stripePaymentIntentId: piId } });
  // Only a refund our admin made names our order; any other refund on an unknown intent is not ours.
  if (!order) return refund.metadata?.payport_order_id ? unmatched(`No order with ${piId} for ${refund.id} yet.`) : undefined;

  const status = refund.status ?? "pending";
  const data = {
    amount: refund.amount,
    currency: refund.currency,
    status,
    statusAt: observedAt,
    reason: refund.reason ?? null,
    failureReason: refund.failure_reason ?? null,
  };
  const existing = (await db.refund.findUnique({ where: { stripeRefundId: refund.id } })) ?? (await ourPendingRow(refund, order.id));
  if (!existing) {
    try {
      await db.refund.create({ data: { stripeRefundId: refund.id, orderId: order.id, ...data } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return applyRefund(refund, observedAt); // a concurrent delivery created it; apply as an update
    }
  } else {
    const stale = existing.statusAt != null && existing.statusAt > observedAt;
    const final = FINAL_REFUND_STATUSES.includes(existing.status) && existing.status !== status;
    if (stale || final) return;
    await db.refund.update({ where: { id: existing.id }, data: { ...data, stripeRefundId: refund.id } });
  }

  const refunds = await db.refund.findMany({ where: { orderId: order.id, status: { in: [...COUNTED_REFUND_STATUSES] } } });
  const amountRefunded = refunds.reduce((sum, r) => sum + r.amount, 0);
  const paid = order.paymentStatus === "succeeded";
  await db.order.update({
    where: { id: order.id },
    data: { amountRefunded, ...(paid && { status: amountRefunded >= order.amount ? "refunded" : "paid" }) },
  });
  // Once per refund (the outbox key); a replay of this event lands here again and writes nothing.
  if (status === "succeeded") await queueRefundNotice({ stripeRefundId: refund.id, amount: refund.amount, currency: refund.currency }, order, amountRefunded, db);
  await publish(`order:${order.id}`, db);
}
