// refund.* → lib/refunds/apply: our Refund rows follow Stripe's.
import { applyRefund } from "@/lib/refunds/apply";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";

export const refundHandlers: StripeEventHandlers = {
  "refund.created": ({ data, created }) => applyRefund(data.object, created),
  // Status changes: pending -> succeeded, or a late failure.
  "refund.updated": ({ data, created }) => applyRefund(data.object, created),
  // The money did not reach the customer; the order counts it as not refunded.
  "refund.failed": ({ data, created }) => applyRefund(data.object, created),
};
