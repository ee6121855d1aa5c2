// Amounts arrive in the currency's minor unit (cents; yen for JPY).
const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]);

export function formatAmount(amount: number, currency: string): string {
  const code = currency.toLowerCase();
  const major = ZERO_DECIMAL.has(code) ? amount : amount / 100;
  return new Intl.NumberFormat("en-US", { style: "currency", currency: code.toUpperCase() }).format(major);
}

export function formatDate(iso: string | null): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}

/** The tail of a cuid is enough to tell orders apart on screen. */
export const shortOrderId = (id: string) => `#${id.slice(-8)}`;
