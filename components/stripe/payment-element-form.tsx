"use client";
// What every form around the Payment Element shares: the element with its
// loading skeleton, one submission at a time, and the failure in the issuer's
// words right under the button.
import { PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { Stripe, StripeElements, StripeError } from "@stripe/stripe-js";
import { type FormEvent, useRef, useState } from "react";
import { PAYMENT_ELEMENT_HEIGHT } from "@/components/stripe/payment-element-box";
import { PaymentElementSkeleton } from "@/components/stripe/payment-element-skeleton";

/**
 * Form state for a Payment Element: `submit(confirm)` runs one confirmation at a
 * time (a ref blocks the second click of a double click before React re-renders)
 * and shows its error; on success Stripe.js navigates away, so nothing else happens.
 */
export function usePaymentElementForm(fallbackMessage: string) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const submittingRef = useRef(false);

  function submit(confirm: (stripe: Stripe, elements: StripeElements) => Promise<{ error?: StripeError }>) {
    return async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (!stripe || !elements || submittingRef.current) return;
      submittingRef.current = true;
      setSubmitting(true);
      setMessage(null);
      const { error } = await confirm(stripe, elements);
      // Only reached when confirmation failed; the intent can be confirmed again with another card.
      setMessage(error?.message ?? fallbackMessage);
      submittingRef.current = false;
      setSubmitting(false);
    };
  }

  const element = (
    <PaymentElementField
      ready={ready}
      onReady={() => setReady(true)}
      onLoadError={(loadError) => {
        setReady(true);
        setMessage(loadError);
      }}
    />
  );
  return { submit, submitting, message, canSubmit: Boolean(stripe && elements && ready), element };
}

function PaymentElementField({ ready, onReady, onLoadError }: { ready: boolean; onReady: () => void; onLoadError: (message: string) => void }) {
  return (
    <div className={`relative ${PAYMENT_ELEMENT_HEIGHT}`}>
      {!ready && <PaymentElementSkeleton className="absolute inset-0" />}
      <div className={ready ? undefined : "invisible"}>
        <PaymentElement
          id="payment-element"
          options={{ layout: "tabs" }}
          onReady={onReady}
          onLoadError={(event) => onLoadError(event.error.message ?? "The payment form could not be loaded.")}
        />
      </div>
    </div>
  );
}

/** The confirmation's failure, read out at once; the form points at it with aria-describedby="payment-message". */
export function PaymentMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p id="payment-message" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="payment-error">
      {message}
    </p>
  );
}
