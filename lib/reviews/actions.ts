// Admin decisions on a Radar review. Approve sends `reviews.approve` with an
// idempotency key from our review row (a double click or a retry approves
// once). Refund-and-close refunds whatever remains of the payment through the
// admin refund command, and Stripe closes the review on that refund. Each
// answer is mirrored at once through applyReview (the webhooks say the same
// later), and each decision is audited.
import Stripe from "stripe";
import { recordAudit, stripeRequestIdOf, type AuditActor } from "@/lib/audit/actions";
import { getDb } from "@/lib/db";
import { HttpError } from "@/lib/errors";
import { createAdminRefund, type CreatedRefund } from "@/lib/refunds/actions";
import { refundableOf } from "@/lib/refunds/rules";
import { applyReview } from "@/lib/reviews/apply";
import { toReviewView, type ReviewView } from "@/lib/reviews/queries";
import type { RefundAndCloseInput } from "@/lib/reviews/schemas";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";

async function findReview(id: string) {
  const review = await getDb().review.findUnique({ where: { id } });
  if (!review) throw new HttpError(404, "Review not found.");
  return review;
}

async function currentView(id: string): Promise<ReviewView> {
  return toReviewView(await getDb().review.findUniqueOrThrow({ where: { id } }));
}

const closedMessage = (reason: string | null) => `This review is already closed (${(reason ?? "closed").replaceAll("_", " ")}); there is nothing left to decide.`;

export async function approveReview(id: string, actor: AuditActor): Promise<ReviewView> {
  const review = await findReview(id);
  if (!review.open) {
    // Approving an approved review again is the same decision: answer with it.
    if (review.closedReason === "approved") return toReviewView(review);
    throw new HttpError(409, closedMessage(review.closedReason));
  }
  const details = { stripeReviewId: review.stripeReviewId, orderId: review.orderId };
  let approved: Stripe.Response<Stripe.Review>;
  try {
    approved = await getStripe().reviews.approve(review.stripeReviewId, {}, { idempotencyKey: idempotencyKey("review", review.id, "approve") });
  } catch (error) {
    const stripeError = error instanceof Stripe.errors.StripeError ? error : null;
    const message = stripeError?.message ?? "Stripe could not be reached.";
    await recordAudit({ actor, action: "review.approve", targetType: "review", targetId: review.id, details: { ...details, outcome: "failed", error: message }, stripeRequestId: stripeError?.requestId ?? null });
    if (stripeError && (stripeError.statusCode ?? 500) < 500) {
      // Closed on Stripe meanwhile (a refund or dispute elsewhere): mirror it, then say so.
      await applyReview(await getStripe().reviews.retrieve(review.stripeReviewId));
      throw new HttpError(409, `Stripe refused: ${message}`);
    }
    throw new HttpError(502, "Stripe did not answer; try again (the review is approved at most once).");
  }
  await applyReview(approved);
  await recordAudit({ actor, action: "review.approve", targetType: "review", targetId: review.id, details: { ...details, outcome: approved.closed_reason }, stripeRequestId: stripeRequestIdOf(approved) });
  return currentView(review.id);
}

export type RefundAndCloseResult = { review: ReviewView; refund: CreatedRefund | null };

/**
 * Refunds the rest of the payment (nothing when it is already fully refunded
 * or a refund of it is pending), so Stripe closes the review as refunded.
 */
export async function refundAndCloseReview(id: string, { reason }: RefundAndCloseInput, actor: AuditActor): Promise<RefundAndCloseResult> {
  const review = await findReview(id);
  if (!review.open) {
    if (review.closedReason === "refunded" || review.closedReason === "refunded_as_fraud") return { review: toReviewView(review), refund: null };
    throw new HttpError(409, closedMessage(review.closedReason));
  }
  if (!review.orderId) throw new HttpError(409, "This review's payment is not a Payport order; refund it from the Stripe Dashboard.");
  const order = await getDb().order.findUniqueOrThrow({ where: { id: review.orderId }, include: { refunds: true } });
  const { remaining } = refundableOf(order, order.refunds);
  const refund =
    remaining > 0
      ? await createAdminRefund(order.id, { amount: remaining, currency: order.currency, reason, note: `Refund and close Radar review ${review.stripeReviewId}` }, actor)
      : null;
  // Stripe closed the review with the refund; read it back rather than wait for review.closed.
  await applyReview(await getStripe().reviews.retrieve(review.stripeReviewId));
  await recordAudit({
    actor,
    action: "review.refund_and_close",
    targetType: "review",
    targetId: review.id,
    details: { stripeReviewId: review.stripeReviewId, orderId: order.id, refundId: refund?.id ?? null, amount: refund?.amount ?? 0, currency: order.currency, reason },
    stripeRequestId: refund?.stripeRequestId ?? null,
  });
  return { review: await currentView(review.id), refund };
}
