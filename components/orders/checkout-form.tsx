"use client";
// The checkout's payment form. Its Stripe code (@stripe/react-stripe-js and the
// form around the Payment Element, checkout-payment-form.tsx) loads once the
// page is interactive, alongside Stripe.js itself, which the page's HTML has
// been downloading since the start (components/stripe/preload-stripe-js.tsx)
// and is the longer wait. Until then the same form stands in, disabled, at
// its final size.
import { lazy, Suspense, useSyncExternalStore } from "react";
import { PAYMENT_ELEMENT_HEIGHT } from "@/components/stripe/payment-element-box";
import { PaymentElementSkeleton } from "@/components/stripe/payment-element-skeleton";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/lib/money";
import type { BrowserStripeConfig } from "@/lib/stripe/load-stripe";

export type CheckoutFormProps = {
  orderId: string;
  clientSecret: string;
  amount: number;
  currency: string;
  stripeConfig: BrowserStripeConfig;
};

const CheckoutPaymentForm = lazy(() => import("@/components/orders/checkout-payment-form").then((m) => ({ default: m.CheckoutPaymentForm })));

const subscribeToNothing = () => () => {};

export function CheckoutForm(props: CheckoutFormProps) {
  // false while rendering on the server and hydrating, true from the first render after.
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const standIn = <PaymentFormStandIn amount={props.amount} currency={props.currency} />;
  if (!hydrated) return standIn;
  return (
    <Suspense fallback={standIn}>
      <CheckoutPaymentForm {...props} />
    </Suspense>
  );
}

function PaymentFormStandIn({ amount, currency }: { amount: number; currency: string }) {
  return (
    <div className="space-y-6">
      <div className={PAYMENT_ELEMENT_HEIGHT}>
        <PaymentElementSkeleton />
      </div>
      <Button type="button" size="lg" className="w-full tabular-nums" disabled data-testid="pay-button">
        {`Pay ${formatMoney(amount, currency)}`}
      </Button>
      <SecureCardNote />
    </div>
  );
}

export function SecureCardNote() {
  return (
    <p className="flex items-center justify-center gap-1.5 text-xs text-zinc-500">
      <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5" aria-hidden="true">
        <path
          fillRule="evenodd"
          d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
          clipRule="evenodd"
        />
      </svg>
      Card details go straight to Stripe; we never see them.
    </p>
  );
}
