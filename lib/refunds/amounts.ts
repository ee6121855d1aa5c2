// Amounts typed by people (major units) → Stripe's minor units, per currency.
import { toMajor } from "@/lib/money";

/** 100 for USD, 1 for JPY, 1000 for KWD. */
export const minorPerMajor = (currency: string): number => Math.round(1 / toMajor(1, currency));

/** "12.50" → 1250 (USD), "1500" → 1500 (JPY); null unless a positive amount with at most the currency's decimals. */
export function parseMajorAmount(text: string, currency: string): number | null {
  const factor = minorPerMajor(currency);
  const decimals = Math.round(Math.log10(factor));
  const cleaned = text.trim().replace(/,/g, "");
  const pattern = decimals === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`);
  if (!pattern.test(cleaned)) return null;
  const minor = Math.round(Number(cleaned) * factor);
  return minor > 0 ? minor : null;
}
