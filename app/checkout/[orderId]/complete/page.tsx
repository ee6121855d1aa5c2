import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveOrderStatus } from "@/components/live-order-status";
import { OrderSummary } from "@/components/order-summary";
import { Card, CardContent } from "@/components/ui/card";
import { getCheckoutView } from "@/lib/checkout/checkout-view";
import { syncPaymentIntentById } from "@/lib/payments/sync-payment-intent";

export const metadata: Metadata = { title: "Order status" };
export const dynamic = "force-dynamic";

function paymentIntentIdFromClientSecret(clientSecret: string | null): string | null {
  return clientSecret?.split("_secret_")[0] || null;
}

export default async function CheckoutCompletePage({
  params,
  searchParams,
}: {
  params: Promise<{ orderId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orderId } = await params;
  const query = await searchParams;
  const before = await getCheckoutView(orderId);
  if (!before) notFound();

  // Never trust ?redirect_status: ask Stripe for the PaymentIntent and apply it
  // through the same idempotent sync the webhook uses. The order's own PI wins
  // over the query string, so a forged ?payment_intent cannot stand in for it.
  const fromQuery = typeof query.payment_intent === "string" ? query.payment_intent : null;
  const paymentIntentId = paymentIntentIdFromClientSecret(before.clientSecret) ?? fromQuery;
  if (paymentIntentId) {
    try {
      await syncPaymentIntentById(paymentIntentId);
    } catch (error) {
      // Stripe unreachable: show what we know; the live status catches up.
      console.error("return page: PaymentIntent sync failed", error);
    }
  }
  const view = (await getCheckoutView(orderId)) ?? before;
  const { order } = view;

  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <Card>
        <CardContent className="py-10">
          <LiveOrderStatus
            initial={{
              id: order.id,
              email: order.email,
              status: order.status,
              amount: order.amount,
              currency: order.currency,
              lastPaymentError: order.lastPaymentError,
            }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="space-y-6">
          <OrderSummary lines={order.lines} amount={order.amount} currency={order.currency} title={`Order ${order.id}`} />
          <div className="space-y-2 text-sm text-zinc-600">
            <h2 className="font-medium text-zinc-900">What happens next</h2>
            <ul className="list-disc space-y-1 pl-5">
              <li>The receipt goes to {order.email} as soon as the payment is confirmed.</li>
              <li>We pack and ship your order within two working days and email the tracking link.</li>
              <li>Keep this page&rsquo;s address: it always shows the order&rsquo;s current status.</li>
            </ul>
          </div>
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
