// Every status Stripe gives a subscription, and what each means to us.
import type Stripe from "stripe";

export type SubscriptionStatus = Stripe.Subscription.Status;

export const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = [
  "incomplete",
  "incomplete_expired",
  "trialing",
  "active",
  "past_due",
  "unpaid",
  "canceled",
  "paused",
];

/** Terminal: Stripe never moves a subscription out of these, so neither may a late event. */
export const ENDED_SUBSCRIPTION_STATUSES: readonly string[] = ["canceled", "incomplete_expired"];

/** A customer holding one of these may not start another subscription (they change plan instead). */
export const LIVE_SUBSCRIPTION_STATUSES: readonly string[] = ["trialing", "active", "past_due", "unpaid", "paused"];

export function isEndedSubscriptionStatus(status: string): boolean {
  return ENDED_SUBSCRIPTION_STATUSES.includes(status);
}

/** Statuses where the customer owes money and the portal leads with "Pay now". */
export const NEEDS_PAYMENT_STATUSES: readonly string[] = ["past_due", "unpaid"];

/** An invoice's outcome decides what comes next for a subscription in these. */
export const WAITING_ON_PAYMENT: readonly string[] = ["incomplete", "past_due", "unpaid", "trialing"];
