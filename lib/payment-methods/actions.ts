// Saved cards of the signed-in user's Stripe customer: add one through a
// SetupIntent (confirmed in the browser with the Payment Element), make one
// the default for invoices and for the live subscription, remove one.
import type { z } from "zod";
import type Stripe from "stripe";
import type { AccountUser } from "@/lib/auth/users";
import { syncSubscriptionById } from "@/lib/subscriptions/sync";
import { syncCustomerPaymentMethods } from "@/lib/payment-methods/apply";
import { LIVE_SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { ensureStripeCustomer } from "@/lib/auth/stripe-customer";
import { HttpError } from "@/lib/errors";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";
import { getOwnedInvoice, getOwnedPaymentMethod } from "@/lib/auth/ownership";
import { idOf } from "@/lib/stripe/types";
import type { completeSetupSchema } from "@/lib/payment-methods/schemas";
import type { requestOnlySchema } from "@/lib/http/schemas";
import { invoiceSubscriptionId } from "@/lib/invoices/apply";
import { syncInvoiceById } from "@/lib/invoices/sync";
import { cardLabel, recordPortalAction } from "@/lib/audit/portal";
import { getDb } from "@/lib/db";

export async function createCardSetupIntent(user: AccountUser, { requestId }: z.output<typeof requestOnlySchema>): Promise<{ clientSecret: string; setupIntentId: string }> {
  const customer = await ensureStripeCustomer(user.id);
  const intent = await getStripe().setupIntents.create(
    { customer, usage: "off_session", metadata: { user_id: user.id } },
    { idempotencyKey: idempotencyKey("user", user.id, "setup_intent", requestId) },
  );
  return { clientSecret: intent.client_secret!, setupIntentId: intent.id };
}

async function liveSubscriptions(customer: string): Promise<Stripe.Subscription[]> {
  const list = await getStripe().subscriptions.list({ customer, status: "all", limit: 100 });
  return list.data.filter((s) => LIVE_SUBSCRIPTION_STATUSES.includes(s.status));
}

/** The card Stripe charges for this customer's invoices (customer default), or null. */
export async function customerDefaultPaymentMethod(customer: string): Promise<string | null> {
  const c = await getStripe().customers.retrieve(customer);
  if ("deleted" in c && c.deleted) return null;
  return idOf((c as Stripe.Customer).invoice_settings?.default_payment_method ?? null);
}

/** The card renewals use: the customer's invoice default, else a live subscription's own default. */
export async function effectiveDefaultPaymentMethod(customer: string): Promise<string | null> {
  const own = await customerDefaultPaymentMethod(customer);
  if (own) return own;
  return (await liveSubscriptions(customer)).map((s) => idOf(s.default_payment_method)).find((id): id is string => !!id) ?? null;
}

async function makeDefault(customer: string, paymentMethod: string, key: string[]): Promise<void> {
  const stripe = getStripe();
  await stripe.customers.update(customer, { invoice_settings: { default_payment_method: paymentMethod } }, { idempotencyKey: idempotencyKey(...key, "customer") });
  // A subscription's own default wins over the customer's, so it must point at the new card too.
  for (const sub of await liveSubscriptions(customer)) {
    if (idOf(sub.default_payment_method) === paymentMethod) continue;
    await stripe.subscriptions.update(sub.id, { default_payment_method: paymentMethod }, { idempotencyKey: idempotencyKey(...key, sub.id) });
    await syncSubscriptionById(sub.id);
  }
}

export async function setDefaultPaymentMethod(user: AccountUser, paymentMethodId: string, { requestId }: z.output<typeof requestOnlySchema>): Promise<{ paymentMethodId: string }> {
  const pm = await getOwnedPaymentMethod(user, paymentMethodId);
  await makeDefault(user.stripeCustomerId!, pm.id, ["payment_method", pm.id, "default", requestId]);
  await syncCustomerPaymentMethods(user.stripeCustomerId!);
  await recordPortalAction(user, user.stripeCustomerId!, "portal.card_default", { paymentMethodId: pm.id, card: cardLabel(pm.card) });
  return { paymentMethodId: pm.id };
}

/**
 * After the browser confirmed a SetupIntent: the new card becomes the default
 * when asked, or when the customer had none (a first card is the one to charge).
 */
export async function completeCardSetup(user: AccountUser, setupIntentId: string, input: z.output<typeof completeSetupSchema>): Promise<{ paymentMethodId: string; isDefault: boolean }> {
  if (!user.stripeCustomerId || !/^seti_[A-Za-z0-9_]{1,120}$/.test(setupIntentId)) throw new HttpError(404, "Card setup not found.");
  let intent: Stripe.SetupIntent;
  try {
    intent = await getStripe().setupIntents.retrieve(setupIntentId);
  } catch {
    throw new HttpError(404, "Card setup not found.");
  }
  if (idOf(intent.customer) !== user.stripeCustomerId) throw new HttpError(404, "Card setup not found.");
  if (intent.status !== "succeeded") throw new HttpError(409, "This card hasn't been confirmed yet. Enter the card details and save again.");
  const paymentMethod = idOf(intent.payment_method)!;
  const current = await effectiveDefaultPaymentMethod(user.stripeCustomerId);
  const isDefault = input.makeDefault === true || !current || current === paymentMethod;
  if (isDefault && current !== paymentMethod) await makeDefault(user.stripeCustomerId, paymentMethod, ["setup_intent", intent.id, "default"]);
  await syncCustomerPaymentMethods(user.stripeCustomerId);
  // The same setup completed twice (a retried request) added one card.
  const alreadyRecorded = await getDb().auditLog.findFirst({ where: { action: "portal.card_add", targetType: "customer", targetId: user.stripeCustomerId, details: { contains: `"${paymentMethod}"` } }, select: { id: true } });
  if (!alreadyRecorded) {
    const summary = await getDb().paymentMethodSummary.findUnique({ where: { stripePaymentMethodId: paymentMethod }, select: { brand: true, last4: true } });
    await recordPortalAction(user, user.stripeCustomerId, "portal.card_add", { paymentMethodId: paymentMethod, card: cardLabel(summary), isDefault });
  }
  return { paymentMethodId: paymentMethod, isDefault };
}

export async function removePaymentMethod(user: AccountUser, paymentMethodId: string): Promise<{ paymentMethodId: string }> {
  const pm = await getOwnedPaymentMethod(user, paymentMethodId);
  const customer = user.stripeCustomerId!;
  const stripe = getStripe();
  const [cards, subs, customerDefault] = await Promise.all([
    stripe.customers.listPaymentMethods(customer, { limit: 100 }),
    liveSubscriptions(customer),
    customerDefaultPaymentMethod(customer),
  ]);
  const billed = subs.filter((s) => s.status !== "canceled");
  if (billed.length > 0) {
    if (cards.data.length <= 1)
      throw new HttpError(409, "This is the only card on your subscription, so it can't be removed. Add another card first, or cancel the subscription.");
    const isDefault = customerDefault === pm.id || billed.some((s) => idOf(s.default_payment_method) === pm.id);
    if (isDefault) throw new HttpError(409, "This card pays for your subscription. Make another card the default first, then remove this one.");
  }
  await stripe.paymentMethods.detach(pm.id, {}, { idempotencyKey: idempotencyKey("payment_method", pm.id, "detach") });
  await syncCustomerPaymentMethods(customer);
  await recordPortalAction(user, customer, "portal.card_remove", { paymentMethodId: pm.id, card: cardLabel(pm.card) });
  return { paymentMethodId: pm.id };
}

// Paying an open invoice of the signed-in user with their saved card: the way
// out of past_due once the card has been fixed.
export type PaidInvoice = { invoiceId: string; status: string | null; amountPaid: number; currency: string; subscriptionStatus: string | null };

export async function payOpenInvoice(user: AccountUser, invoiceId: string, { requestId }: z.output<typeof requestOnlySchema>): Promise<PaidInvoice> {
  const invoice = await getOwnedInvoice(user, invoiceId);
  if (invoice.status === "paid") throw new HttpError(409, "This invoice is already paid.");
  if (invoice.status !== "open") throw new HttpError(409, `This invoice is ${invoice.status ?? "not open"} and can't be paid.`);
  const stripe = getStripe();
  // Stripe's own precedence: the subscription's default card, then the customer's.
  const subscriptionId0 = invoiceSubscriptionId(invoice);
  const subscriptionCard = subscriptionId0 ? idOf((await stripe.subscriptions.retrieve(subscriptionId0)).default_payment_method) : null;
  const card = subscriptionCard ?? (await customerDefaultPaymentMethod(user.stripeCustomerId!));
  if (!card) throw new HttpError(409, "Add a card first, then pay the invoice.");
  let paid: Stripe.Invoice;
  try {
    paid = await stripe.invoices.pay(invoice.id!, { payment_method: card }, { idempotencyKey: idempotencyKey("invoice", invoice.id!, "pay", requestId) });
  } finally {
    // Declined or not, the invoice (attempt count, next retry) and the subscription changed.
    await syncInvoiceById(invoice.id!);
  }
  const subscriptionId = invoiceSubscriptionId(paid);
  let subscriptionStatus: string | null = null;
  if (subscriptionId) {
    await syncSubscriptionById(subscriptionId);
    subscriptionStatus = (await stripe.subscriptions.retrieve(subscriptionId)).status;
  }
  return { invoiceId: paid.id!, status: paid.status, amountPaid: paid.amount_paid, currency: paid.currency, subscriptionStatus };
}
