"use client";
// Two steps: choose (seats, add-on, promotion code) -> the server creates the
// subscription -> pay its first invoice with the Payment Element
// (confirmPayment), or for a trial save the card (confirmSetup, no charge).
// Stripe.js returns to /subscribe/return, which reads the result from Stripe.
import { PaymentMessage, usePaymentElementForm } from "@/components/stripe/payment-element-form";
import { StripeElements } from "@/components/stripe/stripe-elements";
import { type FormEvent, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { SeatStepper } from "@/components/subscriptions/seat-stepper";
import type { BrowserStripeConfig } from "@/lib/stripe/load-stripe";
import { formatMoney } from "@/lib/money";
import type { FirstInvoiceBreakdown } from "@/lib/subscriptions/subscribe";

export type SubscribeFlowProps = {
  planName: string;
  priceId: string;
  interval: "month" | "year";
  unitAmount: number;
  currency: string;
  perSeat: boolean;
  initialSeats: number;
  /** Offered to this customer (one trial per customer); the server decides again. */
  trialDays: number | null;
  addon: { name: string; unitAmount: number; currency: string } | null;
  stripeConfig: BrowserStripeConfig;
};

type Intent = { type: "payment" | "setup"; clientSecret: string };
type Created = { subscriptionId: string; status: string; intent: Intent | null; amountDue: number; currency: string; firstInvoice: FirstInvoiceBreakdown | null; trialEnd: number | null };
type ApiError = { message: string; field?: string };

const returnPath = (subscriptionId: string) => `/subscribe/return?subscription=${encodeURIComponent(subscriptionId)}`;
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function SubscribeFlow(props: SubscribeFlowProps) {
  const router = useRouter();
  const [seats, setSeats] = useState(props.initialSeats);
  const [withAddon, setWithAddon] = useState(false);
  const [promotionCode, setPromotionCode] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const submittingRef = useRef(false);
  const quantity = props.perSeat ? seats : 1;
  const recurringTotal = props.unitAmount * quantity;

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submittingRef.current) return;
    submittingRef.current = true;
    setSubmitting(true);
    setError(null);
    try {
      const response = await fetch("/api/billing/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ priceId: props.priceId, quantity, meteredAddon: withAddon, promotionCode: promotionCode.trim() || null }),
      });
      const body = (await response.json().catch(() => null)) as (Created & { error?: ApiError }) | null;
      if (!response.ok || !body || body.error) {
        setError(body?.error ?? { message: "Something went wrong on our side. Please try again." });
        return;
      }
      if (!body.intent) {
        router.push(returnPath(body.subscriptionId));
        return;
      }
      setCreated(body);
    } catch {
      setError({ message: "We couldn't reach Payport. Check your connection and try again." });
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  }

  const trial = props.trialDays;
  const summary = (
    <dl className="space-y-2 text-sm" data-testid="subscribe-summary">
      <div className="flex justify-between gap-4">
        <dt className="text-zinc-600">
          {props.planName}, billed {props.interval === "month" ? "monthly" : "yearly"}
          {props.perSeat && ` × ${quantity} ${quantity === 1 ? "seat" : "seats"}`}
        </dt>
        <dd className="font-medium text-zinc-900 tabular-nums">
          {formatMoney(recurringTotal, props.currency)} / {props.interval}
        </dd>
      </div>
      {withAddon && props.addon && (
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-600">{props.addon.name}</dt>
          <dd className="text-zinc-900 tabular-nums">{formatMoney(props.addon.unitAmount, props.addon.currency)} per request, in arrears</dd>
        </div>
      )}
      {created?.firstInvoice && <InvoiceLines invoice={created.firstInvoice} currency={created.currency} />}
      <div className="flex justify-between gap-4 border-t border-zinc-100 pt-2">
        <dt className="font-medium text-zinc-900">Due today</dt>
        <dd className="font-semibold text-zinc-900 tabular-nums" data-testid="due-today">
          {created ? formatMoney(created.amountDue, created.currency) : formatMoney(trial ? 0 : recurringTotal, props.currency)}
          {!created && promotionCode.trim() && !trial && <span className="ml-1 text-xs font-normal text-zinc-500">before discount</span>}
        </dd>
      </div>
      {trial && (
        <p className="text-xs text-zinc-500">
          Free for {trial} days{created?.trialEnd ? `, until ${dateFormat.format(new Date(created.trialEnd * 1000))}` : ""}; then{" "}
          {formatMoney(recurringTotal, props.currency)} / {props.interval} unless you cancel before.
        </p>
      )}
    </dl>
  );

  if (created?.intent) {
    return (
      <div className="space-y-6">
        {summary}
        <PaymentStep
          intent={created.intent}
          subscriptionId={created.subscriptionId}
          amountDue={created.amountDue}
          currency={created.currency}
          stripeConfig={props.stripeConfig}
          onBack={() => setCreated(null)}
        />
      </div>
    );
  }

  return (
    <form onSubmit={start} className="space-y-6" aria-label="Choose your subscription" noValidate>
      {props.perSeat && (
        <div className="flex items-center justify-between gap-3">
          <div>
            <p className="text-sm font-medium text-zinc-700">Seats</p>
            <p className="text-xs text-zinc-500">{formatMoney(props.unitAmount, props.currency)} per seat; change it later from billing.</p>
          </div>
          <SeatStepper seats={seats} onChange={setSeats} />
        </div>
      )}
      {error?.field === "quantity" && <p className="text-sm text-red-600">{error.message}</p>}
      {props.addon && (
        <label className="flex items-start gap-3 rounded-lg border border-zinc-200 p-3 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 accent-accent-600"
            checked={withAddon}
            onChange={(e) => setWithAddon(e.target.checked)}
            data-testid="addon-checkbox"
          />
          <span>
            <span className="font-medium text-zinc-900">Add {props.addon.name}</span>
            <span className="block text-zinc-600">
              {formatMoney(props.addon.unitAmount, props.addon.currency)} per request you report, billed monthly in arrears. Nothing up front.
            </span>
          </span>
        </label>
      )}
      {error?.field === "meteredAddon" && <p className="text-sm text-red-600">{error.message}</p>}
      <Field id="promotion-code" label="Promotion code (optional)" error={error?.field === "promotionCode" ? error.message : null}>
        {(describedBy) => (
          <Input
            id="promotion-code"
            name="promotionCode"
            autoComplete="off"
            autoCapitalize="characters"
            value={promotionCode}
            onChange={(e) => {
              setPromotionCode(e.target.value);
              // The refusal was about the code as it was; a changed code has not been checked yet.
              if (error?.field === "promotionCode") setError(null);
            }}
            aria-invalid={error?.field === "promotionCode" || undefined}
            aria-describedby={describedBy}
            placeholder="e.g. LAUNCH25"
          />
        )}
      </Field>
      {summary}
      <Button type="submit" size="lg" className="w-full" loading={submitting} data-testid="subscribe-continue">
        {trial ? `Start ${trial}-day free trial` : "Continue to payment"}
      </Button>
      {error && !["quantity", "meteredAddon", "promotionCode"].includes(error.field ?? "") && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="subscribe-error">
          {error.message}
        </p>
      )}
    </form>
  );
}

/** The first invoice before paying: subtotal, the promotion code's saving, tax when there is any. */
function InvoiceLines({ invoice, currency }: { invoice: FirstInvoiceBreakdown; currency: string }) {
  if (!invoice.discount && invoice.tax === 0) return null;
  return (
    <>
      <div className="flex justify-between gap-4 border-t border-zinc-100 pt-2">
        <dt className="text-zinc-600">Subtotal</dt>
        <dd className="text-zinc-900 tabular-nums" data-testid="invoice-subtotal">
          {formatMoney(invoice.subtotal, currency)}
        </dd>
      </div>
      {invoice.discount && (
        <div className="flex justify-between gap-4" data-testid="invoice-discount">
          <dt className="text-zinc-600">
            Discount <span className="rounded bg-emerald-50 px-1.5 py-0.5 font-mono text-xs text-emerald-800">{invoice.discount.label}</span>
          </dt>
          <dd className="text-emerald-700 tabular-nums">−{formatMoney(invoice.discount.amount, currency)}</dd>
        </div>
      )}
      {invoice.tax > 0 && (
        <div className="flex justify-between gap-4" data-testid="invoice-tax">
          <dt className="text-zinc-600">Tax</dt>
          <dd className="text-zinc-900 tabular-nums">{formatMoney(invoice.tax, currency)}</dd>
        </div>
      )}
    </>
  );
}

function PaymentStep({
  intent,
  stripeConfig,
  ...props
}: {
  intent: Intent;
  subscriptionId: string;
  amountDue: number;
  currency: string;
  stripeConfig: BrowserStripeConfig;
  onBack: () => void;
}) {
  return (
    <StripeElements stripeConfig={stripeConfig} clientSecret={intent.clientSecret}>
      <ConfirmForm intent={intent} {...props} />
    </StripeElements>
  );
}

function ConfirmForm({ intent, subscriptionId, amountDue, currency, onBack }: { intent: Intent; subscriptionId: string; amountDue: number; currency: string; onBack: () => void }) {
  const { submit, submitting, message, canSubmit, element } = usePaymentElementForm("Something went wrong while confirming. Please try again.");
  const isSetup = intent.type === "setup";
  const confirm = submit((stripe, elements) => {
    const return_url = `${window.location.origin}${returnPath(subscriptionId)}`;
    return isSetup ? stripe.confirmSetup({ elements, confirmParams: { return_url } }) : stripe.confirmPayment({ elements, confirmParams: { return_url } });
  });

  return (
    <form onSubmit={confirm} className="space-y-6" aria-label={isSetup ? "Card for after the trial" : "Payment"} aria-describedby={message ? "payment-message" : undefined}>
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-zinc-900">{isSetup ? "Card for after your trial" : "Pay with card"}</h2>
        {isSetup && <Badge tone="info">No charge today</Badge>}
      </div>
      {element}
      <Button type="submit" size="lg" className="w-full tabular-nums" loading={submitting} disabled={!canSubmit} data-testid="subscribe-confirm">
        {isSetup ? "Save card and start trial" : `Pay ${formatMoney(amountDue, currency)}`}
      </Button>
      <PaymentMessage message={message} />
      <Button variant="ghost" size="sm" onClick={onBack} disabled={submitting}>
        ← Change seats, add-on or code
      </Button>
    </form>
  );
}
