import { formatMoney } from "@/lib/money";

export const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** Unix seconds or ISO string → "Dec 25, 2026". */
export function formatDate(value: number | string | null | undefined): string {
  if (value == null || value === 0) return "—";
  return dateFormat.format(typeof value === "number" ? new Date(value * 1000) : new Date(value));
}

export function formatInterval(interval: string | null | undefined): string {
  return interval === "year" ? "year" : interval === "month" ? "month" : (interval ?? "period");
}

export { formatMoney };

/** The plan-change dialog's title, saying what changes: "Change seats (3 → 5)" when only the seats do, else "Switch to Team". */
export function planChangeTitle(change: { samePlan: boolean; planName: string; fromSeats: number; toSeats: number }): string {
  if (change.samePlan) return `Change seats (${change.fromSeats} → ${change.toSeats})`;
  return `Switch to ${change.planName}`;
}
