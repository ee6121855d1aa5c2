"use client";
import { PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { StripeElements } from "@/components/stripe/stripe-elements";
import { type FormEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { BrowserStripeConfig } from "@/lib/stripe/load-stripe";
import { formatMoney } from "@/lib/money";

type CheckoutFormProps = {
  orderId: string;
  clientSecret: string;
  amount: number;
  currency: string;
  stripeConfig: BrowserStripeConfig;
};

export function CheckoutForm({ stripeConfig, clientSecret, ...props }: CheckoutFormProps) {
  return (
    <StripeElements stripeConfig={stripeConfig} clientSecret={clientSecret}>
      <PaymentForm {...props} />
    </StripeElements>
  );
}

function PaymentForm({ orderId, amount, currency }: Omit<CheckoutFormProps, "clientSecret" | "stripeConfig">) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // State updates land after a re-render; a ref blocks the second click of a double click at once.
  const submittingRef = useRef(false);
  const payLabel = `Pay ${formatMoney(amount, currency)}`;

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements || submittingRef.current) return;
    submittingRef.current = true;
    setSubmitting(true);
    setMessage(null);

    const { error } = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: `${window.location.origin}/checkout/${encodeURIComponent(orderId)}/complete` },
    });

    // Only reached when confirmation failed: on success Stripe.js navigates to return_url.
    // The PaymentIntent is back to requires_payment_method, so the same form can try another card.
    setMessage(error?.message ?? "Something went wrong while confirming your payment. Please try again.");
    submittingRef.current = false;
    setSubmitting(false);
  }

  return (
    <form onSubmit={pay} className="space-y-6" aria-label="Payment" aria-describedby={message ? "payment-message" : undefined}>
      <div className="relative min-h-52">
        {!ready && (
          <div className="absolute inset-0 space-y-4" aria-busy="true" aria-label="Loading payment form">
            <Skeleton className="h-10 w-full" />
            <div className="grid grid-cols-2 gap-4">
              <Skeleton className="h-10" />
              <Skeleton className="h-10" />
            </div>
            <Skeleton className="h-10 w-full" />
          </div>
        )}
        <div className={ready ? undefined : "invisible"}>
          <PaymentElement
            id="payment-element"
            options={{ layout: "tabs" }}
            onReady={() => setReady(true)}
            onLoadError={(event) => {
              setReady(true);
              setMessage(event.error.message ?? "The payment form could not be loaded.");
            }}
          />
        </div>
      </div>
      <Button
        type="submit"
        size="lg"
        className="w-full tabular-nums"
        loading={submitting}
        disabled={!stripe || !elements || !ready}
        data-testid="pay-button"
      >
        {payLabel}
      </Button>
      {message && (
        <p id="payment-message" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="payment-error">
          {message}
        </p>
      )}
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
    </form>
  );
}
