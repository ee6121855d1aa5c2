// Re-fetch an invoice from Stripe (or take one a Stripe call just returned) and
// apply it with the same function the webhooks use.
import type Stripe from "stripe";
import { applyInvoice } from "@/lib/invoices/apply";
import { getStripe } from "@/lib/stripe/client";
import { nowSeconds } from "@/lib/stripe/types";

export async function syncInvoiceById(stripeInvoiceId: string): Promise<Stripe.Invoice> {
  const invoice = await getStripe().invoices.retrieve(stripeInvoiceId);
  await applyInvoice(invoice, nowSeconds(), { fresh: true });
  return invoice;
}

/** Applies an invoice we just received from a Stripe API call (pay, finalize, void). */
export async function applyFreshInvoice(invoice: Stripe.Invoice): Promise<void> {
  await applyInvoice(invoice, nowSeconds(), { fresh: true });
}

/** A webhook's invoice snapshot at Stripe time `observedAt`; a same-second tie is settled by reading the invoice. */
export async function applyInvoiceEvent(invoice: Stripe.Invoice, observedAt: number): Promise<void> {
  const result = await applyInvoice(invoice, observedAt);
  if (result.outcome === "tie" && invoice.id) await syncInvoiceById(invoice.id);
}
