// What the subscribe return page shows: at load, the subscription read fresh from
// Stripe (never the redirect's query string), for its owner only; afterwards
// the mirror, re-read whenever a webhook applies a change (lib/live).
import { isStripeError, isStripePermissionError } from "@/lib/stripe/types";
import { findUserSubscription } from "@/lib/subscriptions/queries";
import { syncSubscriptionById } from "@/lib/subscriptions/sync";
import { adoptSetupIntentCardById } from "@/lib/subscriptions/trial-card";

export type SubscriptionProgress = {
  subscriptionId: string;
  status: string;
  planName: string | null;
  quantity: number | null;
  interval: string | null;
  unitAmount: number | null;
  currency: string | null;
  trialEnd: string | null;
  currentPeriodEnd: string | null;
  defaultPaymentMethod: string | null;
  /** Still waiting on the browser's payment or Stripe's answer. */
  settled: boolean;
};

/** Null when the subscription is not the user's (or does not exist): callers answer 404. */
export async function getSubscriptionProgress(
  userId: string,
  stripeSubscriptionId: string,
  options: { setupIntentId?: string | null } = {},
): Promise<SubscriptionProgress | null> {
  if (!/^sub_[A-Za-z0-9]+$/.test(stripeSubscriptionId)) return null;
  // Ownership first, from our mirror: someone else's id is never sent to Stripe.
  const owned = await findUserSubscription(userId, stripeSubscriptionId);
  if (!owned) return null;
  try {
    // Back from confirmSetup (a trial): make sure the card just saved is the subscription's default.
    if (options.setupIntentId && /^seti_[A-Za-z0-9]+$/.test(options.setupIntentId) && !owned.defaultPaymentMethod) {
      await adoptSetupIntentCardById(stripeSubscriptionId, options.setupIntentId);
    }
    await syncSubscriptionById(stripeSubscriptionId);
  } catch (error) {
    if (!isStripeError(error) || isStripePermissionError(error)) throw error;
    // Stripe unreachable: show the mirror's view; the live stream catches up.
  }
  return readSubscriptionProgress(userId, stripeSubscriptionId);
}

/** The same view from our mirror alone (the live stream re-reads it on each change the webhooks apply). */
export async function readSubscriptionProgress(userId: string, stripeSubscriptionId: string): Promise<SubscriptionProgress | null> {
  const view = await findUserSubscription(userId, stripeSubscriptionId);
  if (!view) return null;
  const waitingForCard = view.status === "trialing" && !view.defaultPaymentMethod;
  return {
    subscriptionId: view.stripeSubscriptionId,
    status: view.status,
    planName: view.planName,
    quantity: view.quantity,
    interval: view.interval,
    unitAmount: view.unitAmount,
    currency: view.currency,
    trialEnd: view.trialEnd?.toISOString() ?? null,
    currentPeriodEnd: view.currentPeriodEnd?.toISOString() ?? null,
    defaultPaymentMethod: view.defaultPaymentMethod,
    settled: view.status !== "incomplete" && !waitingForCard,
  };
}
