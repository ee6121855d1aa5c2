// What the browser needs to load Stripe.js: the publishable key, and in local
// mode the URL of the emulator's Stripe.js stand-in (null means "load the
// real Stripe.js from js.stripe.com").
import { getEnv } from "@/lib/env";

export type BrowserStripeConfig = { publishableKey: string; stripeJsUrl: string | null };

export function getBrowserStripeConfig(): BrowserStripeConfig {
  const env = getEnv();
  return {
    publishableKey: env.stripePublishableKey,
    stripeJsUrl: env.stripeEmulatorUrl ? `${env.stripeEmulatorUrl}/v3/stripe.js` : null,
  };
}
