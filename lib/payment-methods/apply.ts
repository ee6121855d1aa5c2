// Saved cards mirror: rebuilt from Stripe's current list every time, so any
// order of payment_method.* / customer.updated / setup_intent.* events ends
// in the same state. The default card is the customer's invoice default, or,
// when the customer has none, the current subscription's default (what
// save_default_payment_method=on_subscription sets after the first payment).
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { getStripe } from "@/lib/stripe/client";
import { ENDED_SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { idOf } from "@/lib/stripe/types";


export async function applyCustomerPaymentMethods(
  stripeCustomerId: string,
  cards: Stripe.PaymentMethod[],
  customerDefault: string | null,
  db: Db = getDb(),
): Promise<void> {
  let defaultId = customerDefault;
  if (!defaultId) {
    const sub = await db.subscription.findFirst({
      where: { stripeCustomerId, status: { notIn: [...ENDED_SUBSCRIPTION_STATUSES] }, defaultPaymentMethod: { not: null } },
      orderBy: { createdAt: "desc" },
    });
    defaultId = sub?.defaultPaymentMethod ?? null;
  }
  const ids = cards.map((pm) => pm.id);
  await db.paymentMethodSummary.deleteMany({ where: { stripeCustomerId, stripePaymentMethodId: { notIn: ids } } });
  for (const pm of cards) {
    const data = {
      stripeCustomerId,
      brand: pm.card?.display_brand ?? pm.card?.brand ?? null,
      last4: pm.card?.last4 ?? null,
      expMonth: pm.card?.exp_month ?? null,
      expYear: pm.card?.exp_year ?? null,
      isDefault: pm.id === defaultId,
    };
    await db.paymentMethodSummary.upsert({ where: { stripePaymentMethodId: pm.id }, create: { stripePaymentMethodId: pm.id, ...data }, update: data });
  }
}

/** Reads the customer's cards and default from Stripe and rebuilds the mirror. */
export async function syncCustomerPaymentMethods(stripeCustomerId: string, db: Db = getDb()): Promise<void> {
  const stripe = getStripe();
  const customer = await stripe.customers.retrieve(stripeCustomerId);
  if ("deleted" in customer && customer.deleted) {
    await db.paymentMethodSummary.deleteMany({ where: { stripeCustomerId } });
    return;
  }
  const cards: Stripe.PaymentMethod[] = [];
  for await (const pm of stripe.paymentMethods.list({ customer: stripeCustomerId, type: "card", limit: 100 })) cards.push(pm);
  await applyCustomerPaymentMethods(stripeCustomerId, cards, idOf((customer as Stripe.Customer).invoice_settings?.default_payment_method), db);
}

/** Cards are mirrored only for customers that belong to one of our accounts. */
export async function syncCardsOfOurCustomer(stripeCustomerId: string | null): Promise<void> {
  if (!stripeCustomerId) return;
  const user = await getDb().user.findUnique({ where: { stripeCustomerId }, select: { id: true } });
  if (user) await syncCustomerPaymentMethods(stripeCustomerId);
}

/**
 * The card mirror derives its default from the subscription when the customer
 * has none; if the cards were mirrored before this default arrived, refresh them.
 */
export async function refreshCardsForSubscriptionDefault(subscription: Stripe.Subscription): Promise<void> {
  const customerId = idOf(subscription.customer);
  if (!subscription.default_payment_method || !customerId) return;
  const known = await getDb().paymentMethodSummary.count({ where: { stripeCustomerId: customerId, isDefault: true } });
  if (known === 0) await syncCardsOfOurCustomer(customerId);
}

/** A detached card's payload no longer names its customer: the previous value, or our row, says whose it was. */
export async function syncCardsAfterDetach(paymentMethod: Stripe.PaymentMethod, previousCustomer: string | null | undefined): Promise<void> {
  const row = await getDb().paymentMethodSummary.findUnique({ where: { stripePaymentMethodId: paymentMethod.id } });
  await syncCardsOfOurCustomer(previousCustomer ?? row?.stripeCustomerId ?? null);
}
