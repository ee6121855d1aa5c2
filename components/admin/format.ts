// Dates in the admin area: absolute (UTC) in tables and exports, relative with the exact time on hover elsewhere.
const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDateTime(iso: string | Date): string {
  return `${absolute.format(typeof iso === "string" ? new Date(iso) : iso)} UTC`;
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
