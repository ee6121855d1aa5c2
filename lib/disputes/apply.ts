// The one function that mirrors a Stripe dispute into our Dispute table.
// charge.dispute.* webhooks (with the event's snapshot and time), admin
// actions (with Stripe's response) and reconciliation all call it, in any
// order and any number of times: a snapshot older than the stored one
// (stripeUpdatedAt) is skipped, and for the same second the status that is
// further along wins. The guard is in the UPDATE's WHERE clause, so
// concurrent deliveries cannot interleave into a regression.
// An admin action's response is applied `onlyForward`: it may be older than a
// webhook already stored (the emulator and Stripe settle test disputes right
// after the update), so it never moves a dispute back along its life.
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { disputeStatusRank, statusesRankedAtMost } from "@/lib/disputes/status";
import { publish } from "@/lib/live/bus";
import { findOrderIdOfPayment } from "@/lib/orders/queries";
import { idOf } from "@/lib/stripe/types";

export type ApplyDisputeResult = { outcome: "created" | "updated" | "stale"; disputeId: string; orderId: string | null };


/** Our subscription or invoice payment for a disputed charge that is not an order's. */
async function findPaymentId(chargeId: string, paymentIntentId: string | null, db: Db): Promise<string | null> {
  const row = await db.payment.findFirst({ where: { OR: [{ stripeChargeId: chargeId }, ...(paymentIntentId ? [{ stripePaymentIntentId: paymentIntentId }] : [])] }, select: { id: true } });
  return row?.id ?? null;
}

/** What Stripe charged for the dispute (a won dispute's reinstatement may return it: a negative fee). */
function disputeFeeOf(dispute: Stripe.Dispute): number {
  return (dispute.balance_transactions ?? []).reduce((sum, txn) => sum + txn.fee, 0);
}

export async function applyDispute(
  dispute: Stripe.Dispute,
  observedAt: number,
  { db = getDb(), onlyForward = false }: { db?: Db; onlyForward?: boolean } = {},
): Promise<ApplyDisputeResult> {
  const chargeId = idOf(dispute.charge);
  const paymentIntentId = idOf(dispute.payment_intent);
  if (!chargeId) throw new Error(`Dispute ${dispute.id} has no charge`);
  const orderId = await findOrderIdOfPayment(paymentIntentId, chargeId, db);
  const paymentId = orderId ? null : await findPaymentId(chargeId, paymentIntentId, db);
  const dueBy = dispute.evidence_details?.due_by;
  const data = {
    stripeChargeId: chargeId,
    amount: dispute.amount,
    currency: dispute.currency,
    fee: disputeFeeOf(dispute),
    reason: dispute.reason,
    status: dispute.status,
    evidenceDueBy: dueBy ? new Date(dueBy * 1000) : null,
    stripeUpdatedAt: observedAt,
    ...(orderId && { orderId }),
    ...(paymentId && { paymentId }),
  };

  const existing = await db.dispute.findUnique({ where: { stripeDisputeId: dispute.id }, select: { id: true } });
  if (!existing) {
    try {
      const created = await db.dispute.create({ data: { stripeDisputeId: dispute.id, ...data } });
      if (orderId) await publish(`order:${orderId}`, db);
      return { outcome: "created", disputeId: created.id, orderId };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent delivery created it: fall through to the guarded update.
    }
  }

  const notFurtherAlong = { status: { in: statusesRankedAtMost(disputeStatusRank(dispute.status)) } };
  const { count } = await db.dispute.updateMany({
    where: onlyForward
      ? { stripeDisputeId: dispute.id, ...notFurtherAlong }
      : { stripeDisputeId: dispute.id, OR: [{ stripeUpdatedAt: { lt: observedAt } }, { stripeUpdatedAt: observedAt, ...notFurtherAlong }] },
    data: onlyForward ? { ...data, stripeUpdatedAt: undefined } : data,
  });
  const row = await db.dispute.findUniqueOrThrow({ where: { stripeDisputeId: dispute.id }, select: { id: true, orderId: true } });
  if (count === 0) return { outcome: "stale", disputeId: row.id, orderId: row.orderId };
  if (row.orderId) await publish(`order:${row.orderId}`, db);
  return { outcome: "updated", disputeId: row.id, orderId: row.orderId };
}
