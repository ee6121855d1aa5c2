// payment_intent.* events carry the whole intent: applying the snapshot with
// the event's time is enough (no API call), and applyPaymentIntent makes any
// delivery order safe.
import type Stripe from "stripe";
import { applyPaymentIntent, applyPaymentIntents } from "@/lib/orders/apply";
import { isUnmatched } from "@/lib/stripe/types";
import { applySnapshot, type StripeEventBatchHandler, type StripeEventHandlers } from "@/lib/webhooks/handlers/types";

export const applyEventPaymentIntent = applySnapshot(applyPaymentIntent);

export const paymentIntentHandlers: StripeEventHandlers = {
  // Links the intent to its order even if the checkout request has not stored it yet.
  "payment_intent.created": applyEventPaymentIntent,
  // Async methods rest here; cards pass through instantly.
  "payment_intent.processing": applyEventPaymentIntent,
  // 3-D Secure (or another next_action) is pending on the shopper.
  "payment_intent.requires_action": applyEventPaymentIntent,
  // The money is ours: the order becomes paid (and fulfilment may start).
  "payment_intent.succeeded": applyEventPaymentIntent,
  // A decline or failed authentication: show the issuer's message, allow another card.
  "payment_intent.payment_failed": applyEventPaymentIntent,
  "payment_intent.canceled": applyEventPaymentIntent,
  "payment_intent.amount_capturable_updated": applyEventPaymentIntent,
};

/** applyEventPaymentIntent for a batch: one read of the orders, one write per round (lib/orders/apply). */
export const applyPaymentIntentEvents: StripeEventBatchHandler = async (events, db, tx) => {
  const results = await applyPaymentIntents(
    events.map((event) => ({ pi: event.data.object as Stripe.PaymentIntent, observedAt: event.created })),
    db,
    tx,
  );
  return results.map((result) => (result instanceof Error || isUnmatched(result) ? result : undefined));
};
