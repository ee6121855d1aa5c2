// "Now" as Stripe sees it for a subscription: a customer on a test clock lives
// at the clock's frozen time, so proration dates and usage windows use it.
import type Stripe from "stripe";
import { getStripe } from "@/lib/stripe/client";
import { nowSeconds } from "@/lib/stripe/types";

export async function stripeNow(subscription: Pick<Stripe.Subscription, "test_clock">): Promise<number> {
  const clock = subscription.test_clock;
  if (!clock) return nowSeconds();
  if (typeof clock !== "string") return clock.frozen_time;
  return (await getStripe().testHelpers.testClocks.retrieve(clock)).frozen_time;
}
