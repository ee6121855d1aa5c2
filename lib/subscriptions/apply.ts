// The one function that writes a Stripe subscription into our mirror.
// Webhooks pass the event's snapshot with event.created; syncs pass a fresh
// retrieve. Rules, enforced inside the UPDATE's WHERE clause:
//   - an ended subscription (canceled, incomplete_expired) is never revived;
//   - a snapshot applies only if it is newer than the stored one
//     (stripeUpdatedAt). Event times have one-second resolution, so a
//     snapshot from the same second as the stored one is a "tie": the caller
//     re-fetches from Stripe instead of guessing which came first.
//   - a fresh retrieve is the newest view there is and always applies.
import type Stripe from "stripe";
import type { ApplyOutcome } from "@/lib/stripe/types";
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { publish } from "@/lib/live/bus";
import { ENDED_SUBSCRIPTION_STATUSES, isEndedSubscriptionStatus } from "@/lib/subscriptions/status";
import { recordMrrMovement, subscriptionMrr } from "@/lib/subscriptions/mrr";
import { idOf, unmatched } from "@/lib/stripe/types";

export type SubscriptionItemSummary = { id: string; price: string; quantity: number | null; usageType: "licensed" | "metered" };


const dateOf = (seconds: number | null | undefined): Date | null => (seconds == null ? null : new Date(seconds * 1000));

export function subscriptionItems(sub: Stripe.Subscription): SubscriptionItemSummary[] {
  return sub.items.data.map((item) => ({
    id: item.id,
    price: item.price.id,
    quantity: item.quantity ?? null,
    usageType: item.price.recurring?.usage_type === "metered" ? "metered" : "licensed",
  }));
}

/** The mirror columns for a subscription snapshot (periods come from the items since basil). */
export function subscriptionData(sub: Stripe.Subscription) {
  const items = subscriptionItems(sub);
  const licensed = sub.items.data.find((item) => item.price.recurring?.usage_type !== "metered") ?? sub.items.data[0];
  return {
    stripeCustomerId: idOf(sub.customer)!,
    status: sub.status,
    stripePriceId: licensed?.price.id ?? null,
    quantity: licensed?.quantity ?? null,
    items: JSON.stringify(items),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    cancelAt: dateOf(sub.cancel_at),
    canceledAt: dateOf(sub.canceled_at),
    endedAt: dateOf(sub.ended_at),
    currentPeriodStart: dateOf(licensed?.current_period_start),
    currentPeriodEnd: dateOf(licensed?.current_period_end),
    trialStart: dateOf(sub.trial_start),
    trialEnd: dateOf(sub.trial_end),
    latestInvoiceId: idOf(sub.latest_invoice),
    defaultPaymentMethod: idOf(sub.default_payment_method),
    ...subscriptionMrr(sub),
  };
}

export async function applySubscription(
  sub: Stripe.Subscription,
  observedAt: number,
  options: { fresh?: boolean; db?: Db } = {},
): Promise<ApplyOutcome> {
  const db = options.db ?? getDb();
  const { result, linked } = await writeSubscription(sub, observedAt, db, options.fresh ?? false);
  if (result.outcome === "applied") await publish(`subscription:${sub.id}`, db);
  // The mirror row is written either way; a customer no account is linked to
  // yet (the sign-up still storing it) is worth a retry. A tie is settled first.
  if (linked || result.outcome === "tie") return result;
  return unmatched(`No account is linked to Stripe customer ${idOf(sub.customer)} yet.`);
}

async function writeSubscription(
  sub: Stripe.Subscription,
  observedAt: number,
  db: Db,
  fresh: boolean,
): Promise<{ result: ApplyOutcome; linked: boolean }> {
  const data = subscriptionData(sub);
  const existing = await db.subscription.findUnique({ where: { stripeSubscriptionId: sub.id } });

  if (!existing) {
    const userId = await userIdFor(db, data.stripeCustomerId);
    try {
      const row = await db.subscription.create({ data: { stripeSubscriptionId: sub.id, userId, ...data, stripeUpdatedAt: observedAt } });
      await recordMrrMovement({ stripeSubscriptionId: sub.id, currency: data.currency, before: 0, after: data.mrr, at: new Date(observedAt * 1000) }, db);
      return { result: { outcome: "applied", id: row.id }, linked: userId != null };
    } catch (error) {
      // A concurrent delivery created it first: apply as an update.
      if (!isUniqueViolation(error)) throw error;
      return writeSubscription(sub, observedAt, db, fresh);
    }
  }

  // Linking the account does not depend on which snapshot is newer.
  const linked = existing.userId != null || (await linkAccount(db, existing.id, data.stripeCustomerId));
  // A fresh retrieve outranks anything stored, even a test clock's future event time.
  const stamp = fresh ? Math.max(observedAt, existing.stripeUpdatedAt) : observedAt;
  if (!fresh && existing.stripeUpdatedAt === observedAt) return { result: { outcome: "tie", id: existing.id }, linked };
  const notEnded = isEndedSubscriptionStatus(sub.status)
    ? {}
    : { status: { notIn: [...ENDED_SUBSCRIPTION_STATUSES] } };
  const { count } = await db.subscription.updateMany({
    where: {
      id: existing.id,
      stripeUpdatedAt: fresh ? { lte: stamp } : { lt: stamp },
      ...notEnded,
    },
    data: { ...data, stripeUpdatedAt: stamp },
  });
  if (count > 0) await recordMrrMovement({ stripeSubscriptionId: sub.id, currency: data.currency, before: existing.mrr, after: data.mrr, at: new Date(stamp * 1000) }, db);
  return { result: { outcome: count > 0 ? "applied" : "stale", id: existing.id }, linked };
}

async function userIdFor(db: Db, stripeCustomerId: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { stripeCustomerId }, select: { id: true } });
  return user?.id ?? null;
}

async function linkAccount(db: Db, subscriptionRowId: string, stripeCustomerId: string): Promise<boolean> {
  const userId = await userIdFor(db, stripeCustomerId);
  if (!userId) return false;
  await db.subscription.updateMany({ where: { id: subscriptionRowId, userId: null }, data: { userId } });
  return true;
}
