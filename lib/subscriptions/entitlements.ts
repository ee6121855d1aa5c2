// The ONE place that turns a subscription status into access to paid
// features. Pages, routes and the usage API all ask here.
//
//   trialing, active          -> access
//   past_due                  -> access during a grace period of PAST_DUE_GRACE_DAYS from the
//                                start of the unpaid period (Stripe is still retrying the
//                                renewal; the customer sees the past_due banner). After it, no
//                                access even if the account's dunning leaves the status past_due.
//   incomplete, incomplete_expired, unpaid, canceled, paused -> no access
import { getCurrentSubscription, type SubscriptionView } from "@/lib/subscriptions/queries";

/** Covers the default retry schedule (attempts after 3, 5 and 7 more days = 15 days) with room to spare. */
export const PAST_DUE_GRACE_DAYS = 21;

const ACCESS_STATUSES = ["active", "trialing"];

/**
 * Whether a subscription in `status` grants paid features. For past_due, pass
 * when the unpaid period started (the renewal that failed); unknown means the
 * grace period still runs.
 */
export function hasPaidAccess(status: string | null | undefined, pastDueSince?: Date | null, now: Date = new Date()): boolean {
  if (!status) return false;
  if (ACCESS_STATUSES.includes(status)) return true;
  if (status !== "past_due") return false;
  if (!pastDueSince) return true;
  return now.getTime() - pastDueSince.getTime() < PAST_DUE_GRACE_DAYS * 86_400_000;
}

export type Entitlements = {
  hasPaidAccess: boolean;
  /** past_due but still inside the grace period: access continues, the customer must fix payment. */
  inGracePeriod: boolean;
  planName: string | null;
  status: string | null;
  seats: number;
  /** The metered add-on is on the subscription (usage may be reported). */
  meteredAddon: boolean;
  subscription: SubscriptionView | null;
};

export async function getEntitlements(userId: string, now: Date = new Date()): Promise<Entitlements> {
  const subscription = await getCurrentSubscription(userId);
  const access = hasPaidAccess(subscription?.status, subscription?.currentPeriodStart, now);
  return {
    hasPaidAccess: access,
    inGracePeriod: access && subscription?.status === "past_due",
    planName: access ? (subscription?.planName ?? null) : null,
    status: subscription?.status ?? null,
    seats: access ? (subscription?.quantity ?? 1) : 0,
    meteredAddon: access && Boolean(subscription?.meteredItemId),
    subscription,
  };
}
