import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LiveSubscriptionStatus } from "@/components/subscriptions/live-subscription-status";
import { Card, CardContent } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/session";
import { getSubscriptionProgress } from "@/lib/subscriptions/progress";

export const metadata: Metadata = { title: "Your subscription" };
export const dynamic = "force-dynamic";

// Stripe.js lands here after confirmPayment/confirmSetup. The query string is
// only a pointer: the status is read from Stripe on the server, for the owner.
export default async function SubscribeReturnPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const subscriptionId = typeof params.subscription === "string" ? params.subscription : "";
  const user = await requireUserPage(`/subscribe/return?subscription=${encodeURIComponent(subscriptionId)}`);
  // Stripe.js adds setup_intent after confirmSetup (trials); it is checked against the subscription's customer.
  const setupIntentId = typeof params.setup_intent === "string" ? params.setup_intent : null;
  const progress = subscriptionId ? await getSubscriptionProgress(user.id, subscriptionId, { setupIntentId }) : null;
  if (!progress) notFound();
  return (
    <Card className="mx-auto max-w-2xl">
      <CardContent>
        <LiveSubscriptionStatus initial={progress} />
      </CardContent>
    </Card>
  );
}
