// API keys: test-mode secret (sk_/rk_) and publishable (pk_) keys, by Bearer or Basic auth.
import { ApiError } from "./errors.ts";

export type KeyKind = "secret" | "publishable";

function maskKey(key: string): string {
  const us = key.lastIndexOf("_");
  const prefix = us > 0 ? key.slice(0, us + 1) : "";
  return `${prefix}${"*".repeat(Math.max(4, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

export function authenticate(header: string | undefined): { kind: KeyKind; key: string } | ApiError {
  let key: string | null = null;
  if (header?.startsWith("Bearer ")) key = header.slice(7).trim();
  else if (header?.startsWith("Basic ")) key = Buffer.from(header.slice(6), "base64").toString("utf8").split(":")[0];
  if (!key || key === "null" || key === "undefined")
    return new ApiError(401, {
      type: "invalid_request_error",
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    });
  if (/^(sk|rk)_test_\S+$/.test(key)) return { kind: "secret", key };
  if (/^pk_test_\S+$/.test(key)) return { kind: "publishable", key };
  return new ApiError(401, { type: "invalid_request_error", message: `Invalid API Key provided: ${maskKey(key)}` });
}
