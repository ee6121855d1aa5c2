import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CheckoutForm } from "@/components/orders/checkout-form";
import { PaymentStatusBadge } from "@/components/status-badges";
import { asOrderStatus } from "@/lib/orders/status";
import { OrderSummary } from "@/components/orders/order-summary";
import { PreloadStripeJs } from "@/components/stripe/preload-stripe-js";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { getCheckoutView } from "@/lib/orders/checkout-view";
import { requireOrderAccessPage } from "@/lib/orders/access-page";
import { getBrowserStripeConfig } from "@/lib/stripe/browser-config";
import { shopperEmails } from "@/lib/orders/emails";
import { isSettledState, orderStatusCopy } from "@/lib/orders/status-copy";

export const metadata: Metadata = { title: "Checkout" };
// The order's status and the Stripe keys are read per request. No loading.tsx:
// the page arrives whole in the first HTML, so its text paints at once instead
// of after a streamed reveal, and the Stripe.js preload is in that HTML too.
export const dynamic = "force-dynamic";

export default async function CheckoutPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  await requireOrderAccessPage(orderId, `/checkout/${encodeURIComponent(orderId)}`);
  const view = await getCheckoutView(orderId);
  if (!view) notFound();
  const { order, clientSecret } = view;
  const status = asOrderStatus(order.status);
  const settled = isSettledState(order.state);
  const emails = shopperEmails();
  const copy = orderStatusCopy(order, emails);
  const completeHref = `/checkout/${encodeURIComponent(order.id)}/complete`;
  const stripeConfig = await getBrowserStripeConfig();
  const testMode = !stripeConfig.publishableKey.startsWith("pk_live_");

  return (
    <div className="mx-auto grid max-w-5xl gap-8 md:grid-cols-2 md:gap-12">
      <div className="space-y-6">
        <div className="flex flex-wrap items-center gap-2">
          {!settled && status !== "canceled" && (
            <Link href="/cart" className="rounded text-sm font-medium text-zinc-500 hover:text-zinc-900 focus-visible:outline-2">
              ← Back to cart
            </Link>
          )}
          {testMode && <Badge tone="warning">Test mode</Badge>}
        </div>
        <OrderSummary lines={order.lines} amount={order.amount} amountRefunded={order.amountRefunded} currency={order.currency} state={order.state} />
        {emails.receipt && (
          <p className="text-sm text-zinc-500">
            Receipt to <span className="font-medium text-zinc-700">{order.email}</span>
          </p>
        )}
      </div>

      <Card className="self-start">
        <CardContent className="space-y-6">
          <div className="flex items-center justify-between gap-3">
            <h1 className="text-lg font-semibold text-zinc-900">{settled || status === "canceled" ? copy.headline : "Pay with card"}</h1>
            <span data-testid="checkout-status" data-status={status}>
              <PaymentStatusBadge status={order.state} />
            </span>
          </div>

          {settled ? (
            <div className="space-y-4" data-testid="checkout-settled">
              <p className="text-sm text-zinc-600">{copy.body}</p>
              <Link href={completeHref} className={buttonClasses("primary", "lg", "w-full")}>
                View order status
              </Link>
            </div>
          ) : status === "canceled" ? (
            <div className="space-y-4">
              <p className="text-sm text-zinc-600">{copy.body} It can no longer be paid.</p>
              <Link href="/" className={buttonClasses("secondary", "md")}>
                Back to the shop
              </Link>
            </div>
          ) : clientSecret ? (
            <>
              {status === "failed" && order.lastPaymentError && (
                <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  Your last attempt didn&rsquo;t go through: {order.lastPaymentError} Try another card below.
                </p>
              )}
              <PreloadStripeJs stripeConfig={stripeConfig} />
              <CheckoutForm
                orderId={order.id}
                clientSecret={clientSecret}
                amount={order.amount}
                currency={order.currency}
                stripeConfig={stripeConfig}
              />
            </>
          ) : (
            <div role="alert" className="space-y-3 text-sm text-red-700">
              <p>We couldn&rsquo;t prepare the payment for this order. Please try again in a moment.</p>
              <Link href={`/checkout/${encodeURIComponent(order.id)}`} className={buttonClasses("secondary", "sm")}>
                Try again
              </Link>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
