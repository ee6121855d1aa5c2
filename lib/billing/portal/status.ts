// Every Stripe subscription status in words a person understands; the badge
// words and tones are the same wherever a subscription's status is shown.
import type Stripe from "stripe";
import type { BadgeTone } from "@/components/ui/badge";
import { SUBSCRIPTION_STATUS_LABELS } from "@/lib/billing/subscription-status";

export type SubscriptionStatus = Stripe.Subscription.Status;

export const SUBSCRIPTION_STATUS: Record<SubscriptionStatus, { label: string; tone: BadgeTone; explanation: string }> = {
  incomplete: { label: SUBSCRIPTION_STATUS_LABELS.incomplete, tone: "warning", explanation: "The first payment hasn't gone through yet. Finish paying to start your plan." },
  incomplete_expired: { label: SUBSCRIPTION_STATUS_LABELS.incomplete_expired, tone: "neutral", explanation: "The first payment was never completed, so this subscription didn't start." },
  trialing: { label: SUBSCRIPTION_STATUS_LABELS.trialing, tone: "info", explanation: "You're on a free trial. Your card is charged when the trial ends." },
  active: { label: SUBSCRIPTION_STATUS_LABELS.active, tone: "success", explanation: "Your plan is active and paid up." },
  past_due: { label: SUBSCRIPTION_STATUS_LABELS.past_due, tone: "danger", explanation: "Your last payment failed. We'll retry, but your plan will end if it can't be paid." },
  unpaid: { label: SUBSCRIPTION_STATUS_LABELS.unpaid, tone: "danger", explanation: "We couldn't collect payment after several tries. Pay the open invoice to restore your plan." },
  canceled: { label: SUBSCRIPTION_STATUS_LABELS.canceled, tone: "neutral", explanation: "This subscription has ended." },
  paused: { label: SUBSCRIPTION_STATUS_LABELS.paused, tone: "warning", explanation: "Your subscription is paused: you're not being billed and paid features are off." },
};

export function subscriptionStatusInfo(status: string) {
  return SUBSCRIPTION_STATUS[status as SubscriptionStatus] ?? { label: status.replace(/_/g, " "), tone: "neutral" as const, explanation: "" };
}

/** Statuses in which the subscription can still be changed, canceled or resumed. */
export const LIVE_STATUSES: readonly string[] = ["trialing", "active", "past_due", "unpaid", "paused", "incomplete"];

/** Statuses where the customer owes money and the portal leads with "Pay now". */
export const NEEDS_PAYMENT_STATUSES: readonly string[] = ["past_due", "unpaid"];

export const INVOICE_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  draft: { label: "Draft", tone: "neutral" },
  open: { label: "Open", tone: "warning" },
  paid: { label: "Paid", tone: "success" },
  void: { label: "Void", tone: "neutral" },
  uncollectible: { label: "Uncollectible", tone: "danger" },
};
