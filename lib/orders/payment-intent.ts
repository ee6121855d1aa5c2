// Exactly one PaymentIntent per order, however often the shopper clicks "Pay":
// the create call's idempotency key is derived from the order id (Stripe
// returns the same intent to every concurrent or retried call), and the id is
// stored in a unique column only while the order has none.
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";
import type { Order } from "@/lib/generated/sqlite/client";
import { requestThreeDSecureFor } from "@/lib/orders/three-d-secure";

export async function ensureOrderPaymentIntent(order: Order, db: Db = getDb()): Promise<Stripe.PaymentIntent> {
  const stripe = getStripe();
  if (order.stripePaymentIntentId) return stripe.paymentIntents.retrieve(order.stripePaymentIntentId);

  const paymentIntent = await stripe.paymentIntents.create(
    {
      amount: order.amount,
      currency: order.currency,
      automatic_payment_methods: { enabled: true },
      payment_method_options: { card: { request_three_d_secure: requestThreeDSecureFor(order.amount, order.currency) } },
      metadata: { order_id: order.id },
      // A signed-in buyer's payment appears on their Stripe customer; guests have none.
      ...(order.stripeCustomerId && { customer: order.stripeCustomerId }),
      receipt_email: order.email,
      description: `Payport order ${order.id}`,
    },
    { idempotencyKey: idempotencyKey("order", order.id, "payment_intent") },
  );

  const { count } = await db.order.updateMany({
    where: { id: order.id, stripePaymentIntentId: null },
    data: { stripePaymentIntentId: paymentIntent.id },
  });
  if (count === 0) {
    const stored = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    if (stored.stripePaymentIntentId !== paymentIntent.id) {
      throw new Error(`Order ${order.id} is already linked to ${stored.stripePaymentIntentId}, refusing ${paymentIntent.id}`);
    }
  }
  return paymentIntent;
}

/** Statuses in which the Payment Element may (still) confirm the intent. */
export function isPayable(paymentIntent: Pick<Stripe.PaymentIntent, "status">): boolean {
  return ["requires_payment_method", "requires_confirmation", "requires_action"].includes(paymentIntent.status);
}
