// Server-side limits on an order total. Amounts are integers in the currency's
// minor unit (whole yen for JPY); which currencies are zero-decimal is known
// by lib/money.ts, shared with the UI.
import { formatMoney } from "@/lib/money";

// Stripe's minimum charge per currency (minor units), for those we sell in;
// others fall back to 50 minor units and Stripe has the last word.
const MINIMUM_CHARGE: Record<string, number> = { usd: 50, eur: 50, gbp: 30, jpy: 50, cad: 50, aud: 50, chf: 50 };

/** Stripe caps amounts at eight digits in the minor unit. */
export const MAX_CHARGE_AMOUNT = 99_999_999;

export function minimumChargeAmount(currency: string): number {
  return MINIMUM_CHARGE[currency.toLowerCase()] ?? 50;
}

/** "$0.50", "¥50": amounts in error messages read like the storefront's. */
export const describeAmount = formatMoney;
