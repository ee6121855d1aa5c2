// Dashboard figures from daily totals: per currency, the chosen period against
// the one before it, a series per day; today and yesterday stay live, settled
// days are reused until invalidated; the route checks access and input.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as dashboardRoute } from "@/app/api/admin/dashboard/route";
import { getDashboard } from "@/lib/reports/dashboard";
import { invalidateDailyStatsSince } from "@/lib/reports/daily-stats";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useSignedInAs } from "./helpers/session";

const NOW = new Date("2026-11-20T15:00:00Z");
const daysAgo = (n: number, hour = 12) => new Date(Date.UTC(2026, 10, 20 - n, hour));

describe.each(testDatabases())("dashboard on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();
  let seq = 0;

  async function order(data: { amount: number; currency?: string; status?: string; paidAt?: Date | null; createdAt: Date }) {
    const status = data.status ?? "paid";
    return test.db.order.create({
      data: {
        email: `o${seq++}@example.com`,
        amount: data.amount,
        currency: data.currency ?? "usd",
        status,
        paymentStatus: status === "paid" || status === "refunded" ? "succeeded" : "requires_payment_method",
        paidAt: data.paidAt === undefined ? (status === "paid" || status === "refunded" ? data.createdAt : null) : data.paidAt,
        createdAt: data.createdAt,
      },
    });
  }

  beforeAll(async () => {
    // This week (the 7-day period is Nov 14–20): 3 USD payments, one refunded in part, one failure, and a JPY payment.
    await order({ amount: 10_000, createdAt: daysAgo(0) });
    const refunded = await order({ amount: 5_000, createdAt: daysAgo(2) });
    await test.db.refund.create({ data: { orderId: refunded.id, amount: 2_000, currency: "usd", status: "succeeded", createdAt: daysAgo(1) } });
    await test.db.refund.create({ data: { orderId: refunded.id, amount: 500, currency: "usd", status: "failed", createdAt: daysAgo(1) } });
    await order({ amount: 2_500, createdAt: daysAgo(6, 0) });
    await order({ amount: 2_500, status: "failed", createdAt: daysAgo(3) });
    await order({ amount: 3_000, currency: "jpy", createdAt: daysAgo(4) });
    // Pending orders are not volume.
    await order({ amount: 9_999, status: "pending", createdAt: daysAgo(1) });
    // The week before (Nov 7–13): one USD payment of 10,000 and two failures.
    await order({ amount: 10_000, createdAt: daysAgo(7) });
    await order({ amount: 1_000, status: "failed", createdAt: daysAgo(8) });
    await order({ amount: 1_000, status: "failed", createdAt: daysAgo(13, 23) });
    // Outside both: not counted.
    await order({ amount: 77_777, createdAt: daysAgo(14, 23) });
    const disputed = await order({ amount: 4_000, createdAt: daysAgo(20) });
    await test.db.dispute.create({
      data: { stripeDisputeId: `du_${kind}_1`, orderId: disputed.id, stripeChargeId: "ch_1", amount: 4_000, currency: "usd", reason: "fraudulent", status: "needs_response", createdAt: daysAgo(3) },
    });
    await test.db.dispute.create({
      data: { stripeDisputeId: `du_${kind}_2`, stripeChargeId: "ch_2", amount: 1_000, currency: "usd", reason: "general", status: "won", createdAt: daysAgo(9) },
    });
  });

  it("7 days: gross, refunds, net, payments, failures and disputes per currency, with the change vs the week before", async () => {
    const dashboard = await getDashboard(7, { now: NOW });
    expect(dashboard).toMatchObject({ period: 7, from: "2026-11-14T00:00:00.000Z", to: "2026-11-21T00:00:00.000Z" });
    expect(dashboard.currencies.map((c) => c.currency)).toEqual(["usd", "jpy"]);
    const usd = dashboard.currencies[0];
    expect(usd.gross).toEqual({ current: 17_500, previous: 10_000, changePct: 75 });
    expect(usd.refunds).toEqual({ current: 2_000, previous: 0, changePct: null });
    expect(usd.net).toEqual({ current: 15_500, previous: 10_000, changePct: 55 });
    expect(usd.payments).toMatchObject({ current: 3, previous: 1 });
    expect(usd.failedPayments).toEqual({ current: 1, previous: 2, changePct: -50 });
    expect(usd.disputesOpened).toMatchObject({ current: 1, previous: 1 });
    expect(usd.openDisputes).toEqual({ count: 1, amount: 4_000 });
    expect(usd.series).toHaveLength(7);
    expect(usd.series[0]).toEqual({ day: "2026-11-14", gross: 2_500, refunds: 0, disputesLost: 0, fees: 0, net: 2_500, payments: 1, failed: 0 });
    expect(usd.series[5]).toMatchObject({ day: "2026-11-19", gross: 0, refunds: 2_000, net: -2_000 });
    expect(usd.series[6]).toMatchObject({ day: "2026-11-20", gross: 10_000, payments: 1 });
    expect(dashboard.currencies[1].gross).toMatchObject({ current: 3_000, previous: 0 });
  });

  it("subscription figures appear only with subscriptions: MRR per month, active subscribers, churn vs the period before", async () => {
    expect((await getDashboard(7, { now: NOW })).currencies.every((c) => c.subscriptions === null)).toBe(true);
    const product = await test.db.product.create({ data: { stripeProductId: `prod_plan_${kind}`, name: "Plan" } });
    const price = (id: string, unitAmount: number, interval: string) =>
      test.db.price.create({ data: { stripePriceId: `${id}_${kind}`, productId: product.id, currency: "usd", unitAmount, type: "recurring", interval } });
    await price("price_month", 2_000, "month");
    await price("price_year", 24_000, "year");
    await price("price_metered", 5, "month");
    const sub = (n: number, status: string, items: object[], endedAt: Date | null = null) =>
      test.db.subscription.create({ data: { stripeSubscriptionId: `sub_${kind}_${n}`, stripeCustomerId: `cus_${n}`, status, items: JSON.stringify(items), endedAt } });
    const monthly = { price: `price_month_${kind}`, quantity: 3, usageType: "licensed" };
    await sub(1, "active", [monthly, { price: `price_metered_${kind}`, quantity: null, usageType: "metered" }]);
    await sub(2, "past_due", [{ price: `price_year_${kind}`, quantity: 1, usageType: "licensed" }]);
    await sub(3, "trialing", [monthly]);
    await sub(4, "canceled", [monthly], daysAgo(2));
    await sub(5, "canceled", [monthly], daysAgo(10));
    await sub(6, "canceled", [monthly], daysAgo(11));

    const usd = (await getDashboard(7, { now: NOW })).currencies.find((c) => c.currency === "usd")!;
    // 3 × $20 + $240 / 12; trials are not revenue yet, metered usage is not recurring.
    expect(usd.subscriptions).toEqual({ mrr: 8_000, activeSubscribers: 3, churned: { current: 1, previous: 2, changePct: -50 } });
    expect((await getDashboard(7, { now: NOW })).currencies.find((c) => c.currency === "jpy")!.subscriptions).toBeNull();
  });

  it("today is live; a settled day is reused until invalidated", async () => {
    const before = (await getDashboard(30, { now: NOW })).currencies[0];
    await order({ amount: 1_111, createdAt: new Date(NOW.getTime() - 60_000) });
    const late = await order({ amount: 2_222, createdAt: daysAgo(10) }); // e.g. repaired by reconcile
    const after = (await getDashboard(30, { now: NOW })).currencies[0];
    expect(after.gross.current).toBe(before.gross.current + 1_111);
    await invalidateDailyStatsSince(late.createdAt);
    expect((await getDashboard(30, { now: NOW })).currencies[0].gross.current).toBe(before.gross.current + 1_111 + 2_222);
    // Stored: the 58 closed days; today and yesterday are computed on each read.
    expect(await test.db.dailyStatDay.count()).toBe(58);
  });

  it("the route answers admins only and checks the period", async () => {
    const admin = await test.db.user.create({ data: { email: `admin-${kind}@example.com`, role: "admin" } });
    const customer = await test.db.user.create({ data: { email: `c-${kind}@example.com` } });
    const get = (q: string) => dashboardRoute(new Request(`http://payport.test/api/admin/dashboard${q}`));
    signInAs(admin);
    const ok = await get("?period=90");
    expect(ok.status).toBe(200);
    expect((await ok.json()).period).toBe(90);
    const bad = await get("?period=14");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe("period");
    signInAs(customer);
    expect((await get("")).status).toBe(403);
    signInAs(null);
    expect((await get("")).status).toBe(401);
  });
});
