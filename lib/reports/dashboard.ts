// The admin dashboard: per currency, for the last 7/30/90 days and the period
// before it: gross volume (orders and subscription/invoice payments), refunds,
// disputes lost (amount + dispute fee), Stripe fees and net volume as Stripe's
// balance counts it (gross − refunds − disputes lost − fees), payments, failed
// payments; disputes (open now, and opened in the period); MRR movements. Series per day for the
// charts. Read from DailyStat (lib/reports/daily-stats), so the cost
// does not grow with the number of payments. Subscription figures (MRR, active,
// churned) are present only for currencies with subscriptions.
import { z } from "zod";
import { getDb, type Db } from "@/lib/db";
import { OPEN_DISPUTE_STATUSES } from "@/lib/disputes/status";
import { parseInput } from "@/lib/errors";
import { addDays, loadDailyStats, startOfUtcDay } from "@/lib/reports/daily-stats";
import { getSubscriptionMetrics } from "@/lib/reports/subscription-metrics";
import { MRR_MOVEMENT_KINDS, type MrrMovementKind } from "@/lib/subscriptions/mrr";

export const DASHBOARD_PERIODS = [7, 30, 90] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

export const dashboardQuerySchema = z.object({
  period: z
    .enum(["7", "30", "90"], { error: "period must be 7, 30 or 90 (days)." })
    .default("30")
    .transform((p) => Number(p) as DashboardPeriod),
});

/** A figure for the period, the one before it, and the change in percent (null when there is nothing to compare with). */
export type Metric = { current: number; previous: number; changePct: number | null };

export type CurrencyDashboard = {
  currency: string;
  gross: Metric;
  refunds: Metric;
  /** Disputes lost in the period: the disputed amount plus Stripe's dispute fee. */
  disputesLost: Metric;
  /** Stripe's processing fees of the period's payments. */
  fees: Metric;
  net: Metric;
  payments: Metric;
  failedPayments: Metric;
  disputesOpened: Metric;
  openDisputes: { count: number; amount: number };
  /** Null when this currency has no subscriptions. */
  subscriptions: { mrr: number; activeSubscribers: number; churned: Metric } | null;
  /** MRR gained and lost in the period, per kind of change (amounts per month, minor unit; contraction and churn negative). */
  mrrMovements: MrrMovements | null;
  series: { day: string; gross: number; refunds: number; disputesLost: number; fees: number; net: number; payments: number; failed: number }[];
};

export type MrrMovements = Record<MrrMovementKind, number> & { net: number };

export type Dashboard = { period: DashboardPeriod; from: string; to: string; currencies: CurrencyDashboard[] };

function metric(current: number, previous: number): Metric {
  return { current, previous, changePct: previous === 0 ? null : Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10 };
}

/** What the period left in Stripe's balance. */
const net = (t: { gross: number; refunds: number; disputesLost: number; fees: number }) => t.gross - t.refunds - t.disputesLost - t.fees;

function mrrMovementsOf(rows: { kind: string; _sum: { amount: number | null } }[]): MrrMovements | null {
  if (rows.length === 0) return null;
  const movements = { new: 0, expansion: 0, contraction: 0, churn: 0, net: 0 };
  for (const kind of MRR_MOVEMENT_KINDS) movements[kind] = rows.filter((r) => r.kind === kind).reduce((sum, r) => sum + (r._sum.amount ?? 0), 0);
  movements.net = MRR_MOVEMENT_KINDS.reduce((sum, kind) => sum + movements[kind], 0);
  return movements;
}

export function parseDashboardQuery(query: Record<string, string | undefined>): DashboardPeriod {
  return parseInput(dashboardQuerySchema, query).period;
}

export async function getDashboard(period: DashboardPeriod, { db = getDb(), now = new Date() }: { db?: Db; now?: Date } = {}): Promise<Dashboard> {
  const end = addDays(startOfUtcDay(now), 1); // through today
  const start = addDays(end, -period);
  const previousStart = addDays(start, -period);

  const openedBetween = (gte: Date, lt: Date) => db.dispute.groupBy({ by: ["currency"], where: { createdAt: { gte, lt } }, _count: { _all: true } });
  const [rows, open, openedNow, openedBefore, subscriptionMetrics, movements] = await Promise.all([
    loadDailyStats(previousStart, end, { db, now }),
    db.dispute.groupBy({ by: ["currency"], where: { status: { in: [...OPEN_DISPUTE_STATUSES] } }, _count: { _all: true }, _sum: { amount: true } }),
    openedBetween(start, end),
    openedBetween(previousStart, start),
    getSubscriptionMetrics({ previousStart, start, end }, db),
    db.mrrMovement.groupBy({ by: ["currency", "kind"], where: { occurredAt: { gte: start, lt: end } }, _sum: { amount: true } }),
  ]);
  const opened = (currency: string, current: boolean) => (current ? openedNow : openedBefore).find((o) => o.currency === currency)?._count._all ?? 0;

  const currencies = new Set([...rows.map((r) => r.currency), ...open.map((o) => o.currency), ...openedNow.map((o) => o.currency), ...subscriptionMetrics.map((m) => m.currency), ...movements.map((m) => m.currency)]);
  const result: CurrencyDashboard[] = [];
  for (const currency of currencies) {
    const mine = rows.filter((r) => r.currency === currency);
    const inCurrent = (day: Date) => day >= start;
    const sum = (pick: (r: (typeof mine)[number]) => number | bigint, current: boolean) =>
      mine.filter((r) => inCurrent(r.day) === current).reduce((total, r) => total + Number(pick(r)), 0);
    const totals = (current: boolean) => ({
      gross: sum((r) => r.grossAmount, current),
      refunds: sum((r) => r.refundedAmount, current),
      disputesLost: sum((r) => r.disputesLostAmount, current),
      fees: sum((r) => r.feeAmount, current),
      payments: sum((r) => r.paymentsCount, current),
      failed: sum((r) => r.failedCount, current),
      disputes: opened(currency, current),
    });
    const cur = totals(true);
    const prev = totals(false);
    const byDay = new Map(mine.filter((r) => inCurrent(r.day)).map((r) => [r.day.getTime(), r]));
    const series: CurrencyDashboard["series"] = [];
    for (let day = start; day < end; day = addDays(day, 1)) {
      const r = byDay.get(day.getTime());
      const gross = Number(r?.grossAmount ?? 0);
      const refunds = Number(r?.refundedAmount ?? 0);
      const disputesLost = Number(r?.disputesLostAmount ?? 0);
      const fees = Number(r?.feeAmount ?? 0);
      series.push({ day: day.toISOString().slice(0, 10), gross, refunds, disputesLost, fees, net: gross - refunds - disputesLost - fees, payments: r?.paymentsCount ?? 0, failed: r?.failedCount ?? 0 });
    }
    const openHere = open.find((o) => o.currency === currency);
    const subs = subscriptionMetrics.find((m) => m.currency === currency);
    result.push({
      currency,
      gross: metric(cur.gross, prev.gross),
      refunds: metric(cur.refunds, prev.refunds),
      disputesLost: metric(cur.disputesLost, prev.disputesLost),
      fees: metric(cur.fees, prev.fees),
      net: metric(net(cur), net(prev)),
      payments: metric(cur.payments, prev.payments),
      failedPayments: metric(cur.failed, prev.failed),
      disputesOpened: metric(cur.disputes, prev.disputes),
      openDisputes: { count: openHere?._count._all ?? 0, amount: openHere?._sum.amount ?? 0 },
      mrrMovements: mrrMovementsOf(movements.filter((m) => m.currency === currency)),
      subscriptions: subs ? { mrr: subs.mrr, activeSubscribers: subs.activeSubscribers, churned: metric(subs.churned.current, subs.churned.previous) } : null,
      series,
    });
  }
  result.sort((a, b) => b.gross.current - a.gross.current || a.currency.localeCompare(b.currency));
  return { period, from: start.toISOString(), to: end.toISOString(), currencies: result };
}
