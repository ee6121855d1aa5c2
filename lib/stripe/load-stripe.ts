// Browser-side Stripe.js loader. The `pure` entry loads nothing until
// loadStripe() is called (the default entry injects js.stripe.com on import).
// In local mode the server hands us the emulator's Stripe.js stand-in URL: we
// inject it ourselves, and loadStripe() then uses the window.Stripe it defines.
import { loadStripe } from "@stripe/stripe-js/pure";
import type { Stripe } from "@stripe/stripe-js";

export type BrowserStripeConfig = { publishableKey: string; stripeJsUrl: string | null };

const scripts = new Map<string, Promise<void>>();

function injectScriptOnce(src: string): Promise<void> {
  let loading = scripts.get(src);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = () => resolve();
      script.onerror = () => {
        scripts.delete(src);
        script.remove();
        reject(new Error(`Could not load Stripe.js from ${src}`));
      };
      document.head.appendChild(script);
    });
    scripts.set(src, loading);
  }
  return loading;
}

const instances = new Map<string, Promise<Stripe | null>>();

/** One Stripe instance per key and script, however many components ask. */
export function getStripe({ publishableKey, stripeJsUrl }: BrowserStripeConfig): Promise<Stripe | null> {
  const key = `${publishableKey}|${stripeJsUrl ?? ""}`;
  let instance = instances.get(key);
  if (!instance) {
    instance = (stripeJsUrl ? injectScriptOnce(stripeJsUrl).then(() => loadStripe(publishableKey)) : loadStripe(publishableKey)).catch(
      (error: unknown) => {
        instances.delete(key); // let a retry start from scratch
        throw error;
      },
    );
    instances.set(key, instance);
  }
  return instance;
}
