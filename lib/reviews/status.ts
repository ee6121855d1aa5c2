// What a review's state means for the payment behind it.
import type { Db } from "@/lib/db";

/** Why an order waits for a Radar decision before it may be fulfilled, or null when it need not. */
export async function reviewHoldReason(order: { id: string; stripePaymentIntentId: string | null }, db: Db): Promise<string | null> {
  const open = await db.review.findFirst({
    where: { open: true, OR: [{ orderId: order.id }, ...(order.stripePaymentIntentId ? [{ stripePaymentIntentId: order.stripePaymentIntentId }] : [])] },
    select: { stripeReviewId: true },
  });
  return open ? reviewHoldMessage(order.id, open.stripeReviewId) : null;
}

export function reviewHoldMessage(orderId: string, stripeReviewId: string): string {
  return `Order ${orderId}'s payment is under Radar review (${stripeReviewId}); approve it in Admin → Reviews before fulfilling the order, or refund it.`;
}
