// The account balance (`GET /v1/balance`) and the balance transactions behind it
// (`GET /v1/balance_transactions`). Balance transactions are created by charges, refunds and
// disputes (resources/charges.ts, refunds.ts, dispute_lifecycle.ts); the balance sums their `net`
// per currency, split by `status` (`available` / `pending`).
import type Stripe from "stripe";
import type { Route } from "../core/context.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { createdFilter, listParams, str } from "../core/params.ts";

/** The account's default currency: always listed, as Stripe lists it with a zero amount. */
const ACCOUNT_CURRENCY = "usd";

type Amounts = { amount: number; currency: string; source_types: { card: number } }[];

function byCurrency(txns: Stripe.BalanceTransaction[]): Amounts {
  const sums = new Map<string, number>([[ACCOUNT_CURRENCY, 0]]);
  for (const t of txns) sums.set(t.currency, (sums.get(t.currency) ?? 0) + t.net);
  return [...sums].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } }));
}

export const balanceRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/balance",
    schema: {},
    handler(ctx) {
      const txns = ctx.emu.store.all<Stripe.BalanceTransaction>("balance_transactions");
      return {
        object: "balance",
        available: byCurrency(txns.filter((t) => t.status === "available")),
        livemode: false,
        pending: byCurrency(txns.filter((t) => t.status !== "available")),
      } satisfies Stripe.Balance;
    },
  },
  {
    method: "GET",
    path: "/v1/balance_transactions",
    schema: { ...listParams, type: str(), source: str(), currency: str(), payout: str(), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<Stripe.BalanceTransaction>("balance_transactions")
        .filter(
          (t) =>
            (!p.type || t.type === p.type) &&
            (!p.source || t.source === p.source) &&
            (!p.currency || t.currency === String(p.currency).toLowerCase()) &&
            // No payouts are modelled: a payout filter matches no transaction.
            !p.payout &&
            matchesCreated(t.created, p.created),
        );
      return paginate(items, p, "/v1/balance_transactions");
    },
  },
];
