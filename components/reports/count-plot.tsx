"use client";
// The counts chart itself (recharts), loaded by count-chart.tsx after the page
// has painted and drawn into the frame it reserved.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CountPoint } from "@/components/reports/count-chart";

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

export function CountPlot({ series }: { series: CountPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e4e4e7" vertical={false} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 12, fill: "#71717a" }} tickLine={false} axisLine={false} minTickGap={24} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#71717a" }} tickLine={false} axisLine={false} width={48} />
        <Tooltip labelFormatter={(label) => shortDay(String(label))} contentStyle={{ borderRadius: 8, borderColor: "#e4e4e7", fontSize: 12 }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="payments" name="Succeeded" stackId="p" fill="oklch(0.585 0.21 277)" isAnimationActive={false} />
        <Bar dataKey="failed" name="Failed" stackId="p" fill="#ef4444" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
