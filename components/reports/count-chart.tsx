"use client";
// Daily counts for one currency: successful and failed payments side by side.
// The frame (size and label) renders with the page; recharts loads after first
// paint and draws into it.
import dynamic from "next/dynamic";

export type CountPoint = { day: string; payments: number; failed: number };

const CountPlot = dynamic(() => import("@/components/reports/count-plot").then((m) => m.CountPlot), { ssr: false });

export function PaymentCountChart({ currency, series }: { currency: string; series: CountPoint[] }) {
  return (
    <div className="h-48 w-full" role="img" aria-label={`Daily successful and failed payments in ${currency.toUpperCase()}`} data-testid={`count-chart-${currency}`}>
      <CountPlot series={series} />
    </div>
  );
}
