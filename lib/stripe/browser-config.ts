// What the browser needs to load Stripe.js: the publishable key, and in local
// mode the URL of the emulator's Stripe.js stand-in (null means "load the
// real Stripe.js from js.stripe.com").
import { getEnv } from "@/lib/env";

export type BrowserStripeConfig = { publishableKey: string; stripeJsUrl: string | null };

/**
 * What @stripe/stripe-js/pure injects when no stand-in is configured: Stripe.js
 * of the release train of our pinned API version (2026-10-28.endive).
 */
export const STRIPE_JS_URL = "https://js.stripe.com/endive/stripe.js";

/** The Stripe.js the browser will load for this configuration. */
export function stripeJsUrl(config: BrowserStripeConfig): string {
  return config.stripeJsUrl ?? STRIPE_JS_URL;
}

export function getBrowserStripeConfig(): BrowserStripeConfig {
  const env = getEnv();
  return {
    publishableKey: env.stripePublishableKey,
    stripeJsUrl: env.stripeEmulatorUrl ? `${env.stripeEmulatorUrl}/v3/stripe.js` : null,
  };
}
