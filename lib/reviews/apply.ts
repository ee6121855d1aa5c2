// The one function that mirrors a Radar review into our Review table:
// review.opened / review.closed webhooks and the admin approve action (with
// Stripe's answer) call it, in any order and any number of times. A review
// only ever closes, so a closed snapshot always wins and an open one never
// reopens a closed row; the guard is in the UPDATE's WHERE clause, so
// concurrent deliveries cannot interleave into a reopened review.
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { publish } from "@/lib/live/bus";
import { findOrderIdOfPayment } from "@/lib/orders/queries";
import { idOf } from "@/lib/stripe/types";

export type ApplyReviewResult = { outcome: "created" | "updated" | "stale"; reviewId: string; orderId: string | null };

export async function applyReview(review: Stripe.Review, { db = getDb() }: { db?: Db } = {}): Promise<ApplyReviewResult> {
  const chargeId = idOf(review.charge);
  const paymentIntentId = idOf(review.payment_intent);
  const orderId = await findOrderIdOfPayment(paymentIntentId, chargeId, db);
  const linked = { stripeChargeId: chargeId, stripePaymentIntentId: paymentIntentId, ...(orderId && { orderId }) };
  const state = { open: review.open, reason: review.reason, openedReason: review.opened_reason, closedReason: review.closed_reason };

  const existing = await db.review.findUnique({ where: { stripeReviewId: review.id }, select: { id: true } });
  if (!existing) {
    try {
      const created = await db.review.create({ data: { stripeReviewId: review.id, stripeCreated: review.created, ...linked, ...state } });
      if (orderId) await publish(`order:${orderId}`, db);
      return { outcome: "created", reviewId: created.id, orderId };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent delivery created it: fall through to the guarded update.
    }
  }

  // Closing applies to a row still open; an open snapshot only fills in the links.
  const { count } = review.open
    ? await db.review.updateMany({ where: { stripeReviewId: review.id, orderId: null }, data: linked })
    : await db.review.updateMany({ where: { stripeReviewId: review.id, open: true }, data: { ...linked, ...state } });
  const row = await db.review.findUniqueOrThrow({ where: { stripeReviewId: review.id }, select: { id: true, orderId: true } });
  if (count === 0) return { outcome: "stale", reviewId: row.id, orderId: row.orderId };
  if (row.orderId) await publish(`order:${row.orderId}`, db);
  return { outcome: "updated", reviewId: row.id, orderId: row.orderId };
}
