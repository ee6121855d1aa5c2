// Every Stripe event type Payport acts on, and the handler for it. Types not
// listed here are acknowledged and stored as "ignored".
import type Stripe from "stripe";
import { appInstallationHandlers } from "@/lib/webhooks/handlers/app-installation";
import { billingHandlers } from "@/lib/webhooks/handlers/billing";
import { catalogHandlers } from "@/lib/webhooks/handlers/catalog";
import { chargeHandlers } from "@/lib/webhooks/handlers/charge";
import { disputeHandlers } from "@/lib/webhooks/handlers/dispute";
import { applyEventPaymentIntent, applyPaymentIntentEvents, paymentIntentHandlers } from "@/lib/webhooks/handlers/payment-intent";
import { refundHandlers } from "@/lib/webhooks/handlers/refund";
import { reviewHandlers } from "@/lib/webhooks/handlers/review";
import type { HandlerResult, StripeEventBatchHandler, StripeEventHandlers } from "@/lib/webhooks/handlers/types";

export const stripeEventHandlers: StripeEventHandlers = {
  ...paymentIntentHandlers,
  ...chargeHandlers,
  ...refundHandlers,
  ...disputeHandlers,
  ...reviewHandlers,
  ...catalogHandlers,
  ...appInstallationHandlers,
  ...billingHandlers,
};

export function handlerFor(event: Stripe.Event): ((event: Stripe.Event) => Promise<HandlerResult>) | undefined {
  // The map's key guarantees the handler's parameter type matches event.type.
  return stripeEventHandlers[event.type] as ((event: Stripe.Event) => Promise<HandlerResult>) | undefined;
}

// Handlers that also have a batch form with the same result (the workers' fast path).
const batchForms = new Map<unknown, StripeEventBatchHandler>([[applyEventPaymentIntent, applyPaymentIntentEvents]]);

/** The batch form of the handler registered for this event's type, if it has one. */
export function batchHandlerFor(event: Stripe.Event): StripeEventBatchHandler | undefined {
  const handler = stripeEventHandlers[event.type];
  return handler ? batchForms.get(handler) : undefined;
}
