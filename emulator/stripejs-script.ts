// The Stripe.js stand-in served at GET /v3/stripe.js: the files of stripejs/ are consecutive pieces
// of one browser script (one IIFE), concatenated in this order and read once.
import { readFile } from "node:fs/promises";

export const STRIPE_JS_PARTS = [
  "prelude.js",
  "errors-and-forms.js",
  "test-cards.js",
  "card-validation.js",
  "appearance.js",
  "payment-element-state.js",
  "payment-element-view.js",
  "payment-element-api.js",
  "three-d-secure.js",
  "stripe-http.js",
  "elements-group.js",
  "confirm.js",
  "stripe-api.js",
] as const;

let script: Promise<Buffer | null> | null = null;

async function concatenate(): Promise<Buffer | null> {
  try {
    return Buffer.concat(await Promise.all(STRIPE_JS_PARTS.map((part) => readFile(new URL(`./stripejs/${part}`, import.meta.url)))));
  } catch {
    return null;
  }
}

/** The whole stand-in script, or null when its files are absent. */
export function stripeJsScript(): Promise<Buffer | null> {
  script ??= concatenate();
  return script;
}
