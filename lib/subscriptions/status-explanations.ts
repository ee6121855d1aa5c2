// What each Stripe subscription status means for the customer, in a sentence
// under the badge (the badge itself is components/billing/subscription-status-badge).
import type Stripe from "stripe";
import type { BadgeTone } from "@/components/ui/badge";

export type SubscriptionStatus = Stripe.Subscription.Status;

export const SUBSCRIPTION_STATUS: Record<SubscriptionStatus, { explanation: string }> = {
  incomplete: { explanation: "The first payment hasn't gone through yet. Finish paying to start your plan." },
  incomplete_expired: { explanation: "The first payment was never completed, so this subscription didn't start." },
  trialing: { explanation: "You're on a free trial. Your card is charged when the trial ends." },
  active: { explanation: "Your plan is active and paid up." },
  past_due: { explanation: "Your last payment failed. We'll retry, but your plan will end if it can't be paid." },
  unpaid: { explanation: "We couldn't collect payment after several tries. Pay the open invoice to restore your plan." },
  canceled: { explanation: "This subscription has ended." },
  paused: { explanation: "Your subscription is paused: you're not being billed and paid features are off." },
};

export function subscriptionStatusExplanation(status: string): string {
  return SUBSCRIPTION_STATUS[status as SubscriptionStatus]?.explanation ?? "";
}

/** Statuses where the customer owes money and the portal leads with "Pay now". */
export const NEEDS_PAYMENT_STATUSES: readonly string[] = ["past_due", "unpaid"];

export const INVOICE_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  draft: { label: "Draft", tone: "neutral" },
  open: { label: "Open", tone: "warning" },
  paid: { label: "Paid", tone: "success" },
  void: { label: "Void", tone: "neutral" },
  uncollectible: { label: "Uncollectible", tone: "danger" },
};
