// Stripe.js starts downloading with the page's HTML instead of once the page's
// own JavaScript has loaded and asked for it: the payment form is what a
// checkout waits on. The links are elements rather than react-dom's
// preload(), whose hints from a server component reach the browser only in the
// page's data, i.e. after hydration. The preload names the exact URL our
// loader (lib/stripe/load-stripe.ts) injects later, which then comes from the
// browser's cache; its nonce lets it through the Content-Security-Policy,
// whose 'strict-dynamic' ignores host lists.
import { headers } from "next/headers";
import { type BrowserStripeConfig, stripeJsUrl } from "@/lib/stripe/browser-config";

export async function PreloadStripeJs({ stripeConfig }: { stripeConfig: BrowserStripeConfig }) {
  const url = stripeJsUrl(stripeConfig);
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <>
      <link rel="preconnect" href={new URL(url).origin} />
      <link rel="preload" as="script" href={url} nonce={nonce} />
    </>
  );
}
