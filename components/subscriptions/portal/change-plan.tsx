"use client";
// Change plan or seats: pick, preview the proration as a small invoice
// (credited, charged, total due today, next renewal), then confirm. The
// confirm sends the preview's proration date, so Stripe invoices exactly
// the amounts shown.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { Plan } from "@/lib/catalog/plans";
import type { PortalSubscription } from "@/lib/customers/billing-overview";
import type { PlanChangePreview, PlanChangeResult } from "@/lib/subscriptions/actions";
import { formatDate, formatInterval, formatMoney, planChangeTitle } from "./format";
import { newRequestId, portalFetch } from "./portal-api";
import { usePortalAction } from "./use-portal-action";

export function ChangePlan({ subscription, plans }: { subscription: PortalSubscription; plans: Plan[] }) {
  const options = plans.flatMap((plan) => plan.prices.map((price) => ({ plan, price })));
  const [priceId, setPriceId] = useState(subscription.priceId ?? options[0]?.price.id ?? "");
  const [seats, setSeats] = useState(String(subscription.quantity));
  const [preview, setPreview] = useState<PlanChangePreview | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = usePortalAction();
  const seatsId = useId();
  const planId = useId();

  const selected = options.find((o) => o.price.id === priceId);
  const perSeat = selected?.plan.perSeat ?? false;
  const quantity = perSeat ? Number(seats) : 1;
  const unchanged = priceId === subscription.priceId && quantity === subscription.quantity;

  async function showPreview() {
    setError(null);
    setPreviewing(true);
    try {
      const p = await portalFetch<PlanChangePreview>(`/api/billing/portal/subscriptions/${encodeURIComponent(subscription.id)}/preview`, {
        body: { priceId, quantity: Number.isFinite(quantity) ? quantity : seats },
      });
      setRequestId(newRequestId());
      setPreview(p);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPreviewing(false);
    }
  }

  async function confirm() {
    if (!preview) return;
    const done = await run(
      "change",
      () =>
        portalFetch<PlanChangeResult>(`/api/billing/portal/subscriptions/${encodeURIComponent(subscription.id)}/change`, {
          body: { priceId, quantity: preview.plan.quantity, prorationDate: preview.prorationDate, requestId },
        }),
      (r) =>
        r.invoice && r.invoice.total > 0
          ? `Plan changed. ${formatMoney(r.invoice.amountPaid, r.invoice.currency)} charged.`
          : r.invoice && r.invoice.total < 0
            ? `Plan changed. ${formatMoney(-r.invoice.total, r.invoice.currency)} credited to your balance.`
            : "Plan changed.",
    );
    if (done) setPreview(null);
  }

  if (options.length === 0) return null;
  const cur = preview?.currency ?? subscription.currency ?? "usd";

  return (
    <Card data-testid="change-plan">
      <CardHeader>
        <CardTitle>Change plan or seats</CardTitle>
        <CardDescription>You'll see exactly what changes on your bill before anything is charged.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
          <div className="space-y-1.5">
            <Label htmlFor={planId}>Plan</Label>
            <Select id={planId} value={priceId} onChange={(e) => setPriceId(e.target.value)}>
              {options.map(({ plan, price }) => (
                <option key={price.id} value={price.id}>
                  {plan.name} — {formatMoney(price.unitAmount, price.currency)} / {formatInterval(price.interval)}
                  {plan.perSeat ? " per seat" : ""}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor={seatsId}>Seats</Label>
            <Input id={seatsId} type="number" inputMode="numeric" min={1} max={500} value={perSeat ? seats : "1"} disabled={!perSeat} onChange={(e) => setSeats(e.target.value)} />
          </div>
          <Button onClick={showPreview} loading={previewing} disabled={unchanged || !selected}>
            Preview change
          </Button>
        </div>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="change-error">
            {error}
          </p>
        )}
      </CardContent>

      <Dialog open={preview !== null} onOpenChange={(o) => !o && setPreview(null)} title={preview ? planChangeTitle({ samePlan: priceId === subscription.priceId, planName: preview.plan.name, fromSeats: subscription.quantity, toSeats: preview.plan.quantity }) : ""} description="Here is what this change does to your bill.">
        {preview && (
          <div className="space-y-4" data-testid="proration-preview">
            <dl className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 text-sm">
              <div className="flex justify-between gap-4 px-3 py-2">
                <dt className="text-zinc-600">Credit for unused time on your current plan</dt>
                <dd className="text-right whitespace-nowrap tabular-nums" data-testid="preview-credited">
                  −{formatMoney(preview.credited, cur)}
                </dd>
              </div>
              <div className="flex justify-between gap-4 px-3 py-2">
                <dt className="text-zinc-600">
                  {preview.plan.name}
                  {preview.plan.perSeat && ` × ${preview.plan.quantity}`} for the rest of this period
                </dt>
                <dd className="text-right whitespace-nowrap tabular-nums" data-testid="preview-charged">
                  {formatMoney(preview.charged, cur)}
                </dd>
              </div>
              <div className="flex justify-between gap-4 bg-zinc-50 px-3 py-2 font-semibold text-zinc-900">
                <dt>Total due today</dt>
                <dd className="text-right whitespace-nowrap tabular-nums" data-testid="preview-total-due">
                  {formatMoney(preview.amountDueToday, cur)}
                </dd>
              </div>
              {preview.creditToBalance > 0 && (
                <div className="flex justify-between gap-4 px-3 py-2 text-emerald-800">
                  <dt>Added to your credit balance (used on your next invoices)</dt>
                  <dd className="text-right whitespace-nowrap tabular-nums" data-testid="preview-credit-balance">
                    {formatMoney(preview.creditToBalance, cur)}
                  </dd>
                </div>
              )}
              <div className="flex justify-between gap-4 px-3 py-2">
                <dt className="text-zinc-600">Next renewal{preview.nextRenewal.date ? ` on ${formatDate(preview.nextRenewal.date)}` : ""}</dt>
                <dd className="text-right whitespace-nowrap tabular-nums" data-testid="preview-next-renewal">
                  {formatMoney(preview.nextRenewal.amount, cur)}
                </dd>
              </div>
            </dl>
            <p className="text-xs text-zinc-500">
              The change takes effect now.{" "}
              {subscription.status === "trialing"
                ? "You're on a free trial, so nothing is charged until it ends."
                : preview.amountDueToday > 0
                  ? "Your default card is charged the total due today."
                  : preview.creditToBalance > 0
                    ? "The credit is used on your next invoices before your card is charged."
                    : ""}
            </p>
            <DialogActions>
              <Button variant="secondary" onClick={() => setPreview(null)} disabled={busy !== null}>
                Back
              </Button>
              <Button onClick={confirm} loading={busy !== null} data-testid="confirm-change">
                {preview.amountDueToday > 0 ? `Confirm and pay ${formatMoney(preview.amountDueToday, cur)}` : "Confirm change"}
              </Button>
            </DialogActions>
          </div>
        )}
      </Dialog>
    </Card>
  );
}
