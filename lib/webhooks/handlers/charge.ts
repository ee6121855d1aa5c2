// charge.* → lib/orders/apply-charge (the order behind the charge) and
// lib/payments/apply (a subscription or invoice payment, and every charge's fee).
import { applyChargeDetails, applyChargeRefunds, recordOrderGuest, settleOpenOrderFromCharge } from "@/lib/orders/apply-charge";
import { applyChargeFee, applyPaymentRefunds, applySucceededCharge } from "@/lib/payments/apply";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";

export const chargeHandlers: StripeEventHandlers = {
  // Usually followed by payment_intent.succeeded; settles the order if that one is lost.
  // A charge no order owns is a subscription or invoice payment (invoice_payment.paid says which).
  "charge.succeeded": async ({ data }) => {
    await applyChargeDetails(data.object);
    await settleOpenOrderFromCharge(data.object);
    await recordOrderGuest(data.object);
    await applySucceededCharge(data.object);
    await applyChargeFee(data.object);
  },
  // A declined attempt; the intent's payment_failed carries the message we show.
  "charge.failed": ({ data }) => settleOpenOrderFromCharge(data.object),
  // Money went back to the customer (fully or partly).
  "charge.refunded": async ({ data, created }) => {
    await applyChargeRefunds(data.object);
    await applyPaymentRefunds(data.object, created);
  },
  // The balance transaction (Stripe's fee) attached after async capture; refunds may change too.
  // It may be the first word of a subscription payment, so it creates the row like charge.succeeded.
  "charge.updated": async ({ data, created }) => {
    await applyChargeRefunds(data.object);
    await applySucceededCharge(data.object);
    await applyPaymentRefunds(data.object, created);
    await applyChargeFee(data.object);
  },
};
