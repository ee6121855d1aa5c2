// The Content-Security-Policy of every page, built per request by proxy.ts
// with a fresh nonce (Next.js reads it from the request's CSP header and puts
// it on its own scripts). Scripts run only with the nonce, or when a script
// that had it adds them ('strict-dynamic': our bundle injects Stripe.js, or the
// emulator's stand-in in local mode). The Stripe hosts are the ones Stripe
// documents for Stripe.js, the Payment Element and 3-D Secure; in local mode
// the emulator's origin takes their place.

/** Stripe.js, its Elements frames and the 3-D Secure frames (real Stripe only). */
const STRIPE = {
  script: ["https://js.stripe.com", "https://*.js.stripe.com"],
  frame: ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
  connect: ["https://api.stripe.com", "https://m.stripe.network"],
  img: ["https://*.stripe.com"],
};

export type CspOptions = {
  nonce: string;
  /** The emulator's origin in local mode, null with real Stripe. */
  stripeEmulatorUrl: string | null;
  /** `next dev`: React needs eval for its error overlays, and HMR a websocket. */
  dev?: boolean;
  /** Served over HTTPS: ask browsers to upgrade any http:// subresource. */
  https?: boolean;
};

export function contentSecurityPolicy({ nonce, stripeEmulatorUrl, dev = false, https = false }: CspOptions): string {
  const stripe = stripeEmulatorUrl ? localStripe(stripeEmulatorUrl) : STRIPE;
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // The host list is for browsers without 'strict-dynamic' (CSP 2); newer ones go by the nonce alone.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...stripe.script, ...(dev ? ["'unsafe-eval'"] : [])],
    // Stripe.js (and its stand-in) add <style> elements to our page; a nonce here would switch 'unsafe-inline' off.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", ...stripe.img],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'", ...stripe.connect, ...(dev ? ["ws:"] : [])],
    ["frame-src", ...stripe.frame],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

function localStripe(emulatorUrl: string): typeof STRIPE {
  const origin = new URL(emulatorUrl).origin;
  return { script: [origin], frame: [origin], connect: [origin], img: [origin] };
}

/** A fresh, unguessable nonce (128 bits, base64). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
