import type { Metadata } from "next";
import Link from "next/link";
import { PaymentCountChart } from "@/components/reports/count-chart";
import { VolumeChart } from "@/components/reports/volume-chart";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DASHBOARD_PERIODS, getDashboard, parseDashboardQuery, type DashboardPeriod, type Metric } from "@/lib/reports/dashboard";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { HttpError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { ReconcileForm } from "./reconcile-form";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

const dayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  await requireAdminPageOrSignIn(typeof params.period === "string" ? `/admin/dashboard?period=${encodeURIComponent(params.period)}` : "/admin/dashboard");
  let period: DashboardPeriod = 30;
  try {
    period = parseDashboardQuery({ period: typeof params.period === "string" ? params.period : undefined });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
  }
  const dashboard = await getDashboard(period);
  const lastDay = new Date(new Date(dashboard.to).getTime() - 86_400_000);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Dashboard</h1>
          <p className="text-sm text-zinc-500">
            {dayFormat.format(new Date(dashboard.from))} – {dayFormat.format(lastDay)} (UTC), compared with the {period} days before
          </p>
        </div>
        <nav aria-label="Period" className="inline-flex rounded-lg border border-zinc-300 bg-white p-0.5 shadow-sm" data-testid="period-picker">
          {DASHBOARD_PERIODS.map((p) => (
            <Link
              key={p}
              href={`/admin/dashboard?period=${p}`}
              aria-current={p === period ? "page" : undefined}
              className={cn("rounded-md px-3 py-1.5 text-sm font-medium", p === period ? "bg-accent-600 text-white" : "text-zinc-700 hover:bg-zinc-100")}
            >
              {p} days
            </Link>
          ))}
        </nav>
      </div>

      {dashboard.currencies.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 bg-white p-10 text-center" data-testid="dashboard-empty">
          <h2 className="font-semibold text-zinc-900">No payments in this period</h2>
          <p className="mt-1 text-sm text-zinc-600">Volume, refunds, disputes and fees appear here as soon as customers pay for an order or a subscription.</p>
        </div>
      ) : (
        dashboard.currencies.map((c) => (
          <section key={c.currency} aria-labelledby={`cur-${c.currency}`} className="space-y-4" data-testid={`dashboard-${c.currency}`}>
            <h2 id={`cur-${c.currency}`} className="text-lg font-semibold text-zinc-900">
              {c.currency.toUpperCase()}
            </h2>
            <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
              <Stat label="Gross volume" metric={c.gross} format={(v) => formatMoney(v, c.currency)} testId="gross" />
              <Stat label="Refunds" metric={c.refunds} format={(v) => formatMoney(v, c.currency)} higherIsWorse testId="refunds" />
              <Stat label="Disputes lost" metric={c.disputesLost} format={(v) => formatMoney(v, c.currency)} higherIsWorse testId="disputes-lost" />
              <Stat label="Stripe fees" metric={c.fees} format={(v) => formatMoney(v, c.currency)} higherIsWorse testId="fees" />
              <Stat label="Net volume" metric={c.net} format={(v) => formatMoney(v, c.currency)} testId="net" />
              <Stat label="Successful payments" metric={c.payments} format={String} testId="payments" />
              <Stat label="Failed payments" metric={c.failedPayments} format={String} higherIsWorse testId="failed" />
              <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm" data-testid="stat-open-disputes">
                <dt className="text-sm text-zinc-500">Open disputes</dt>
                <dd className="mt-1 text-2xl font-semibold text-zinc-900 tabular-nums">{c.openDisputes.count}</dd>
                <dd className="mt-1 text-xs text-zinc-500">
                  {c.openDisputes.count > 0 ? (
                    <Link href="/admin/disputes?status=open" className="text-accent-700 hover:underline">
                      {formatMoney(c.openDisputes.amount, c.currency)} in question
                    </Link>
                  ) : (
                    `${c.disputesOpened.current} opened in the period`
                  )}
                </dd>
              </div>
            </dl>
            {c.subscriptions && (
              <dl className="grid gap-3 sm:grid-cols-3" data-testid="subscription-stats">
                <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm" data-testid="stat-mrr">
                  <dt className="text-sm text-zinc-500">MRR</dt>
                  <dd className="mt-1 text-2xl font-semibold text-zinc-900 tabular-nums">{formatMoney(c.subscriptions.mrr, c.currency)}</dd>
                  <dd className="mt-1 text-xs text-zinc-500">Active and past-due plans, per month, before discounts</dd>
                </div>
                <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm" data-testid="stat-active-subscribers">
                  <dt className="text-sm text-zinc-500">Active subscribers</dt>
                  <dd className="mt-1 text-2xl font-semibold text-zinc-900 tabular-nums">{c.subscriptions.activeSubscribers}</dd>
                  <dd className="mt-1 text-xs text-zinc-500">Trialing, active or past due now</dd>
                </div>
                <Stat label="Churned subscribers" metric={c.subscriptions.churned} format={String} higherIsWorse testId="churned" />
              </dl>
            )}
            {c.mrrMovements && (
              <dl className="grid gap-3 sm:grid-cols-5" data-testid="mrr-movements" aria-label="MRR movements in the period">
                {(
                  [
                    ["new", "New MRR"],
                    ["expansion", "Expansion"],
                    ["contraction", "Contraction"],
                    ["churn", "Churned MRR"],
                    ["net", "Net new MRR"],
                  ] as const
                ).map(([kind, label]) => (
                  <div key={kind} className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm" data-testid={`stat-mrr-${kind}`}>
                    <dt className="text-sm text-zinc-500">{label}</dt>
                    <dd className={cn("mt-1 text-xl font-semibold tabular-nums", c.mrrMovements![kind] < 0 ? "text-red-700" : "text-zinc-900")}>
                      {formatMoney(c.mrrMovements![kind], c.currency)}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            <div className="grid gap-4 lg:grid-cols-3">
              <Card className="lg:col-span-2">
                <CardHeader>
                  <CardTitle>Volume per day</CardTitle>
                  <CardDescription>Gross and fees by payment day, refunds by refund day, disputes by the day they were lost; net = gross − refunds − disputes lost − fees</CardDescription>
                </CardHeader>
                <CardContent>
                  <VolumeChart currency={c.currency} series={c.series} />
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>Payments per day</CardTitle>
                  <CardDescription>Succeeded and failed</CardDescription>
                </CardHeader>
                <CardContent>
                  <PaymentCountChart currency={c.currency} series={c.series} />
                </CardContent>
              </Card>
            </div>
          </section>
        ))
      )}

      <ReconcileForm />
    </div>
  );
}

function Stat({ label, metric, format, higherIsWorse = false, testId }: { label: string; metric: Metric; format: (v: number) => string; higherIsWorse?: boolean; testId: string }) {
  const change = metric.changePct;
  const good = change !== null && (higherIsWorse ? change < 0 : change > 0);
  const bad = change !== null && (higherIsWorse ? change > 0 : change < 0);
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm" data-testid={`stat-${testId}`}>
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-zinc-900 tabular-nums">{format(metric.current)}</dd>
      <dd className={cn("mt-1 text-xs tabular-nums", good ? "text-emerald-700" : bad ? "text-red-700" : "text-zinc-500")}>
        {change === null ? `— vs ${format(metric.previous)}` : `${change > 0 ? "+" : ""}${change}% vs ${format(metric.previous)}`}
      </dd>
    </div>
  );
}
