"use client";
// The volume chart itself (recharts), loaded by volume-chart.tsx after the page
// has painted and drawn into the frame it reserved.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { VolumePoint } from "@/components/reports/volume-chart";
import { formatMoney, toMajor } from "@/lib/money";

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

export function VolumePlot({ currency, series }: { currency: string; series: VolumePoint[] }) {
  const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e4e4e7" vertical={false} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 12, fill: "#71717a" }} tickLine={false} axisLine={false} minTickGap={24} />
        <YAxis tickFormatter={(v: number) => compact.format(toMajor(v, currency))} tick={{ fontSize: 12, fill: "#71717a" }} tickLine={false} axisLine={false} width={48} />
        <Tooltip
          formatter={(value, name) => [formatMoney(Number(value), currency), String(name)]}
          labelFormatter={(label) => shortDay(String(label))}
          contentStyle={{ borderRadius: 8, borderColor: "#e4e4e7", fontSize: 12 }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="gross" name="Gross" fill="oklch(0.585 0.21 277)" maxBarSize={16} isAnimationActive={false} />
        <Bar dataKey="refunds" name="Refunds" fill="#f59e0b" maxBarSize={16} isAnimationActive={false} />
        <Line type="linear" dataKey="net" name="Net" stroke="#059669" strokeWidth={2} dot={series.length <= 31} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
