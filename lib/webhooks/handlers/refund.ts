// refund.* → lib/refunds/apply: our Refund rows follow Stripe's.
import { applyRefund } from "@/lib/refunds/apply";
import { applySnapshot, type StripeEventHandlers } from "@/lib/webhooks/handlers/types";

export const refundHandlers: StripeEventHandlers = {
  "refund.created": applySnapshot(applyRefund),
  // Status changes: pending -> succeeded, or a late failure.
  "refund.updated": applySnapshot(applyRefund),
  // The money did not reach the customer; the order counts it as not refunded.
  "refund.failed": applySnapshot(applyRefund),
};
