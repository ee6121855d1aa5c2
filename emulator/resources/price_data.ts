// Prices made from an inline `price_data` (a subscription item's, a Checkout Session line's).
import type Stripe from "stripe";
import type { RequestContext } from "../core/context.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import type { Params } from "../core/params.ts";

/** The inactive Price Stripe makes for an inline `price_data`: stored, with no `price.created` event. */
export function storeInlinePrice(ctx: RequestContext, pd: Params, product: string, unitAmount: number, taxBehavior: Stripe.Price.TaxBehavior = "unspecified"): Stripe.Price {
  const price = {
    id: newId("price"),
    object: "price",
    active: false,
    billing_scheme: "per_unit",
    created: nowSeconds(),
    currency: String(pd.currency).toLowerCase(),
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product,
    recurring: pd.recurring ? { interval: pd.recurring.interval, interval_count: pd.recurring.interval_count ?? 1, meter: null, trial_period_days: null, usage_type: "licensed" } : null,
    tax_behavior: taxBehavior,
    tiers_mode: null,
    transform_quantity: null,
    type: pd.recurring ? "recurring" : "one_time",
    unit_amount: unitAmount,
    unit_amount_decimal: pd.unit_amount_decimal ?? String(unitAmount),
  } as Stripe.Price;
  ctx.emu.store.put("prices", price);
  return price;
}
