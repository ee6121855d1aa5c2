// When a payment can be refunded and by how much: the one definition the
// refund command enforces and the admin pages display.
import { blocksRefund } from "@/lib/disputes/status";

/** Refund statuses whose money has left (or is leaving) our balance; Stripe's charge.amount_refunded counts these. */
export const COUNTED_REFUND_STATUSES: readonly string[] = ["pending", "requires_action", "succeeded"];

/** A refund can fail after it succeeded (the card was closed), but never revive after failing or being canceled. */
export const FINAL_REFUND_STATUSES: readonly string[] = ["failed", "canceled"];

export const isCountedRefund = (status: string): boolean => COUNTED_REFUND_STATUSES.includes(status);

export type Refundable = { amount: number; refunded: number; remaining: number; currency: string };

/**
 * What can still be refunded: the order amount minus the larger of the
 * webhook-maintained amountRefunded and our counted Refund rows (which include
 * pending refunds the webhooks have not confirmed yet).
 */
export function refundableOf(order: { amount: number; amountRefunded: number; currency: string }, refunds: { amount: number; status: string }[]): Refundable {
  const counted = refunds.filter((r) => isCountedRefund(r.status)).reduce((sum, r) => sum + r.amount, 0);
  const refunded = Math.max(order.amountRefunded, counted);
  return { amount: order.amount, refunded, remaining: Math.max(0, order.amount - refunded), currency: order.currency };
}

type RefundableOrder = {
  paymentStatus: string | null;
  stripePaymentIntentId: string | null;
  amount: number;
  amountRefunded: number;
  currency: string;
  refunds: { amount: number; status: string }[];
  disputes: { status: string }[];
};

/** Why this payment cannot be refunded at all, or null when some amount can be. */
export function refundBlockedReason(order: RefundableOrder): string | null {
  if (order.paymentStatus !== "succeeded" || !order.stripePaymentIntentId) return "Only a succeeded payment can be refunded.";
  const dispute = order.disputes.find((d) => blocksRefund(d.status));
  if (dispute)
    return dispute.status === "lost"
      ? "This payment was charged back (dispute lost); it cannot be refunded."
      : "This payment is disputed: refunds are blocked while the dispute is open. Respond to the dispute instead.";
  if (refundableOf(order, order.refunds).remaining <= 0) return "This payment is fully refunded.";
  return null;
}
