// Money is always an integer in the currency's minor unit, as Stripe sends it.
// https://docs.stripe.com/currencies#zero-decimal

/** Currencies Stripe charges in whole units (amount 1500 = ¥1,500). */
const ZERO_DECIMAL = new Set([
  "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
  "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
]);

/** Currencies Stripe charges in thousandths (amount 5120 = 5.120 KWD). */
const THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

export const DEFAULT_LOCALE = "en-US";

export function isZeroDecimalCurrency(currency: string): boolean {
  return ZERO_DECIMAL.has(currency.toUpperCase());
}

function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** Stripe minor units → major units (1999 USD → 19.99, 1500 JPY → 1500). */
export function toMajor(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** minorUnitDigits(currency);
}

/** Major units as plain decimal text with the currency's own digits, for exports: 2599 USD → "25.99", 1500 JPY → "1500", 5120 KWD → "5.120". */
export function formatMajor(amountMinor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = amountMinor < 0 ? "-" : "";
  const abs = Math.abs(amountMinor);
  if (digits === 0) return `${sign}${abs}`;
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, "0")}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** formatMoney(2599, "usd") → "$25.99"; formatMoney(1500, "jpy") → "¥1,500". */
export function formatMoney(amountMinor: number, currency: string, locale: string = DEFAULT_LOCALE): string {
  const code = currency.toUpperCase();
  const digits = minorUnitDigits(code);
  const key = `${locale}|${code}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    // Fraction digits follow Stripe's minor unit, not the locale's idea of the currency.
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: code,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(toMajor(amountMinor, code));
}
