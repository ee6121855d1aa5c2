"use client";
// Daily volume for one currency: gross and net as areas, refunds as bars.
// Amounts arrive in the minor unit and are formatted with the currency's own digits.
import { Area, Bar, CartesianGrid, ComposedChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney, toMajor } from "@/lib/money";

export type VolumePoint = { day: string; gross: number; refunds: number; net: number };

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

export function VolumeChart({ currency, series }: { currency: string; series: VolumePoint[] }) {
  const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
  return (
    <div className="h-64 w-full" role="img" aria-label={`Daily gross volume, refunds and net volume in ${currency.toUpperCase()}`} data-testid={`volume-chart-${currency}`}>
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
          <Area type="monotone" dataKey="gross" name="Gross" stroke="oklch(0.511 0.235 277)" fill="oklch(0.93 0.034 272)" strokeWidth={2} isAnimationActive={false} />
          <Area type="monotone" dataKey="net" name="Net" stroke="#059669" fill="transparent" strokeWidth={2} isAnimationActive={false} />
          <Bar dataKey="refunds" name="Refunds" fill="#f59e0b" barSize={8} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
