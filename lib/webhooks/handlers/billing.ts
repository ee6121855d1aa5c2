// customer.subscription.*, invoice.*, invoice_payment.paid, setup_intent.succeeded,
// payment_method.* and customer.updated keep the billing mirror (Subscription,
// Invoice, PaymentMethodSummary) in step with Stripe, in any delivery order:
// snapshots carry event.created and older ones are skipped; a snapshot from
// the same second as the stored one is resolved by re-fetching from Stripe.
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { applySubscription } from "@/lib/subscriptions/apply";
import { applyInvoice, invoiceSubscriptionId, removeDeletedInvoice } from "@/lib/invoices/apply";
import { syncSubscriptionById } from "@/lib/subscriptions/sync";
import { syncInvoiceById } from "@/lib/invoices/sync";
import { syncCustomerPaymentMethods } from "@/lib/payment-methods/apply";
import { adoptSetupIntentCard } from "@/lib/subscriptions/trial-card";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";
import { ENDED_SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";

const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === "string" ? value : value.id);

async function applyEventSubscription(event: { data: { object: Stripe.Subscription }; created: number }) {
  const subscription = event.data.object;
  const result = await applySubscription(subscription, event.created);
  if (result.outcome === "tie") await syncSubscriptionById(subscription.id);
  // The card mirror derives its default from the subscription when the customer
  // has none; if the cards were mirrored before this default arrived, refresh them.
  const customerId = idOf(subscription.customer);
  if (subscription.default_payment_method && customerId) {
    const known = await getDb().paymentMethodSummary.count({ where: { stripeCustomerId: customerId, isDefault: true } });
    if (known === 0) await syncOurCustomerCards(customerId);
  }
}

async function applyEventInvoice(event: { data: { object: Stripe.Invoice }; created: number }) {
  const invoice = event.data.object;
  const result = await applyInvoice(invoice, event.created);
  if (result.outcome === "tie" && invoice.id) await syncInvoiceById(invoice.id);
}

// Paying (or failing) an invoice moves its subscription; if that event is late
// or lost, a subscription still waiting on payment is read once from Stripe.
async function applyInvoiceAndSettleSubscription(event: { data: { object: Stripe.Invoice }; created: number }) {
  await applyEventInvoice(event);
  const subscriptionId = invoiceSubscriptionId(event.data.object);
  if (!subscriptionId) return;
  const row = await getDb().subscription.findUnique({ where: { stripeSubscriptionId: subscriptionId } });
  if (!row || ["incomplete", "past_due", "unpaid", "trialing"].includes(row.status)) await syncSubscriptionById(subscriptionId);
}

/** Cards are mirrored only for customers that belong to one of our accounts. */
async function syncOurCustomerCards(stripeCustomerId: string | null) {
  if (!stripeCustomerId) return;
  const user = await getDb().user.findUnique({ where: { stripeCustomerId }, select: { id: true } });
  if (user) await syncCustomerPaymentMethods(stripeCustomerId);
}

export const billingHandlers: StripeEventHandlers = {
  // A subscription was created (usually incomplete until the browser pays its first invoice).
  "customer.subscription.created": applyEventSubscription,
  // Status, plan, seats, period, cancellation or default card changed.
  "customer.subscription.updated": applyEventSubscription,
  // Ended (canceled now, at period end, or after failed dunning): access stops.
  "customer.subscription.deleted": applyEventSubscription,
  "customer.subscription.paused": applyEventSubscription,
  "customer.subscription.resumed": applyEventSubscription,
  // Three days before a trial converts; the snapshot is current, and the portal shows the trial end.
  "customer.subscription.trial_will_end": applyEventSubscription,
  "customer.subscription.pending_update_applied": applyEventSubscription,
  "customer.subscription.pending_update_expired": applyEventSubscription,

  "invoice.created": applyEventInvoice,
  // Numbered, with hosted page and PDF; payment is attempted next.
  "invoice.finalized": applyEventInvoice,
  "invoice.updated": applyEventInvoice,
  "invoice.sent": applyEventInvoice,
  "invoice.finalization_failed": applyEventInvoice,
  "invoice.marked_uncollectible": applyEventInvoice,
  "invoice.voided": applyEventInvoice,
  "invoice.deleted": async (event) => removeDeletedInvoice(event.data.object.id!),
  // The money arrived: the subscription becomes (or stays) active.
  "invoice.paid": applyInvoiceAndSettleSubscription,
  "invoice.payment_succeeded": applyInvoiceAndSettleSubscription,
  // A renewal failed: the subscription goes past_due and the portal shows the dunning banner.
  "invoice.payment_failed": applyInvoiceAndSettleSubscription,
  "invoice.payment_action_required": applyInvoiceAndSettleSubscription,
  // Carries the payment, not the invoice: read the invoice once.
  "invoice_payment.paid": async (event) => {
    const invoiceId = idOf(event.data.object.invoice as string | Stripe.Invoice | null);
    if (invoiceId) await syncInvoiceById(invoiceId);
  },

  // A card was saved (portal "add card", or a trial's pending SetupIntent): refresh cards,
  // and the subscriptions the SetupIntent may have given a default card.
  "setup_intent.succeeded": async (event) => {
    const setupIntent = event.data.object;
    const customerId = idOf(setupIntent.customer);
    if (!customerId) return;
    const waiting = await getDb().subscription.findMany({
      where: { stripeCustomerId: customerId, defaultPaymentMethod: null, status: { notIn: [...ENDED_SUBSCRIPTION_STATUSES] } },
    });
    for (const sub of waiting) await adoptSetupIntentCard(await syncSubscriptionById(sub.stripeSubscriptionId), setupIntent);
    await syncOurCustomerCards(customerId);
  },
  "payment_method.attached": (event) => syncOurCustomerCards(idOf(event.data.object.customer)),
  // The payload's customer is already null; the previous value (or our row) says whose card it was.
  "payment_method.detached": async (event) => {
    const previous = (event.data.previous_attributes as { customer?: string | null } | undefined)?.customer ?? null;
    const row = await getDb().paymentMethodSummary.findUnique({ where: { stripePaymentMethodId: event.data.object.id } });
    await syncOurCustomerCards(previous ?? row?.stripeCustomerId ?? null);
  },
  "payment_method.updated": (event) => syncOurCustomerCards(idOf(event.data.object.customer)),
  // The default card for invoices may have changed (other customer edits don't touch billing).
  "customer.updated": async (event) => {
    const previous = event.data.previous_attributes as { invoice_settings?: unknown } | undefined;
    if (previous && !("invoice_settings" in previous)) return;
    await syncOurCustomerCards(event.data.object.id);
  },
};
