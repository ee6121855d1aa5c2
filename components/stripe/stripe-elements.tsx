"use client";
// The one place the browser loads Stripe.js and opens an Elements group: our
// appearance, no Stripe.js during server rendering, and a way out when the
// script cannot load. Checkout, subscribe and "add card" all render inside it.
import { Elements } from "@stripe/react-stripe-js";
import type { Appearance, Stripe } from "@stripe/stripe-js";
import { type ReactNode, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { type BrowserStripeConfig, getStripe } from "@/lib/stripe/load-stripe";

// Stripe's "stripe" theme tuned to our accent colour and system fonts.
const appearance: Appearance = {
  theme: "stripe",
  variables: {
    colorPrimary: "#4f46e5",
    colorText: "#18181b",
    colorDanger: "#dc2626",
    fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    borderRadius: "6px",
  },
};

export function StripeElements({ stripeConfig, clientSecret, children }: { stripeConfig: BrowserStripeConfig; clientSecret: string; children: ReactNode }) {
  const [loadFailed, setLoadFailed] = useState(false);
  // null while rendering on the server; Stripe.js loads only in the browser.
  const [stripePromise] = useState<Promise<Stripe | null> | null>(() =>
    typeof window === "undefined" ? null : getStripe(stripeConfig).catch(() => null),
  );

  useEffect(() => {
    let active = true;
    stripePromise?.then((stripe) => {
      if (active && !stripe) setLoadFailed(true);
    });
    return () => {
      active = false;
    };
  }, [stripePromise]);

  if (loadFailed) {
    return (
      <div role="alert" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        <p>The payment form could not be loaded. Check your connection, then try again.</p>
        <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
          Reload the payment form
        </Button>
      </div>
    );
  }

  // A new client secret is a new intent: remount rather than update the group.
  return (
    <Elements key={clientSecret} stripe={stripePromise} options={{ clientSecret, appearance }}>
      {children}
    </Elements>
  );
}
