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

export const SUBSCRIPTION_STATUS_LABELS: Record<SubscriptionStatus, string> = {
  incomplete: "Incomplete",
  incomplete_expired: "Expired",
  trialing: "Trialing",
  active: "Active",
  past_due: "Past due",
  unpaid: "Unpaid",
  canceled: "Canceled",
  paused: "Paused",
};

export function subscriptionStatusLabel(status: string): string {
  return SUBSCRIPTION_STATUS_LABELS[status as SubscriptionStatus] ?? status;
}
