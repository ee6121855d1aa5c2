import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PreloadStripeJs } from "@/components/stripe/preload-stripe-js";
import { SubscribeFlow } from "@/components/subscriptions/subscribe-flow";
import { SubscriptionStatusBadge } from "@/components/status-badges";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/session";
import { findPlanPrice, listMeteredAddon } from "@/lib/catalog/plans";
import { getCurrentSubscription } from "@/lib/subscriptions/queries";
import { LIVE_SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { MAX_SEATS } from "@/lib/subscriptions/limits";
import { getDb } from "@/lib/db";
import { getBrowserStripeConfig } from "@/lib/stripe/browser-config";

export const metadata: Metadata = { title: "Subscribe" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SubscribePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const priceId = typeof params.price === "string" ? params.price : "";
  const seatsParam = typeof params.seats === "string" ? Number.parseInt(params.seats, 10) : 1;
  const seats = Number.isInteger(seatsParam) ? Math.min(Math.max(seatsParam, 1), MAX_SEATS) : 1;
  const user = await requireUserPage(`/subscribe?price=${encodeURIComponent(priceId)}&seats=${seats}`);

  const found = priceId ? await findPlanPrice(priceId) : null;
  if (!found) redirect("/pricing");
  const { plan, price } = found;
  const current = await getCurrentSubscription(user.id);
  const addon = await listMeteredAddon();
  // One free trial per customer (the server checks Stripe again when subscribing).
  const hadTrial = (await getDb().subscription.count({ where: { userId: user.id, trialStart: { not: null } } })) > 0;
  const stripeConfig = getBrowserStripeConfig();
  const testMode = !stripeConfig.publishableKey.startsWith("pk_live_");

  return (
    <div className="mx-auto grid max-w-4xl gap-8 md:grid-cols-[1fr_1.2fr] md:gap-12">
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <Link href="/pricing" className="rounded text-sm font-medium text-zinc-500 hover:text-zinc-900 focus-visible:outline-2">
            ← All plans
          </Link>
          {testMode && <Badge tone="warning">Test mode</Badge>}
        </div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Subscribe to {plan.name}</h1>
        {plan.description && <p className="text-zinc-600">{plan.description}</p>}
        <ul className="space-y-1.5 text-sm text-zinc-700">
          {plan.features.map((feature) => (
            <li key={feature}>✓ {feature}</li>
          ))}
        </ul>
        <p className="text-sm text-zinc-500">
          Billed to <span className="font-medium text-zinc-700">{user.email}</span>. Cancel any time from your billing page.
        </p>
      </div>

      <Card className="self-start">
        <CardContent>
          {current && LIVE_SUBSCRIPTION_STATUSES.includes(current.status) ? (
            <div className="space-y-4" data-testid="already-subscribed">
              <div className="flex items-center justify-between gap-2">
                <h2 className="font-semibold text-zinc-900">You&rsquo;re already on {current.planName ?? "a plan"}</h2>
                <SubscriptionStatusBadge status={current.status} />
              </div>
              <p className="text-sm text-zinc-600">Change plans, seats or billing period from your billing page; we prorate the difference.</p>
              <Link href="/account/billing" className={buttonClasses("primary", "md", "w-full")}>
                Go to billing
              </Link>
            </div>
          ) : (
            <>
              <PreloadStripeJs stripeConfig={stripeConfig} />
              <SubscribeFlow
                planName={plan.name}
                priceId={price.id}
                interval={price.interval}
                unitAmount={price.unitAmount}
                currency={price.currency}
                perSeat={plan.perSeat}
                initialSeats={plan.perSeat ? seats : 1}
                trialDays={hadTrial ? null : plan.trialDays}
                addon={addon && addon.price.interval === price.interval ? { name: addon.name, unitAmount: addon.price.unitAmount, currency: addon.price.currency } : null}
                stripeConfig={stripeConfig}
              />
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
