// `GET /v1/account`: the account the API key belongs to (what `stripe.accounts.retrieve(null)` /
// `retrieveCurrent()` ask to learn "who am I"). One fixed account per emulator: a standard account
// in the US, onboarded, charging and paying out in usd. Connected accounts are not modelled.
import type Stripe from "stripe";
import type { Route } from "../core/context.ts";

/** The emulator's own account id unless `startEmulator({ accountId })` names another: Payport's local-mode account (lib/env.ts). */
export const DEFAULT_ACCOUNT_ID = "acct_local_payport";

/** When the emulator's account was "opened": a fixed time, so the object is the same on every read. */
const OPENED = 1_735_689_600; // 2025-01-01T00:00:00Z

export function ownAccount(id: string): Stripe.Account {
  return {
    id,
    object: "account",
    business_type: "company",
    capabilities: { card_payments: "active", transfers: "active" },
    charges_enabled: true,
    country: "US",
    created: OPENED,
    default_currency: "usd",
    details_submitted: true,
    email: "owner@example.com",
    metadata: {},
    payouts_enabled: true,
    type: "standard",
  };
}

export const accountRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/account",
    schema: {},
    handler: (ctx) => ownAccount(ctx.emu.options.accountId ?? DEFAULT_ACCOUNT_ID),
  },
];
