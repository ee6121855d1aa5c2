"use client";
// Plans side by side with a monthly/yearly switch, seats for the per-seat
// plan, the trial badge, and the metered add-on explained underneath.
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { SeatStepper } from "@/components/subscriptions/seat-stepper";
import type { MeteredAddon, Plan, PlanInterval } from "@/lib/catalog/plans";
import { formatMoney } from "@/lib/money";

type PricingTableProps = {
  plans: Plan[];
  addon: MeteredAddon | null;
  /** The plan the signed-in customer is on (their subscription is changed in billing, not here). */
  current: { planName: string | null; status: string } | null;
};

function yearlySavingPercent(plan: Plan): number | null {
  const month = plan.prices.find((p) => p.interval === "month");
  const year = plan.prices.find((p) => p.interval === "year");
  if (!month || !year) return null;
  const saving = Math.round((1 - year.unitAmount / (month.unitAmount * 12)) * 100);
  return saving > 0 ? saving : null;
}

export function PricingTable({ plans, addon, current }: PricingTableProps) {
  const [interval, setInterval] = useState<PlanInterval>("month");
  const [seats, setSeats] = useState(3);
  const bestSaving = Math.max(0, ...plans.map((p) => yearlySavingPercent(p) ?? 0));

  return (
    <div className="space-y-10">
      <div className="flex justify-center">
        <div role="group" aria-label="Billing period" className="inline-flex rounded-lg border border-zinc-200 bg-white p-1 shadow-sm">
          {(["month", "year"] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={interval === value}
              onClick={() => setInterval(value)}
              data-testid={`interval-${value}`}
              className={cn(
                "rounded-md px-4 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600",
                interval === value ? "bg-accent-600 text-white shadow-sm" : "text-zinc-600 hover:text-zinc-900",
              )}
            >
              {value === "month" ? "Monthly" : "Yearly"}
              {value === "year" && bestSaving > 0 && <span className="ml-1.5 text-xs opacity-80">save up to {bestSaving}%</span>}
            </button>
          ))}
        </div>
      </div>

      <ul className="grid gap-6 md:grid-cols-3" aria-label="Plans">
        {plans.map((plan) => {
          const price = plan.prices.find((p) => p.interval === interval) ?? plan.prices[0];
          const quantity = plan.perSeat ? seats : 1;
          const isCurrent = current?.planName === plan.name;
          const href = `/subscribe?price=${encodeURIComponent(price.id)}${plan.perSeat ? `&seats=${seats}` : ""}`;
          return (
            <li key={plan.productId} className="flex" data-testid="plan-card" data-plan={plan.name}>
              <div className={cn("flex w-full flex-col rounded-xl border bg-white p-6 shadow-sm", plan.trialDays ? "border-accent-300 ring-1 ring-accent-200" : "border-zinc-200")}>
                <div className="flex items-start justify-between gap-2">
                  <h2 className="text-lg font-semibold text-zinc-900">{plan.name}</h2>
                  {plan.trialDays ? (
                    <Badge tone="info" data-testid="trial-badge">
                      {plan.trialDays}-day free trial
                    </Badge>
                  ) : null}
                </div>
                {plan.description && <p className="mt-1 text-sm text-zinc-600">{plan.description}</p>}
                <p className="mt-6 flex items-baseline gap-1">
                  <span className="text-3xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid="plan-price">
                    {formatMoney(price.unitAmount, price.currency)}
                  </span>
                  <span className="text-sm text-zinc-500">
                    {plan.perSeat ? "per seat / " : "/ "}
                    {price.interval}
                  </span>
                </p>
                {plan.perSeat && (
                  <div className="mt-4 flex items-center justify-between gap-3">
                    <span className="text-sm text-zinc-600">Seats</span>
                    <SeatStepper seats={seats} onChange={setSeats} label={`Seats on ${plan.name}`} />
                  </div>
                )}
                {plan.perSeat && (
                  <p className="mt-2 text-sm text-zinc-600 tabular-nums" data-testid="plan-total">
                    {formatMoney(price.unitAmount * quantity, price.currency)} / {price.interval} for {quantity} {quantity === 1 ? "seat" : "seats"}
                  </p>
                )}
                <ul className="mt-6 flex-1 space-y-2 text-sm text-zinc-700">
                  {plan.features.map((feature) => (
                    <li key={feature} className="flex gap-2">
                      <svg viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-accent-600" aria-hidden="true">
                        <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
                      </svg>
                      {feature}
                    </li>
                  ))}
                </ul>
                {current ? (
                  <Link href="/account/billing" className={buttonClasses(isCurrent ? "secondary" : "ghost", "md", "mt-6 w-full")}>
                    {isCurrent ? "Your current plan" : "Change plan in billing"}
                  </Link>
                ) : (
                  <Link href={href} className={buttonClasses(plan.trialDays ? "primary" : "secondary", "md", "mt-6 w-full")} data-testid="choose-plan">
                    {plan.trialDays ? `Start ${plan.trialDays}-day free trial` : `Choose ${plan.name}`}
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ul>

      {addon && (
        <section aria-labelledby="addon-title" className="rounded-xl border border-dashed border-zinc-300 bg-white p-6" data-testid="metered-addon">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="addon-title" className="font-semibold text-zinc-900">
              Add-on: {addon.name}
            </h2>
            <p className="text-sm text-zinc-900 tabular-nums">
              <span className="font-semibold">{formatMoney(addon.price.unitAmount, addon.price.currency)}</span>{" "}
              <span className="text-zinc-500">per request, billed monthly in arrears</span>
            </p>
          </div>
          {addon.description && <p className="mt-2 text-sm text-zinc-600">{addon.description}</p>}
          <p className="mt-2 text-sm text-zinc-600">
            Add it to any monthly plan when you subscribe. Usage is counted as you report it, shown in your billing page, and charged on
            the next monthly invoice — nothing is charged up front.
          </p>
        </section>
      )}
    </div>
  );
}
