// When checkout asks the card's issuer for 3-D Secure whatever Radar thinks:
// payments at or above an amount per currency (PAYPORT_3DS_MIN_AMOUNT, e.g.
// "usd:50000,eur:45000,jpy:70000", minor units). Stripe has no threshold
// parameter; this is the integration's side of "request 3DS above X" (the
// other is a Radar for Fraud Teams rule). Currencies not listed are left to
// Radar (`automatic`).
import { z } from "zod";

export type ThreeDSecureThresholds = Record<string, number>;

const entrySchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{3}:\d{1,8}$/, "each entry is currency:amount in minor units, e.g. usd:50000")
  .transform((entry) => {
    const [currency, amount] = entry.split(":");
    return [currency.toLowerCase(), Number(amount)] as const;
  });

/** Parses PAYPORT_3DS_MIN_AMOUNT; unset or blank means no threshold. Throws on a malformed value (a configuration error). */
export function threeDSecureThresholds(env: Record<string, string | undefined> = process.env): ThreeDSecureThresholds {
  const raw = env.PAYPORT_3DS_MIN_AMOUNT?.trim();
  if (!raw) return {};
  const entries = raw.split(",").map((entry) => {
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) throw new Error(`Invalid PAYPORT_3DS_MIN_AMOUNT entry "${entry.trim()}": ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
  return Object.fromEntries(entries);
}

/** The `request_three_d_secure` a checkout PaymentIntent of this amount carries: `any` at or above the currency's threshold. */
export function requestThreeDSecureFor(amount: number, currency: string, thresholds: ThreeDSecureThresholds = threeDSecureThresholds()): "any" | "automatic" {
  const min = thresholds[currency.toLowerCase()];
  return min !== undefined && amount >= min ? "any" : "automatic";
}
