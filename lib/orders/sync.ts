// Reads a PaymentIntent from Stripe and applies it: what the return page uses
// so it never trusts the redirect's query string, and what charge.* webhook
// handlers use when their payload does not carry the intent's state.
import type Stripe from "stripe";
import { getStripe } from "@/lib/stripe/client";
import { applyPaymentIntent, type ApplyResult } from "@/lib/orders/apply";
import { getOrderView, type OrderView } from "@/lib/orders/queries";
import { nowSeconds } from "@/lib/stripe/types";

export type SyncResult = {
  paymentIntent: Stripe.PaymentIntent;
  /** Our order id (from the intent's metadata or our link), null if it is not ours. */
  orderId: string | null;
  result: ApplyResult;
  order: OrderView | null;
};

export async function syncPaymentIntentById(paymentIntentId: string): Promise<SyncResult> {
  const paymentIntent = await getStripe().paymentIntents.retrieve(paymentIntentId);
  // A retrieve is the freshest view there is: stamp it with the current time.
  const result = await applyPaymentIntent(paymentIntent, nowSeconds());
  const orderId = result.outcome === "applied" || result.outcome === "stale" ? result.orderId : null;
  return { paymentIntent, orderId, result, order: orderId ? await getOrderView(orderId) : null };
}
