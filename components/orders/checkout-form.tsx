"use client";
import { PaymentMessage, usePaymentElementForm } from "@/components/stripe/payment-element-form";
import { StripeElements } from "@/components/stripe/stripe-elements";
import { Button } from "@/components/ui/button";
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
  const { submit, submitting, message, canSubmit, element } = usePaymentElementForm("Something went wrong while confirming your payment. Please try again.");
  const pay = submit((stripe, elements) =>
    stripe.confirmPayment({
      elements,
      confirmParams: { return_url: `${window.location.origin}/checkout/${encodeURIComponent(orderId)}/complete` },
    }),
  );

  return (
    <form onSubmit={pay} className="space-y-6" aria-label="Payment" aria-describedby={message ? "payment-message" : undefined}>
      {element}
      <Button
        type="submit"
        size="lg"
        className="w-full tabular-nums"
        loading={submitting}
        disabled={!canSubmit}
        data-testid="pay-button"
      >
        {`Pay ${formatMoney(amount, currency)}`}
      </Button>
      <PaymentMessage message={message} />
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
