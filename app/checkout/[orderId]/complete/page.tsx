import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveOrderStatus } from "@/components/orders/live-order-status";
import { OrderSummary } from "@/components/orders/order-summary";
import { Card, CardContent } from "@/components/ui/card";
import { getCheckoutView } from "@/lib/orders/checkout-view";
import { requireOrderAccessPage } from "@/lib/orders/access-page";
import { getOrderView, type OrderView } from "@/lib/orders/queries";
import { syncPaymentIntentById } from "@/lib/orders/sync";
import { log } from "@/lib/observability/log";
import { shopperEmails } from "@/lib/orders/emails";

export const metadata: Metadata = { title: "Order status" };
export const dynamic = "force-dynamic";

/**
 * The order as Stripe sees it now. Never trusts ?redirect_status: the
 * PaymentIntent is read from Stripe and applied through the same idempotent
 * sync the webhook uses. A ?payment_intent that belongs to another order is
 * ignored; without one, getCheckoutView syncs the order's own intent.
 */
async function loadSyncedOrder(orderId: string, paymentIntentId: string | null): Promise<OrderView | null> {
  try {
    if (paymentIntentId) {
      const synced = await syncPaymentIntentById(paymentIntentId);
      if (synced.orderId === orderId && synced.order) return synced.order;
    }
    const view = await getCheckoutView(orderId);
    return view?.order ?? null;
  } catch (error) {
    // Stripe unreachable: show what our database knows; the live status catches up.
    log.error("return page: could not sync the order with Stripe", { orderId, error });
    return getOrderView(orderId);
  }
}

export default async function CheckoutCompletePage({
  params,
  searchParams,
}: {
  params: Promise<{ orderId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orderId } = await params;
  await requireOrderAccessPage(orderId, `/checkout/${encodeURIComponent(orderId)}/complete`);
  const query = await searchParams;
  const paymentIntentId = typeof query.payment_intent === "string" ? query.payment_intent : null;
  const order = await loadSyncedOrder(orderId, paymentIntentId);
  if (!order) notFound();

  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <Card>
        <CardContent className="py-10">
          <LiveOrderStatus
            initial={{
              id: order.id,
              email: order.email,
              status: order.status,
              state: order.state,
              amount: order.amount,
              amountRefunded: order.amountRefunded,
              currency: order.currency,
              lastPaymentError: order.lastPaymentError,
            }}
            emails={shopperEmails()}
          />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="space-y-6">
          <OrderSummary lines={order.lines} amount={order.amount} amountRefunded={order.amountRefunded} currency={order.currency} state={order.state} title={`Order ${order.id}`} />
        </CardContent>
      </Card>
      <p className="text-center">
        <Link href="/" className="rounded text-sm font-medium text-accent-600 hover:text-accent-700 focus-visible:outline-2">
          Continue shopping
        </Link>
      </p>
    </div>
  );
}
