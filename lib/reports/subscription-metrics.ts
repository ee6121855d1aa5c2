// Subscription figures for the dashboard, per currency: MRR (licensed items of
// active and past-due subscriptions, normalised to a month, before discounts;
// metered usage is not recurring revenue), active subscribers (trialing,
// active, past due) and subscribers churned in the period vs the one before.
// Empty when no subscription has been mirrored, so the cards stay hidden.
import { getDb, type Db } from "@/lib/db";
import { monthlyAmount, MRR_STATUSES } from "@/lib/subscriptions/mrr";

/** Counted as recurring revenue: Stripe's own MRR counts these. */
const ACTIVE_STATUSES = ["trialing", "active", "past_due"];

export type SubscriptionMetrics = {
  currency: string;
  mrr: number;
  activeSubscribers: number;
  churned: { current: number; previous: number };
};

type Item = { price: string; quantity: number | null; usageType: "licensed" | "metered" };

export async function getSubscriptionMetrics(
  range: { previousStart: Date; start: Date; end: Date },
  db: Db = getDb(),
): Promise<SubscriptionMetrics[]> {
  const live = await db.subscription.findMany({ where: { status: { in: ACTIVE_STATUSES } }, select: { status: true, items: true } });
  const ended = await db.subscription.findMany({
    where: { endedAt: { gte: range.previousStart, lt: range.end } },
    select: { endedAt: true, items: true },
  });
  if (live.length === 0 && ended.length === 0) return [];

  const itemsOf = (json: string): Item[] => {
    try {
      return JSON.parse(json) as Item[];
    } catch {
      return [];
    }
  };
  const priceIds = new Set([...live, ...ended].flatMap((s) => itemsOf(s.items).map((i) => i.price)));
  const prices = new Map(
    (await db.price.findMany({ where: { stripePriceId: { in: [...priceIds] } }, select: { stripePriceId: true, currency: true, unitAmount: true, interval: true, intervalCount: true } })).map((p) => [
      p.stripePriceId,
      p,
    ]),
  );
  const byCurrency = new Map<string, SubscriptionMetrics>();
  const of = (currency: string) => {
    let m = byCurrency.get(currency);
    if (!m) byCurrency.set(currency, (m = { currency, mrr: 0, activeSubscribers: 0, churned: { current: 0, previous: 0 } }));
    return m;
  };
  // A subscription's currency is its items' (Stripe requires one currency per subscription).
  const currencyOf = (items: Item[]) => items.map((i) => prices.get(i.price)?.currency).find(Boolean) ?? null;

  for (const sub of live) {
    const items = itemsOf(sub.items);
    const currency = currencyOf(items);
    if (!currency) continue;
    const m = of(currency);
    m.activeSubscribers++;
    if (!MRR_STATUSES.includes(sub.status)) continue;
    for (const item of items) {
      const price = prices.get(item.price);
      if (!price || item.usageType === "metered") continue;
      m.mrr += monthlyAmount(price.unitAmount, price.interval, price.intervalCount) * (item.quantity ?? 1);
    }
  }
  for (const sub of ended) {
    const currency = currencyOf(itemsOf(sub.items));
    if (!currency || !sub.endedAt) continue;
    of(currency).churned[sub.endedAt >= range.start ? "current" : "previous"]++;
  }
  for (const m of byCurrency.values()) m.mrr = Math.round(m.mrr);
  return [...byCurrency.values()];
}
