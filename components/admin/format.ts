// Dates in the admin area: absolute (UTC) in tables and exports, relative with the exact time on hover elsewhere.
/** "2026-11-25 19:16 UTC": compact, sortable, unambiguous. */
export function formatDateTime(iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatRelative(iso: string | Date, now: number = Date.now()): string {
  const seconds = Math.round((now - (typeof iso === "string" ? new Date(iso) : iso).getTime()) / 1000);
  const abs = Math.abs(seconds);
  const suffix = seconds >= 0 ? "ago" : "from now";
  if (abs < 45) return seconds >= 0 ? "just now" : "in a moment";
  if (abs < 3600) return `${Math.round(abs / 60)} min ${suffix}`;
  if (abs < 86_400) return `${Math.round(abs / 3600)} h ${suffix}`;
  if (abs < 7 * 86_400) return `${Math.round(abs / 86_400)} d ${suffix}`;
  return formatDateTime(iso);
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

/** The UTC days of "the last N days", today included, as the lists' `from`/`to` query values. */
export function lastDaysRange(days: number, now: Date = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00.000Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** "Dec 8, 2026": a day people read (UTC, like the tables' times). */
export function formatDay(iso: string | Date): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(typeof iso === "string" ? new Date(iso) : iso);
}
