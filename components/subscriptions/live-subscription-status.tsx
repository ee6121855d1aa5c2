"use client";
// The subscribe return page's headline. It follows the subscription by
// server-sent events until it has settled (polling only when EventSource is
// unavailable or refused), then stops.
import Link from "next/link";
import { useEffect, useState } from "react";
import { followLiveUpdates } from "@/components/live/follow-live-updates";
import { SubscriptionStatusBadge } from "@/components/status-badges";
import { buttonClasses } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { SubscriptionProgress } from "@/lib/subscriptions/progress";
import { formatMoney } from "@/lib/money";

const POLL_MS = 1500;
const GIVE_UP_MS = 120_000;
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

function headline(progress: SubscriptionProgress): { title: string; body: string } {
  const plan = progress.planName ?? "your plan";
  switch (progress.status) {
    case "active":
      return { title: `You're subscribed to ${plan}`, body: progress.currentPeriodEnd ? `Your first payment went through. Next renewal on ${dateFormat.format(new Date(progress.currentPeriodEnd))}.` : "Your first payment went through." };
    case "trialing":
      return progress.settled
        ? { title: `Your ${plan} trial has started`, body: `Nothing was charged. Your card is saved for when the trial ends${progress.trialEnd ? ` on ${dateFormat.format(new Date(progress.trialEnd))}` : ""}.` }
        : { title: "Saving your card…", body: "We're confirming your card with Stripe. This page updates by itself." };
    case "incomplete":
      return { title: "Confirming your payment…", body: "We're waiting for Stripe to confirm your first payment. This page updates by itself." };
    case "past_due":
      return { title: "Payment needed", body: "Your subscription is past due. Update your payment method from your billing page." };
    case "incomplete_expired":
      return { title: "This subscription attempt expired", body: "The first payment was never completed, so nothing was charged. Start again from the pricing page." };
    default:
      return { title: `Subscription ${progress.status.replace("_", " ")}`, body: "See your billing page for details." };
  }
}

export function LiveSubscriptionStatus({ initial }: { initial: SubscriptionProgress }) {
  const [progress, setProgress] = useState(initial);
  const [gaveUp, setGaveUp] = useState(false);

  useEffect(() => {
    if (initial.settled) return;
    const id = encodeURIComponent(initial.subscriptionId);
    const giveUpTimer = setTimeout(() => {
      stopFollowing();
      setGaveUp(true);
    }, GIVE_UP_MS);
    const stopFollowing = followLiveUpdates<SubscriptionProgress>({
      streamUrl: `/api/billing/subscribe/${id}/events`,
      // Only when the event stream is unavailable: the same progress, read from Stripe on each request.
      pollUrl: `/api/billing/subscribe/${id}`,
      event: "progress",
      pollMs: POLL_MS,
      onUpdate: (next) => {
        setProgress(next);
        if (next.settled) clearTimeout(giveUpTimer);
        return next.settled;
      },
    });
    return () => {
      stopFollowing();
      clearTimeout(giveUpTimer);
    };
  }, [initial.subscriptionId, initial.settled]);

  const { title, body } = headline(progress);
  return (
    <div className="space-y-6" data-testid="subscription-result" data-status={progress.status} data-settled={progress.settled}>
      <div className="flex items-start justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900" aria-live="polite">
          {title}
        </h1>
        <SubscriptionStatusBadge status={progress.status} />
      </div>
      <p className="flex items-center gap-2 text-zinc-600">
        {!progress.settled && !gaveUp && <Spinner />}
        {gaveUp ? "This is taking longer than usual. Your billing page will show the result as soon as Stripe confirms it." : body}
      </p>
      {progress.unitAmount != null && progress.currency && (
        <dl className="grid gap-3 rounded-lg border border-zinc-200 p-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-zinc-500">Plan</dt>
            <dd className="font-medium text-zinc-900">
              {progress.planName}
              {progress.quantity && progress.quantity > 1 ? ` × ${progress.quantity} seats` : ""}
            </dd>
          </div>
          <div>
            <dt className="text-zinc-500">Price</dt>
            <dd className="font-medium text-zinc-900 tabular-nums">
              {formatMoney(progress.unitAmount * (progress.quantity ?? 1), progress.currency)} / {progress.interval}
            </dd>
          </div>
        </dl>
      )}
      <div className="flex flex-wrap gap-3">
        <Link href="/account/billing" className={buttonClasses("primary", "md")}>
          Go to billing
        </Link>
        {progress.status === "incomplete_expired" && (
          <Link href="/pricing" className={buttonClasses("secondary", "md")}>
            Back to pricing
          </Link>
        )}
      </div>
    </div>
  );
}
