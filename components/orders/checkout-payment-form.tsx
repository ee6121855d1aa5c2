"use client";
// The checkout's Stripe side: the Elements group, the Payment Element and the
// confirmation. Loaded by checkout-form.tsx once the page is interactive.
import { PaymentMessage, usePaymentElementForm } from "@/components/stripe/payment-element-form";
import { StripeElements } from "@/components/stripe/stripe-elements";
import { Button } from "@/components/ui/button";
import { type CheckoutFormProps, SecureCardNote } from "@/components/orders/checkout-form";
import { formatMoney } from "@/lib/money";

export function CheckoutPaymentForm({ stripeConfig, clientSecret, ...props }: CheckoutFormProps) {
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
      <SecureCardNote />
    </form>
  );
}
