// The one module that owns the server-side Stripe client. Everything that
// talks to Stripe (or to the local emulator in local mode) goes through here.
import Stripe from "stripe";
import packageJson from "@/package.json";
import { getEnv, type AppEnv } from "@/lib/env";
import { logStripeRequests } from "@/lib/observability/stripe-requests";

export function createStripeClient(env: Pick<AppEnv, "stripeSecretKey" | "stripeEmulatorUrl">): Stripe {
  const emulator = env.stripeEmulatorUrl ? new URL(env.stripeEmulatorUrl) : null;
  const stripe = new Stripe(env.stripeSecretKey, {
    // Pinned to the SDK's own version so the types we compile against describe
    // exactly the objects we receive (webhook endpoints pin the same version).
    apiVersion: Stripe.API_VERSION,
    ...(emulator && {
      host: emulator.hostname,
      port: emulator.port || (emulator.protocol === "https:" ? 443 : 80),
      protocol: emulator.protocol === "https:" ? "https" : "http",
    }),
    // Retries reuse the request's Idempotency-Key, so they never double-charge.
    maxNetworkRetries: 2,
    appInfo: { name: "Payport", version: packageJson.version, url: "https://github.com/payport/payport" },
    telemetry: false,
  });
  const restricted = /^rk_(test|live)_/.exec(env.stripeSecretKey);
  if (restricted) restrictedKeyModes.set(stripe, restricted[1] as "test" | "live");
  return logStripeRequests(stripe);
}

// Clients made with a restricted key (rk_), by mode: only these hold less than every permission.
const restrictedKeyModes = new WeakMap<Stripe, "test" | "live">();

/** The mode of the client's restricted key (rk_test_/rk_live_), or null for a secret key. */
export function restrictedKeyMode(stripe: Stripe): "test" | "live" | null {
  return restrictedKeyModes.get(stripe) ?? null;
}

const globalForStripe = globalThis as unknown as { __payportStripe?: Stripe };

export function getStripe(): Stripe {
  return (globalForStripe.__payportStripe ??= createStripeClient(getEnv()));
}

/** Tests point the app at their own emulator instance. */
export function setStripe(client: Stripe | undefined): void {
  globalForStripe.__payportStripe = client;
}

/**
 * Idempotency key derived from our own records, so a retried or concurrent
 * request for the same record can never create a second object at Stripe:
 * idempotencyKey("order", order.id, "payment_intent") -> "payport:order:<id>:payment_intent".
 */
export function idempotencyKey(...parts: (string | number)[]): string {
  if (parts.length === 0 || parts.some((p) => String(p) === "")) {
    throw new Error("idempotencyKey needs non-empty parts");
  }
  return ["payport", ...parts.map(String)].join(":");
}
