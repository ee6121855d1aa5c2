import type { Metadata } from "next";
import { PricingTable } from "@/components/subscriptions/pricing-table";
import { getCurrentUser } from "@/lib/auth/session";
import { getCurrentSubscription } from "@/lib/subscriptions/queries";
import { listMeteredAddon, listPlans } from "@/lib/catalog/plans";
import { LIVE_SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";

export const metadata: Metadata = { title: "Pricing" };
// Plans change through catalog webhooks; the visitor's plan per request.
export const dynamic = "force-dynamic";

export default async function PricingPage() {
  const [plans, addon, user] = await Promise.all([listPlans(), listMeteredAddon(), getCurrentUser()]);
  const subscription = user ? await getCurrentSubscription(user.id) : null;
  const current = subscription && LIVE_SUBSCRIPTION_STATUSES.includes(subscription.status) ? { planName: subscription.planName, status: subscription.status } : null;

  return (
    <div className="space-y-10">
      <div className="mx-auto max-w-2xl space-y-2 text-center">
        <h1 className="text-3xl font-semibold tracking-tight text-zinc-900">Pricing</h1>
        <p className="text-zinc-600">Simple plans, billed monthly or yearly. Change seats or plans at any time; we prorate the difference.</p>
      </div>
      {plans.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 bg-white p-10 text-center">
          <h2 className="font-semibold text-zinc-900">No plans yet</h2>
          <p className="mt-1 text-sm text-zinc-600">
            Seed the catalog with <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs">npx tsx scripts/seed-catalog.ts</code> (<code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs">npm run dev</code> does it), then reload this page.
          </p>
        </div>
      ) : (
        <PricingTable plans={plans} addon={addon} current={current} />
      )}
    </div>
  );
}
