// Subscription items: resolving their price, building them, and the invoice lines they bill.
import type Stripe from "stripe";
import type { RequestContext } from "../../core/context.ts";
import type { Emulator } from "../../core/emulator.ts";
import { invalidRequest } from "../../core/errors.ts";
import { newId, nowSeconds } from "../../core/ids.ts";
import type { Params } from "../../core/params.ts";
import { storeInlinePrice } from "../../resources/price_data.ts";
import { reference } from "../../resources/shared.ts";
import { usageFor } from "../meters.ts";
import { money, planOf, productName, unitAmount, type LineSpec, type Subscription, type SubscriptionItem } from "../model.ts";

export function resolvePrice(ctx: RequestContext, item: Params, i: number): Stripe.Price {
  if (item.price_data) {
    const pd = item.price_data;
    reference(ctx, "products", pd.product, "product", `items[${i}][price_data][product]`);
    const unit = pd.unit_amount ?? Math.round(Number(pd.unit_amount_decimal ?? 0));
    return storeInlinePrice(ctx, pd, pd.product, unit);
  }
  const id = item.price ?? item.plan;
  if (!id) throw invalidRequest(`Missing required param: items[${i}][price].`, { code: "parameter_missing", param: `items[${i}][price]` });
  const price = reference<Stripe.Price>(ctx, "prices", id, "price", `items[${i}][price]`);
  if (!price.recurring)
    throw invalidRequest(`The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, { param: `items[${i}][price]` });
  return price;
}

export function isMetered(price: Stripe.Price): boolean {
  return price.recurring?.usage_type === "metered";
}

export function makeItem(subId: string, price: Stripe.Price, quantity: number | null, meta: Record<string, string>, period: { start: number; end: number }): SubscriptionItem {
  return {
    id: newId("si"),
    object: "subscription_item",
    billing_thresholds: null,
    created: nowSeconds(),
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata: meta,
    plan: planOf(price),
    price,
    quantity: isMetered(price) ? undefined : (quantity ?? 1),
    subscription: subId,
    tax_rates: [],
  } as unknown as SubscriptionItem;
}

export function licensedAmount(item: SubscriptionItem): number {
  if (isMetered(item.price)) return 0;
  return Math.round(unitAmount(item.price) * (item.quantity ?? 1));
}

export function itemLine(emu: Emulator, sub: Subscription, item: SubscriptionItem, period: { start: number; end: number }, trial: boolean): LineSpec {
  const q = item.quantity ?? 1;
  const name = productName(emu, item.price);
  const r = item.price.recurring!;
  return {
    amount: trial ? 0 : licensedAmount(item),
    description: trial ? `Trial period for ${name}` : `${q} × ${name} (at ${money(unitAmount(item.price), item.price.currency)} / ${r.interval_count > 1 ? `${r.interval_count} ${r.interval}s` : r.interval})`,
    period,
    quantity: q,
    price: item.price,
    proration: false,
    subscription: sub.id,
    subscriptionItem: item.id,
    invoiceItem: null,
  };
}

export function usageLine(emu: Emulator, sub: Subscription, item: SubscriptionItem, period: { start: number; end: number }): LineSpec | null {
  if (!isMetered(item.price) || !item.price.recurring?.meter) return null;
  const usage = usageFor(emu, item.price.recurring.meter, sub.customer as string, period.start, period.end);
  const name = productName(emu, item.price);
  return {
    amount: Math.round(usage * unitAmount(item.price)),
    description: `${usage} × ${name} (at ${money(unitAmount(item.price), item.price.currency)} / ${item.price.recurring.interval})`,
    period,
    quantity: usage,
    price: item.price,
    proration: false,
    subscription: sub.id,
    subscriptionItem: item.id,
    invoiceItem: null,
  };
}
