// charge.* → lib/orders/apply-charge (the order behind the charge),
// lib/payments/apply (a subscription or invoice payment, and every charge's fee)
// and lib/customers/guests (who paid without an account).
import { recordGuestCustomer } from "@/lib/customers/guests";
import { applyChargeDetails, applyChargeRefunds, applyFailedChargeOutcome, guestOrderPayer, settleOpenOrderFromCharge } from "@/lib/orders/apply-charge";
import { applyChargeFee, applyPaymentRefunds, applySucceededCharge } from "@/lib/payments/apply";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";

export const chargeHandlers: StripeEventHandlers = {
  // Usually followed by payment_intent.succeeded; settles the order if that one is lost.
  // A charge no order owns is a subscription or invoice payment (invoice_payment.paid says which).
  "charge.succeeded": async ({ data }) => {
    await applyChargeDetails(data.object);
    await settleOpenOrderFromCharge(data.object);
    // An order's charge names its guest (if any); any other charge is a subscription or invoice payment.
    const payer = (await guestOrderPayer(data.object)) ?? (await applySucceededCharge(data.object));
    if (payer) await recordGuestCustomer(payer);
    await applyChargeFee(data.object);
  },
  // A declined or Radar-blocked attempt; the intent's payment_failed carries the message we show.
  "charge.failed": async ({ data }) => {
    await applyFailedChargeOutcome(data.object);
    await settleOpenOrderFromCharge(data.object);
  },
  // Money went back to the customer (fully or partly).
  "charge.refunded": async ({ data, created }) => {
    await applyChargeRefunds(data.object);
    await applyPaymentRefunds(data.object, created);
  },
  // The balance transaction (Stripe's fee) attached after async capture; refunds may change too.
  // It may be the first word of a subscription payment, so it creates the row like charge.succeeded.
  "charge.updated": async ({ data, created }) => {
    await applyChargeRefunds(data.object);
    const payer = await applySucceededCharge(data.object);
    if (payer) await recordGuestCustomer(payer);
    await applyPaymentRefunds(data.object, created);
    await applyChargeFee(data.object);
  },
};
