// What the checkout page needs: the order and the client secret for the
// Payment Element. Ensures the order's PaymentIntent exists (an order whose
// intent creation failed earlier gets one now) and folds the intent's current
// state into the order, so the page is right even before the webhook lands.
import { getDb } from "@/lib/db";
import { applyPaymentIntent } from "@/lib/orders/apply";
import { ensureOrderPaymentIntent, isPayable } from "@/lib/orders/payment-intent";
import { getOrderView, type OrderView } from "@/lib/orders/queries";
import { nowSeconds } from "@/lib/stripe/types";

export type CheckoutView = {
  order: OrderView;
  /** null once the order is paid, canceled or its payment is in flight: show the status instead of the form. */
  clientSecret: string | null;
};

export async function getCheckoutView(orderId: string): Promise<CheckoutView | null> {
  const db = getDb();
  const order = await db.order.findUnique({ where: { id: orderId } });
  if (!order) return null;

  const paymentIntent = await ensureOrderPaymentIntent(order, db);
  await applyPaymentIntent(paymentIntent, nowSeconds(), db);

  const view = await getOrderView(orderId, db);
  if (!view) return null;
  return { order: view, clientSecret: isPayable(paymentIntent) ? paymentIntent.client_secret : null };
}
