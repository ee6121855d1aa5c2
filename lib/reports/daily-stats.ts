// Daily totals behind the dashboard, so a 90-day view reads at most 180 small
// rows per currency instead of scanning every payment. A day is computed from
// every source of money: orders and subscription/invoice payments (gross and
// Stripe fees by paidAt), refunds (an order's Refund rows by their creation, a
// payment's by when its refunded amount last grew), disputes lost (amount plus
// dispute fee, by the Stripe time they were lost) and failed orders. Today and yesterday are computed live on
// each read and never stored (late webhooks still change them); older days are
// computed once and stored; reconciliation invalidates the days it repaired.
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { COUNTED_REFUND_STATUSES } from "@/lib/refunds/rules";

export const DAY_MS = 86_400_000;
/** How long after a day ends its totals may still change (late webhooks). */
const SETTLE_MS = DAY_MS;
/** Days computed at once on a cold range (each is three indexed queries). */
const PARALLEL_DAYS = 6;
/** Refund statuses whose money has left (or is leaving) the balance, as Stripe's charge.amount_refunded counts them. */

export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

export type DayTotals = {
  currency: string;
  grossAmount: bigint;
  paymentsCount: number;
  refundedAmount: bigint;
  refundsCount: number;
  failedCount: number;
  feeAmount: bigint;
  disputesLostAmount: bigint;
  disputesLostCount: number;
};

async function computeDay(day: Date, db: Db): Promise<DayTotals[]> {
  const range = { gte: day, lt: addDays(day, 1) };
  const seconds = { gte: Math.floor(day.getTime() / 1000), lt: Math.floor(addDays(day, 1).getTime() / 1000) };
  const [paid, charges, refunds, chargeRefunds, failed, lost] = await Promise.all([
    db.order.groupBy({ by: ["currency"], where: { paidAt: range }, _sum: { amount: true, fee: true }, _count: { _all: true } }),
    db.payment.groupBy({ by: ["currency"], where: { paidAt: range }, _sum: { amount: true, fee: true }, _count: { _all: true } }),
    db.refund.groupBy({ by: ["currency"], where: { createdAt: range, status: { in: [...COUNTED_REFUND_STATUSES] } }, _sum: { amount: true }, _count: { _all: true } }),
    db.payment.groupBy({ by: ["currency"], where: { refundedAt: range }, _sum: { amountRefunded: true }, _count: { _all: true } }),
    db.order.groupBy({ by: ["currency"], where: { status: "failed", createdAt: range }, _count: { _all: true } }),
    // A lost dispute is final, so the Stripe time of its last snapshot is when it was lost.
    db.dispute.groupBy({ by: ["currency"], where: { status: "lost", stripeUpdatedAt: seconds }, _sum: { amount: true, fee: true }, _count: { _all: true } }),
  ]);
  const totals = new Map<string, DayTotals>();
  const of = (currency: string) => {
    let t = totals.get(currency);
    if (!t)
      totals.set(
        currency,
        (t = { currency, grossAmount: BigInt(0), paymentsCount: 0, refundedAmount: BigInt(0), refundsCount: 0, failedCount: 0, feeAmount: BigInt(0), disputesLostAmount: BigInt(0), disputesLostCount: 0 }),
      );
    return t;
  };
  for (const p of [...paid, ...charges]) {
    const t = of(p.currency);
    t.grossAmount += BigInt(p._sum.amount ?? 0);
    t.feeAmount += BigInt(p._sum.fee ?? 0);
    t.paymentsCount += p._count._all;
  }
  for (const r of refunds) {
    const t = of(r.currency);
    t.refundedAmount += BigInt(r._sum.amount ?? 0);
    t.refundsCount += r._count._all;
  }
  for (const r of chargeRefunds) {
    const t = of(r.currency);
    t.refundedAmount += BigInt(r._sum.amountRefunded ?? 0);
    t.refundsCount += r._count._all;
  }
  for (const f of failed) of(f.currency).failedCount = f._count._all;
  for (const d of lost) Object.assign(of(d.currency), { disputesLostAmount: BigInt((d._sum.amount ?? 0) + (d._sum.fee ?? 0)), disputesLostCount: d._count._all });
  return [...totals.values()];
}

async function storeDay(day: Date, totals: DayTotals[], computedAt: Date, db: Db): Promise<void> {
  try {
    await db.$transaction([
      db.dailyStat.deleteMany({ where: { day } }),
      db.dailyStat.createMany({ data: totals.map((t) => ({ day, ...t })) }),
      db.dailyStatDay.upsert({ where: { day }, create: { day, computedAt }, update: { computedAt } }),
    ]);
  } catch (error) {
    // Another request stored the same day at the same moment: its totals are as good as ours.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Makes DailyStat hold current totals for every day in [from, to). */
export async function ensureDailyStats(from: Date, to: Date, { db = getDb(), now = new Date() }: { db?: Db; now?: Date } = {}): Promise<void> {
  const known = await db.dailyStatDay.findMany({ where: { day: { gte: from, lt: to } } });
  const settled = new Set(known.filter((k) => k.computedAt.getTime() >= k.day.getTime() + DAY_MS + SETTLE_MS).map((k) => k.day.getTime()));
  const pending: Date[] = [];
  for (let day = startOfUtcDay(from); day < to; day = addDays(day, 1)) if (!settled.has(day.getTime())) pending.push(day);
  for (let i = 0; i < pending.length; i += PARALLEL_DAYS) {
    await Promise.all(
      pending.slice(i, i + PARALLEL_DAYS).map(async (day) => {
        // Stamped before computing: a change landing meanwhile keeps the day unsettled.
        const computedAt = new Date(Math.min(now.getTime(), Date.now()));
        await storeDay(day, await computeDay(day, db), computedAt, db);
      }),
    );
  }
}

/** Forget totals from this day on (after reconciliation repaired rows): the next read recomputes them. */
export async function invalidateDailyStatsSince(date: Date, db: Db = getDb()): Promise<void> {
  await db.dailyStatDay.deleteMany({ where: { day: { gte: startOfUtcDay(date) } } });
}

export type DailyStatRow = DayTotals & { day: Date };

/**
 * Totals per day and currency for [from, to): stored days from DailyStat
 * (computed first if missing), today and yesterday live.
 */
export async function loadDailyStats(from: Date, to: Date, { db = getDb(), now = new Date() }: { db?: Db; now?: Date } = {}): Promise<DailyStatRow[]> {
  const liveFrom = new Date(Math.max(from.getTime(), addDays(startOfUtcDay(now), -1).getTime()));
  const storedTo = new Date(Math.min(to.getTime(), liveFrom.getTime()));
  if (from < storedTo) await ensureDailyStats(from, storedTo, { db, now });
  const liveDays: Date[] = [];
  for (let day = liveFrom; day < to; day = addDays(day, 1)) liveDays.push(day);
  const [stored, live] = await Promise.all([
    from < storedTo ? db.dailyStat.findMany({ where: { day: { gte: from, lt: storedTo } } }) : Promise.resolve([]),
    Promise.all(liveDays.map(async (day) => (await computeDay(day, db)).map((t) => ({ day, ...t })))),
  ]);
  return [...stored, ...live.flat()];
}
