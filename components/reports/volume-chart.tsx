"use client";
// Daily volume for one currency: gross and refunds as bars, net as a line.
// Amounts arrive in the minor unit and are formatted with the currency's own digits.
// The frame (size and label) renders with the page; the chart library (recharts,
// the heaviest code of the admin) loads after first paint and draws into it.
import dynamic from "next/dynamic";

export type VolumePoint = { day: string; gross: number; refunds: number; net: number };

const VolumePlot = dynamic(() => import("@/components/reports/volume-plot").then((m) => m.VolumePlot), { ssr: false });

export function VolumeChart({ currency, series }: { currency: string; series: VolumePoint[] }) {
  return (
    <div className="h-64 w-full" role="img" aria-label={`Daily gross volume, refunds and net volume in ${currency.toUpperCase()}`} data-testid={`volume-chart-${currency}`}>
      <VolumePlot currency={currency} series={series} />
    </div>
  );
}
