// charge.* → lib/orders/apply-charge: the order behind the charge.
import { applyChargeDetails, applyChargeRefunds, applyFailedChargeOutcome, settleOpenOrderFromCharge } from "@/lib/orders/apply-charge";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";

export const chargeHandlers: StripeEventHandlers = {
  // Usually followed by payment_intent.succeeded; settles the order if that one is lost.
  "charge.succeeded": async ({ data }) => {
    await applyChargeDetails(data.object);
    await settleOpenOrderFromCharge(data.object);
  },
  // A declined or Radar-blocked attempt; the intent's payment_failed carries the message we show.
  "charge.failed": async ({ data }) => {
    await applyFailedChargeOutcome(data.object);
    await settleOpenOrderFromCharge(data.object);
  },
  // Money went back to the customer (fully or partly).
  "charge.refunded": ({ data }) => applyChargeRefunds(data.object),
  // E.g. the balance transaction attached after async capture; refunds may change too.
  "charge.updated": ({ data }) => applyChargeRefunds(data.object),
};
