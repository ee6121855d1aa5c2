// customer.subscription.*, invoice.*, invoice_payment.paid, setup_intent.succeeded,
// payment_method.* and customer.updated keep the billing mirror (Subscription,
// Invoice, Payment, PaymentMethodSummary) in step with Stripe, in any delivery order:
// snapshots carry event.created and older ones are skipped; a snapshot from
// the same second as the stored one is resolved by re-fetching from Stripe.
import { removeDeletedInvoice } from "@/lib/invoices/apply";
import { applyInvoiceEvent, syncInvoiceById } from "@/lib/invoices/sync";
import { recordGuestCustomer } from "@/lib/customers/guests";
import { applyPaidInvoicePayment } from "@/lib/payments/apply";
import { refreshCardsForSubscriptionDefault, syncCardsAfterDetach, syncCardsOfOurCustomer } from "@/lib/payment-methods/apply";
import { queueDunningMail } from "@/lib/mail/compose";
import { idOf, isUnmatched } from "@/lib/stripe/types";
import { applySubscriptionEvent, settleSubscriptionOfInvoice } from "@/lib/subscriptions/sync";
import { adoptCardForWaitingSubscriptions } from "@/lib/subscriptions/trial-card";
import type Stripe from "stripe";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";

type SubscriptionEvent = { data: { object: Stripe.Subscription }; created: number };
type InvoiceEvent = { data: { object: Stripe.Invoice }; created: number };

const subscriptionChanged = async ({ data, created }: SubscriptionEvent) => {
  const result = await applySubscriptionEvent(data.object, created);
  await refreshCardsForSubscriptionDefault(data.object);
  if (isUnmatched(result)) return result;
};
const invoiceChanged = ({ data, created }: InvoiceEvent) => applyInvoiceEvent(data.object, created);
const invoicePaymentOutcome = async ({ data, created }: InvoiceEvent) => {
  await applyInvoiceEvent(data.object, created);
  await settleSubscriptionOfInvoice(data.object);
};

export const billingHandlers: StripeEventHandlers = {
  // A subscription was created (usually incomplete until the browser pays its first invoice).
  "customer.subscription.created": subscriptionChanged,
  // Status, plan, seats, period, cancellation or default card changed.
  "customer.subscription.updated": subscriptionChanged,
  // Ended (canceled now, at period end, or after failed dunning): access stops.
  "customer.subscription.deleted": subscriptionChanged,
  "customer.subscription.paused": subscriptionChanged,
  "customer.subscription.resumed": subscriptionChanged,
  // Three days before a trial converts; the snapshot is current, and the portal shows the trial end.
  "customer.subscription.trial_will_end": subscriptionChanged,
  "customer.subscription.pending_update_applied": subscriptionChanged,
  "customer.subscription.pending_update_expired": subscriptionChanged,

  "invoice.created": invoiceChanged,
  // Numbered, with hosted page and PDF; payment is attempted next.
  "invoice.finalized": invoiceChanged,
  "invoice.updated": invoiceChanged,
  "invoice.sent": invoiceChanged,
  "invoice.finalization_failed": invoiceChanged,
  "invoice.marked_uncollectible": invoiceChanged,
  "invoice.voided": invoiceChanged,
  "invoice.deleted": async (event) => removeDeletedInvoice(event.data.object.id!),
  // The money arrived: the subscription becomes (or stays) active.
  "invoice.paid": invoicePaymentOutcome,
  "invoice.payment_succeeded": invoicePaymentOutcome,
  // A renewal failed: the subscription goes past_due and the portal shows the dunning banner.
  // The customer hears of it once per failed attempt, with a link to update the card.
  "invoice.payment_failed": async (event) => {
    await invoicePaymentOutcome(event);
    await queueDunningMail(event.data.object);
  },
  "invoice.payment_action_required": invoicePaymentOutcome,
  // Carries the payment, not the invoice: read the invoice once. It is what ties a
  // charge to its invoice and subscription (the admin Payments list and the dashboard).
  "invoice_payment.paid": async ({ data }) => {
    const invoiceId = idOf(data.object.invoice);
    if (!invoiceId) return;
    const invoice = await syncInvoiceById(invoiceId);
    const payer = await applyPaidInvoicePayment(data.object, invoice);
    if (payer) await recordGuestCustomer(payer);
  },

  // A card was saved (portal "add card", or a trial's pending SetupIntent): refresh cards,
  // and the subscriptions the SetupIntent may have given a default card.
  "setup_intent.succeeded": async ({ data }) => {
    await adoptCardForWaitingSubscriptions(data.object);
    await syncCardsOfOurCustomer(idOf(data.object.customer));
  },
  "payment_method.attached": (event) => syncCardsOfOurCustomer(idOf(event.data.object.customer)),
  // The payload's customer is already null; the previous value (or our row) says whose card it was.
  "payment_method.detached": ({ data }) => syncCardsAfterDetach(data.object, idOf(data.previous_attributes?.customer)),
  "payment_method.updated": (event) => syncCardsOfOurCustomer(idOf(event.data.object.customer)),
  // The default card for invoices may have changed (other customer edits don't touch billing).
  "customer.updated": async (event) => {
    const previous = event.data.previous_attributes as { invoice_settings?: unknown } | undefined;
    if (previous && !("invoice_settings" in previous)) return;
    await syncCardsOfOurCustomer(event.data.object.id);
  },
};
