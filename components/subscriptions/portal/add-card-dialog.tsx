"use client";
// Add a card: a SetupIntent from our server, the Payment Element, and
// stripe.confirmSetup in the page (redirect only if the card needs it).
import { PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { StripeElements } from "@/components/stripe/stripe-elements";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import type { BrowserStripeConfig } from "@/lib/stripe/load-stripe";
import { newRequestId, portalFetch } from "./portal-api";

export function AddCardDialog({
  open,
  onOpenChange,
  stripeConfig,
  makeDefault,
  title = "Add a card",
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  stripeConfig: BrowserStripeConfig;
  makeDefault: boolean;
  title?: string;
  onSaved: (result: { paymentMethodId: string; isDefault: boolean }) => void;
}) {
  const [setup, setSetup] = useState<{ clientSecret: string; setupIntentId: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) {
      setSetup(null);
      setError(null);
      return;
    }
    let active = true;
    portalFetch<{ clientSecret: string; setupIntentId: string }>("/api/billing/portal/setup-intents", { body: { requestId: newRequestId() } })
      .then((s) => active && setSetup(s))
      .catch((e: Error) => active && setError(e.message));
    return () => {
      active = false;
    };
  }, [open]);

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      description={makeDefault ? "The new card becomes your default: it pays your subscription's invoices from now on." : "Save a card to use for your subscription."}
    >
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {!setup && !error && (
        <div className="space-y-3" aria-busy="true" aria-label="Loading the card form">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      )}
      {setup && (
        <StripeElements stripeConfig={stripeConfig} clientSecret={setup.clientSecret}>
          <CardForm setupIntentId={setup.setupIntentId} makeDefault={makeDefault} onCancel={() => onOpenChange(false)} onSaved={onSaved} />
        </StripeElements>
      )}
    </Dialog>
  );
}

function CardForm({
  setupIntentId,
  makeDefault,
  onCancel,
  onSaved,
}: {
  setupIntentId: string;
  makeDefault: boolean;
  onCancel: () => void;
  onSaved: (result: { paymentMethodId: string; isDefault: boolean }) => void;
}) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const savingRef = useRef(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements || savingRef.current) return;
    savingRef.current = true;
    setSaving(true);
    setMessage(null);
    try {
      const { error } = await stripe.confirmSetup({
        elements,
        redirect: "if_required",
        confirmParams: { return_url: `${window.location.origin}/account/billing` },
      });
      if (error) {
        setMessage(error.message ?? "The card could not be saved. Try another card.");
        return;
      }
      const result = await portalFetch<{ paymentMethodId: string; isDefault: boolean }>(`/api/billing/portal/setup-intents/${encodeURIComponent(setupIntentId)}/complete`, {
        body: { makeDefault },
      });
      onSaved(result);
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }

  return (
    <form onSubmit={save} className="space-y-4" aria-label="Card details">
      <div className="relative min-h-40">
        {!ready && <Skeleton className="absolute inset-0" />}
        <div className={ready ? undefined : "invisible"}>
          <PaymentElement onReady={() => setReady(true)} options={{ layout: "tabs" }} />
        </div>
      </div>
      {message && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="card-error">
          {message}
        </p>
      )}
      <DialogActions>
        <Button variant="secondary" onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
        <Button type="submit" loading={saving} disabled={!stripe || !ready}>
          Save card
        </Button>
      </DialogActions>
    </form>
  );
}
