import type { Metadata } from "next";
import Link from "next/link";
import { BillingPortal } from "@/components/subscriptions/portal/billing-portal";
import { requireUserPage } from "@/lib/auth/session";
import { getPortalData } from "@/lib/customers/billing-overview";
import { getEnv } from "@/lib/env";
import { getBrowserStripeConfig } from "@/lib/stripe/browser-config";

export const metadata: Metadata = { title: "Billing" };
export const dynamic = "force-dynamic";

export default async function BillingPage() {
  const user = await requireUserPage("/account/billing");
  const data = await getPortalData(user);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/account" className="text-sm text-zinc-500 hover:text-zinc-800">
          ← Your account
        </Link>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight text-zinc-900">Billing</h1>
      </div>
      <BillingPortal data={data} stripeConfig={getBrowserStripeConfig()} appUrl={getEnv().appUrl} />
    </div>
  );
}
