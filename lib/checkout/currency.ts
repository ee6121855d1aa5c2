// Server-side currency rules. Amounts are always integers in the currency's
// minor unit; for zero-decimal currencies (JPY…) that unit is the whole yen.
// https://docs.stripe.com/currencies#zero-decimal
const ZERO_DECIMAL = new Set([
  "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
]);

// Stripe's minimum charge per currency (minor units), for those we sell in;
// others fall back to 50 minor units, which Stripe rejects or accepts itself.
const MINIMUM_CHARGE: Record<string, number> = { usd: 50, eur: 50, gbp: 30, jpy: 50, cad: 50, aud: 50, chf: 50 };

/** Stripe caps amounts at eight digits in the minor unit. */
export const MAX_CHARGE_AMOUNT = 99_999_999;

export function isZeroDecimal(currency: string): boolean {
  return ZERO_DECIMAL.has(currency.toLowerCase());
}

export function minimumChargeAmount(currency: string): number {
  return MINIMUM_CHARGE[currency.toLowerCase()] ?? 50;
}

/** Human amount for messages ("$0.50", "¥50"); the UI formats with lib/money.ts. */
export function describeAmount(amount: number, currency: string): string {
  const digits = isZeroDecimal(currency) ? 0 : 2;
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase(), minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(digits === 0 ? amount : amount / 100);
}
