// Which Stripe accounts are ours: the one question behind "may an event that
// names an account be applied?" (lib/webhooks/scope.ts) and any later check of
// an account id. Ours = the platform account our API key belongs to; Stripe
// Connect sellers join here when Payport gets a sellers table.
import type Stripe from "stripe";
import { getStripeAppEnv } from "@/lib/env";
import { getStripe } from "@/lib/stripe/client";

const globalForAccount = globalThis as unknown as { __payportPlatformAccount?: { client: Stripe; id: Promise<string> } };

/**
 * The id of our own Stripe account (acct_…). STRIPE_ACCOUNT_ID when it is set
 * (the Stripe App backend needs it anyway, and a restricted key may lack the
 * Account read permission); otherwise asked once from Stripe (`GET
 * /v1/account`, the key's own account) and kept for the process. A failed
 * lookup is not kept: the next call asks again.
 */
export function platformAccountId(): Promise<string> {
  const app = getStripeAppEnv();
  if (app.configured) return Promise.resolve(app.accountId);
  const stripe = getStripe();
  // Kept per client: a test (or a key change) that swaps the client learns the account again.
  const cached = globalForAccount.__payportPlatformAccount;
  if (cached?.client === stripe) return cached.id;
  const id = stripe.accounts.retrieve(null).then((account) => account.id);
  globalForAccount.__payportPlatformAccount = { client: stripe, id };
  id.catch(() => {
    if (globalForAccount.__payportPlatformAccount?.id === id) globalForAccount.__payportPlatformAccount = undefined;
  });
  return id;
}

/**
 * Whether `accountId` is one of ours: the platform account. The seam for
 * Stripe Connect sellers: when they exist, an account id found in the sellers
 * table is ours too (look it up here, nowhere else).
 */
export async function isOurAccount(accountId: string): Promise<boolean> {
  return accountId === (await platformAccountId());
}
