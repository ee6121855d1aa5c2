"use client";
// The top of the portal: plan, price, status badge, the next date that
// matters, and the one action the customer most likely needs.
import Link from "next/link";
import { useState } from "react";
import { SubscriptionStatusBadge } from "@/components/status-badges";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { subscriptionStatusExplanation } from "@/components/status-badges";
import { Badge } from "@/components/ui/badge";
import type { PortalInvoice, PortalSubscription } from "@/lib/customers/billing-overview";
import { formatDate, formatInterval, formatMoney } from "./format";
import { newRequestId, portalFetch } from "./portal-api";
import { usePortalAction } from "./use-portal-action";

type Confirm = "period_end" | "now" | "resume" | null;

export function SubscriptionSummary({
  subscription,
  openInvoice,
  onUpdateCard,
  onPayNow,
  paying,
  finalUsage,
}: {
  subscription: PortalSubscription | null;
  openInvoice: PortalInvoice | null;
  onUpdateCard: () => void;
  onPayNow: (invoice: PortalInvoice) => void;
  paying: boolean;
  /** Usage so far of the metered add-on, billed on a final invoice if canceled now. */
  finalUsage: { amount: number; currency: string } | null;
}) {
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const { busy, run } = usePortalAction();

  if (!subscription) {
    return (
      <Card data-testid="no-subscription">
        <CardContent className="space-y-3 text-center">
          <h2 className="text-lg font-semibold text-zinc-900">No subscription yet</h2>
          <p className="text-sm text-zinc-600">Pick a plan to get started. You can change or cancel it here at any time.</p>
          <Link href="/pricing" className={buttonClasses("primary", "md")}>
            See plans
          </Link>
        </CardContent>
      </Card>
    );
  }

  const ended = subscription.status === "canceled" || subscription.status === "incomplete_expired";
  const periodEnd = subscription.currentPeriodEnd;
  const endsAt = subscription.cancelAt ?? periodEnd;
  const amount = subscription.unitAmount != null && subscription.currency ? subscription.unitAmount * subscription.quantity : null;
  const pastDue = subscription.status === "past_due" || subscription.status === "unpaid";
  const cancelScheduled = !ended && (subscription.cancelAtPeriodEnd || subscription.cancelAt != null);

  const open = (what: Confirm) => {
    setRequestId(newRequestId());
    setConfirm(what);
  };

  async function act() {
    const what = confirm;
    const path = `/api/billing/portal/subscriptions/${encodeURIComponent(subscription!.id)}/${what === "resume" ? "resume" : "cancel"}`;
    const body = what === "resume" ? { requestId } : { mode: what, requestId };
    const done = await run(
      what ?? "",
      () => portalFetch(path, { body }),
      () => (what === "resume" ? "Your subscription will continue." : what === "now" ? "Your subscription has been canceled." : `Your plan ends on ${formatDate(endsAt)}.`),
    );
    if (done) setConfirm(null);
  }

  return (
    <div className="space-y-4">
      {pastDue && (
        <div role="alert" className="flex flex-col gap-3 rounded-xl border border-red-200 bg-red-50 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid="past-due-banner">
          <div className="text-sm text-red-800">
            <p className="font-semibold">Your last payment failed</p>
            <p>
              {openInvoice
                ? `We couldn't charge ${formatMoney(openInvoice.amountRemaining, openInvoice.currency)} for your ${subscription.planName ?? "plan"}. Update your card, then pay now to keep your plan.`
                : "Update your payment method so we can collect the payment and keep your plan."}
            </p>
          </div>
          <div className="flex shrink-0 gap-2">
            <Button variant="secondary" onClick={onUpdateCard}>
              Update payment method
            </Button>
            {openInvoice && (
              <Button onClick={() => onPayNow(openInvoice)} loading={paying}>
                Pay now
              </Button>
            )}
          </div>
        </div>
      )}

      <Card data-testid="subscription-summary" data-status={subscription.status}>
        <CardContent className="space-y-4">
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div>
              <p className="text-sm text-zinc-500">Current plan</p>
              <div className="mt-1 flex items-center gap-2">
                <h2 className="text-2xl font-semibold text-zinc-900" data-testid="plan-name">
                  {subscription.planName ?? "Subscription"}
                </h2>
                <SubscriptionStatusBadge status={subscription.status} />
                {cancelScheduled && (
                  <Badge tone="warning" className="whitespace-nowrap" data-testid="cancels-on">
                    Cancels on {formatDate(endsAt)}
                  </Badge>
                )}
              </div>
              {amount != null && (
                <p className="mt-1 text-sm text-zinc-700 tabular-nums" data-testid="plan-price">
                  {formatMoney(amount, subscription.currency!)} / {formatInterval(subscription.interval)}
                  {subscription.perSeat && ` · ${subscription.quantity} ${subscription.quantity === 1 ? "seat" : "seats"}`}
                </p>
              )}
            </div>
            <div className="text-right text-sm" data-testid="renewal">
              {ended ? (
                <p className="text-zinc-600">Ended {formatDate(subscription.endedAt ?? subscription.canceledAt)}</p>
              ) : subscription.cancelAtPeriodEnd || subscription.cancelAt ? (
                <p className="text-zinc-600">
                  Ends on <span className="font-medium text-zinc-900">{formatDate(endsAt)}</span>
                </p>
              ) : subscription.status === "trialing" ? (
                <p className="text-zinc-600">
                  Trial ends <span className="font-medium text-zinc-900">{formatDate(subscription.trialEnd)}</span>
                </p>
              ) : (
                <p className="text-zinc-600">
                  Renews on <span className="font-medium text-zinc-900">{formatDate(periodEnd)}</span>
                </p>
              )}
            </div>
          </div>
          <p className="text-sm text-zinc-600" data-testid="subscription-explanation">
            {cancelScheduled ? `Your plan stays on until ${formatDate(endsAt)}, then ends. No further charges.` : subscriptionStatusExplanation(subscription.status)}
          </p>

          {subscription.status === "incomplete" && subscription.priceId && (
            <Link
              href={`/subscribe?price=${encodeURIComponent(subscription.priceId)}&seats=${subscription.quantity}`}
              className={buttonClasses("primary", "md")}
              data-testid="finish-payment"
            >
              Finish payment
            </Link>
          )}

          {(subscription.cancelAtPeriodEnd || subscription.cancelAt) && !ended && (
            <div className="flex flex-col gap-3 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 sm:flex-row sm:items-center sm:justify-between" data-testid="cancel-notice">
              <p>
                Your plan is set to end on <strong>{formatDate(endsAt)}</strong>. You keep access until then and won't be charged again.
              </p>
              <Button variant="secondary" size="sm" onClick={() => open("resume")}>
                Resume subscription
              </Button>
            </div>
          )}

          {!ended && (
            <div className="flex flex-wrap gap-2 border-t border-zinc-100 pt-4">
              {subscription.status === "paused" && <Button onClick={() => open("resume")}>Resume subscription</Button>}
              {!subscription.cancelAtPeriodEnd && !subscription.cancelAt && subscription.status !== "incomplete" && (
                <Button variant="secondary" onClick={() => open("period_end")}>
                  Cancel at period end
                </Button>
              )}
              <Button variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={() => open("now")}>
                Cancel now
              </Button>
            </div>
          )}
        </CardContent>
      </Card>

      <Dialog
        open={confirm !== null}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={confirm === "resume" ? "Keep your subscription?" : confirm === "now" ? "Cancel your subscription now?" : "Cancel at the end of the period?"}
        description={
          confirm === "resume" ? (
            subscription.status === "paused" ? (
              "Billing restarts today and a new period begins."
            ) : (
              <>Your plan continues and renews on {formatDate(periodEnd)}{amount != null && <> for {formatMoney(amount, subscription.currency!)}</>}.</>
            )
          ) : confirm === "now" ? (
            <>Your plan ends immediately and paid features stop now. The rest of this period is not refunded; {finalUsage ? <>usage so far ({formatMoney(finalUsage.amount, finalUsage.currency)}) is billed on a final invoice</> : "any usage so far is billed on a final invoice"}. This can't be undone.</>
          ) : (
            <>You keep {subscription.planName ?? "your plan"} until {formatDate(periodEnd)}, then it ends and you won't be charged again. You can resume any time before then.</>
          )
        }
      >
        <DialogActions>
          <Button variant="secondary" onClick={() => setConfirm(null)} disabled={busy !== null}>
            {confirm === "resume" ? "Not now" : "Keep my plan"}
          </Button>
          <Button variant={confirm === "now" ? "destructive" : "primary"} loading={busy !== null} onClick={act}>
            {confirm === "resume" ? "Resume subscription" : confirm === "now" ? "Cancel now" : "Cancel at period end"}
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}
