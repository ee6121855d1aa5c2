// Monthly recurring revenue of a subscription, and how a change of it is
// classified. Licensed items of an active or past-due subscription count,
// normalised to a month, before discounts (metered usage is not recurring):
// the same rule as Stripe's MRR.
import type Stripe from "stripe";
import type { Db } from "@/lib/db";

export const MRR_STATUSES = ["active", "past_due"];

/** A price's amount per month: month/n, year/12n, week × 52/12n, day × 365/12n. */
export function monthlyAmount(unitAmount: number, interval: string | null, intervalCount: number | null): number {
  const n = intervalCount && intervalCount > 0 ? intervalCount : 1;
  switch (interval) {
    case "year":
      return unitAmount / (12 * n);
    case "week":
      return (unitAmount * 52) / (12 * n);
    case "day":
      return (unitAmount * 365) / (12 * n);
    default:
      return unitAmount / n;
  }
}

/** MRR of a subscription snapshot in its currency's minor unit (0 when it is not recurring revenue now). */
export function subscriptionMrr(sub: Stripe.Subscription): { mrr: number; currency: string } {
  if (!MRR_STATUSES.includes(sub.status)) return { mrr: 0, currency: sub.currency };
  let mrr = 0;
  for (const item of sub.items.data) {
    const price = item.price;
    if (price.recurring?.usage_type === "metered" || price.unit_amount == null) continue;
    mrr += monthlyAmount(price.unit_amount, price.recurring?.interval ?? null, price.recurring?.interval_count ?? null) * (item.quantity ?? 1);
  }
  return { mrr: Math.round(mrr), currency: sub.currency };
}

export const MRR_MOVEMENT_KINDS = ["new", "expansion", "contraction", "churn"] as const;
export type MrrMovementKind = (typeof MRR_MOVEMENT_KINDS)[number];

export function mrrMovementKind(before: number, after: number): MrrMovementKind | null {
  if (before === after) return null;
  if (before === 0) return "new";
  if (after === 0) return "churn";
  return after > before ? "expansion" : "contraction";
}

/**
 * Records the change a newly applied snapshot made. `before` is null when the
 * stored row predates MRR tracking: its MRR is unknown, so no movement is invented.
 */
export async function recordMrrMovement(
  { stripeSubscriptionId, currency, before, after, at }: { stripeSubscriptionId: string; currency: string; before: number | null; after: number; at: Date },
  db: Db,
): Promise<void> {
  if (before == null) return;
  const kind = mrrMovementKind(before, after);
  if (!kind) return;
  await db.mrrMovement.create({ data: { stripeSubscriptionId, currency, kind, amount: after - before, occurredAt: at } });
}
