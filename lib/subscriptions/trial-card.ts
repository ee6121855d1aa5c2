// A trial's card is collected with the subscription's pending SetupIntent.
// Stripe makes that card the subscription's default; should it not (or should
// the event that says so be late), we set it ourselves from the succeeded
// SetupIntent, so the trial converts with the card the customer gave us.
import type Stripe from "stripe";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";
import { applyFreshSubscription, syncSubscriptionById } from "@/lib/subscriptions/sync";
import { ENDED_SUBSCRIPTION_STATUSES, isEndedSubscriptionStatus } from "@/lib/subscriptions/status";
import { idOf } from "@/lib/stripe/types";
import { getDb } from "@/lib/db";


/** Gives a subscription without a default card the card of a succeeded SetupIntent of the same customer. */
export async function adoptSetupIntentCard(subscription: Stripe.Subscription, setupIntent: Stripe.SetupIntent): Promise<Stripe.Subscription> {
  const paymentMethod = idOf(setupIntent.payment_method);
  const sameCustomer = idOf(setupIntent.customer) === idOf(subscription.customer);
  const open = !isEndedSubscriptionStatus(subscription.status);
  if (subscription.default_payment_method || !paymentMethod || !sameCustomer || setupIntent.status !== "succeeded" || !open) return subscription;
  const updated = await getStripe().subscriptions.update(
    subscription.id,
    { default_payment_method: paymentMethod },
    { idempotencyKey: idempotencyKey("subscription", subscription.id, "default_pm", setupIntent.id) },
  );
  await applyFreshSubscription(updated);
  return updated;
}

/** The return page's setup_intent parameter, checked against the subscription's customer before use. */
export async function adoptSetupIntentCardById(stripeSubscriptionId: string, setupIntentId: string): Promise<void> {
  const stripe = getStripe();
  const [subscription, setupIntent] = await Promise.all([stripe.subscriptions.retrieve(stripeSubscriptionId), stripe.setupIntents.retrieve(setupIntentId)]);
  await adoptSetupIntentCard(subscription, setupIntent);
}

/** After a card was saved: the customer's subscriptions still without a default card take it. */
export async function adoptCardForWaitingSubscriptions(setupIntent: Stripe.SetupIntent): Promise<void> {
  const customerId = idOf(setupIntent.customer);
  if (!customerId) return;
  const waiting = await getDb().subscription.findMany({
    where: { stripeCustomerId: customerId, defaultPaymentMethod: null, status: { notIn: [...ENDED_SUBSCRIPTION_STATUSES] } },
  });
  for (const sub of waiting) await adoptSetupIntentCard(await syncSubscriptionById(sub.stripeSubscriptionId), setupIntent);
}
