// Re-fetch from Stripe and apply to the mirror with the same apply functions
// the webhooks use. For return pages, after our own API calls, and for
// events whose payload cannot be trusted to be the latest state.
import type Stripe from "stripe";
import { getStripe } from "@/lib/stripe/client";
import { nowSeconds, type ApplyOutcome } from "@/lib/stripe/types";
import { applySubscription } from "@/lib/subscriptions/apply";
import { getDb } from "@/lib/db";
import { invoiceSubscriptionId } from "@/lib/invoices/apply";
import { WAITING_ON_PAYMENT } from "@/lib/subscriptions/status";

export async function syncSubscriptionById(stripeSubscriptionId: string): Promise<Stripe.Subscription> {
  const subscription = await getStripe().subscriptions.retrieve(stripeSubscriptionId);
  await applySubscription(subscription, nowSeconds(), { fresh: true });
  return subscription;
}

/** Applies a subscription object we just received from a Stripe API call (create, update, cancel). */
export async function applyFreshSubscription(subscription: Stripe.Subscription): Promise<void> {
  await applySubscription(subscription, nowSeconds(), { fresh: true });
}

/** Every subscription and recent invoice of a customer, e.g. before deciding whether they may subscribe. */
export async function syncCustomerSubscriptions(stripeCustomerId: string): Promise<Stripe.Subscription[]> {
  const subscriptions: Stripe.Subscription[] = [];
  for await (const sub of getStripe().subscriptions.list({ customer: stripeCustomerId, status: "all", limit: 100 })) subscriptions.push(sub);
  for (const sub of subscriptions) await applySubscription(sub, nowSeconds(), { fresh: true });
  return subscriptions;
}

/** A webhook's subscription snapshot at Stripe time `observedAt`; a same-second tie is settled by reading it. */
export async function applySubscriptionEvent(subscription: Stripe.Subscription, observedAt: number): Promise<ApplyOutcome> {
  const result = await applySubscription(subscription, observedAt);
  if (result.outcome !== "tie") return result;
  return applySubscription(await getStripe().subscriptions.retrieve(subscription.id), nowSeconds(), { fresh: true });
}

/**
 * Paying (or failing) an invoice moves its subscription; if that event is late
 * or lost, a subscription still waiting on payment is read once from Stripe.
 */
export async function settleSubscriptionOfInvoice(invoice: Stripe.Invoice): Promise<void> {
  const subscriptionId = invoiceSubscriptionId(invoice);
  if (!subscriptionId) return;
  const row = await getDb().subscription.findUnique({ where: { stripeSubscriptionId: subscriptionId } });
  if (!row || WAITING_ON_PAYMENT.includes(row.status)) await syncSubscriptionById(subscriptionId);
}
