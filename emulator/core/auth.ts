// API keys: test-mode secret (sk_/rk_) and publishable (pk_) keys, by Bearer or Basic auth.
// Only the emulator's own keys are accepted (as Stripe accepts only the account's keys): the
// defaults below, plus `STRIPE_EMULATOR_API_KEYS` (comma-separated) and `startEmulator({ apiKeys })`.
import { ApiError } from "./errors.ts";

export type KeyKind = "secret" | "publishable";

/** The keys every emulator accepts: what Payport's local mode uses (lib/env.ts). */
export const DEFAULT_API_KEYS: readonly string[] = ["sk_test_emulator", "rk_test_emulator", "pk_test_emulator"];

/** The accepted keys: the defaults, the environment's, and the option's. */
export function acceptedApiKeys(extra: readonly string[] = [], env: string | undefined = process.env.STRIPE_EMULATOR_API_KEYS): Set<string> {
  const fromEnv = (env ?? "").split(",").map((k) => k.trim()).filter(Boolean);
  return new Set([...DEFAULT_API_KEYS, ...fromEnv, ...extra]);
}

function maskKey(key: string): string {
  const us = key.lastIndexOf("_");
  const prefix = us > 0 ? key.slice(0, us + 1) : "";
  return `${prefix}${"*".repeat(Math.max(4, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

export function authenticate(header: string | undefined, accepted?: ReadonlySet<string>): { kind: KeyKind; key: string } | ApiError {
  let key: string | null = null;
  if (header?.startsWith("Bearer ")) key = header.slice(7).trim();
  else if (header?.startsWith("Basic ")) key = Buffer.from(header.slice(6), "base64").toString("utf8").split(":")[0];
  if (!key || key === "null" || key === "undefined")
    return new ApiError(401, {
      type: "invalid_request_error",
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    });
  const known = !accepted || accepted.has(key);
  if (known && /^(sk|rk)_test_\S+$/.test(key)) return { kind: "secret", key };
  if (known && /^pk_test_\S+$/.test(key)) return { kind: "publishable", key };
  return new ApiError(401, { type: "invalid_request_error", message: `Invalid API Key provided: ${maskKey(key)}` });
}
