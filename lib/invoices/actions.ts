// Paying an open invoice of the signed-in user with their default card: the
// way out of past_due once the card has been fixed.
import type { z } from "zod";
import type Stripe from "stripe";
import type { AccountUser } from "@/lib/auth/users";
import { syncInvoiceById, syncSubscriptionById } from "@/lib/subscriptions/sync";
import { HttpError } from "@/lib/http/errors";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";
import { customerIdOf, getOwnedInvoice } from "@/lib/customers/ownership";
import { customerDefaultPaymentMethod } from "@/lib/payment-methods/actions";
import type { requestOnlySchema } from "@/lib/http/schemas";

export type PaidInvoice = { invoiceId: string; status: string | null; amountPaid: number; currency: string; subscriptionStatus: string | null };

export function subscriptionIdOfInvoice(invoice: Stripe.Invoice): string | null {
  const sub = invoice.parent?.subscription_details?.subscription;
  return !sub ? null : typeof sub === "string" ? sub : sub.id;
}

export async function payOpenInvoice(user: AccountUser, invoiceId: string, { requestId }: z.output<typeof requestOnlySchema>): Promise<PaidInvoice> {
  const invoice = await getOwnedInvoice(user, invoiceId);
  if (invoice.status === "paid") throw new HttpError(409, "This invoice is already paid.");
  if (invoice.status !== "open") throw new HttpError(409, `This invoice is ${invoice.status ?? "not open"} and can't be paid.`);
  const stripe = getStripe();
  // Stripe's own precedence: the subscription's default card, then the customer's.
  const subscriptionId0 = subscriptionIdOfInvoice(invoice);
  const subscriptionCard = subscriptionId0 ? customerIdOf((await stripe.subscriptions.retrieve(subscriptionId0)).default_payment_method) : null;
  const card = subscriptionCard ?? (await customerDefaultPaymentMethod(user.stripeCustomerId!));
  if (!card) throw new HttpError(409, "Add a card first, then pay the invoice.");
  let paid: Stripe.Invoice;
  try {
    paid = await stripe.invoices.pay(invoice.id!, { payment_method: card }, { idempotencyKey: idempotencyKey("invoice", invoice.id!, "pay", requestId) });
  } finally {
    // Declined or not, the invoice (attempt count, next retry) and the subscription changed.
    await syncInvoiceById(invoice.id!);
  }
  const subscriptionId = subscriptionIdOfInvoice(paid);
  let subscriptionStatus: string | null = null;
  if (subscriptionId) {
    await syncSubscriptionById(subscriptionId);
    subscriptionStatus = (await stripe.subscriptions.retrieve(subscriptionId)).status;
  }
  return { invoiceId: paid.id!, status: paid.status, amountPaid: paid.amount_paid, currency: paid.currency, subscriptionStatus };
}
