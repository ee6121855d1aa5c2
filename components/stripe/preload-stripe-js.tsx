// Stripe.js starts downloading with the page's HTML instead of once the page's
// own JavaScript has loaded and asked for it: the payment form is what a
// checkout waits on. The hint names the exact URL our loader
// (lib/stripe/load-stripe.ts) injects later, which then comes from the
// browser's cache. The nonce lets it through the Content-Security-Policy,
// whose 'strict-dynamic' ignores host lists.
import { headers } from "next/headers";
import { preconnect, preload } from "react-dom";
import { type BrowserStripeConfig, stripeJsUrl } from "@/lib/stripe/browser-config";

export async function PreloadStripeJs({ stripeConfig }: { stripeConfig: BrowserStripeConfig }) {
  const url = stripeJsUrl(stripeConfig);
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  preconnect(new URL(url).origin);
  preload(url, { as: "script", nonce });
  return null;
}
