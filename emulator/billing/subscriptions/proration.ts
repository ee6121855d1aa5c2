// Prorations (BEHAVIOR §6.5): applying items[] to a subscription and the credit/debit lines
// that a mid-period change produces.
import type { RequestContext } from "../../core/context.ts";
import type { Emulator } from "../../core/emulator.ts";
import { invalidRequest } from "../../core/errors.ts";
import { nowSeconds } from "../../core/ids.ts";
import { mergeMetadata, type Params } from "../../core/params.ts";
import { formatDate, planOf, productName, type LineSpec, type Subscription, type SubscriptionItem } from "../model.ts";
import { resolvePrice, isMetered, makeItem, licensedAmount } from "./items.ts";

export function prorationAmount(amount: number, item: { current_period_start: number; current_period_end: number }, at: number): number {
  const start = item.current_period_start;
  const end = item.current_period_end;
  if (at >= end || end <= start) return 0;
  const from = Math.max(at, start);
  return Math.round((amount * (end - from)) / (end - start));
}

interface ItemChange {
  before: SubscriptionItem | null;
  after: SubscriptionItem | null;
}

/** Applies `items[]` to a copy of the subscription's items; returns the new list and what changed. */
export function applyItems(ctx: RequestContext, sub: Subscription, input: Params[] | undefined): { items: SubscriptionItem[]; changes: ItemChange[] } {
  const items: SubscriptionItem[] = sub.items.data.map((it) => ({ ...it }));
  const changes: ItemChange[] = [];
  const period = { start: sub.items.data[0]?.current_period_start ?? nowSeconds(), end: sub.items.data[0]?.current_period_end ?? nowSeconds() };
  (input ?? []).forEach((it, i) => {
    if (it.id) {
      const at = items.findIndex((x) => x.id === it.id);
      if (at === -1) throw invalidRequest(`No such subscription item: '${it.id}'`, { code: "resource_missing", param: `items[${i}][id]` });
      const before = items[at];
      if (it.deleted) {
        items.splice(at, 1);
        changes.push({ before, after: null });
        return;
      }
      const price = it.price || it.price_data || it.plan ? resolvePrice(ctx, it, i) : before.price;
      const quantity = isMetered(price) ? undefined : (it.quantity ?? (price.id === before.price.id ? before.quantity : (before.quantity ?? 1)));
      const after = { ...before, price, plan: planOf(price), quantity, metadata: it.metadata !== undefined ? mergeMetadata(before.metadata, it.metadata) : before.metadata } as SubscriptionItem;
      items[at] = after;
      if (price.id !== before.price.id || quantity !== before.quantity) changes.push({ before, after });
    } else {
      const price = resolvePrice(ctx, it, i);
      const existing = items.find((x) => x.price.id === price.id);
      if (existing) throw invalidRequest(`Cannot add multiple subscription items with the same price: ${price.id}`, { param: `items[${i}][price]` });
      const after = makeItem(sub.id, price, it.quantity ?? 1, mergeMetadata({}, it.metadata), period);
      items.push(after);
      changes.push({ before: null, after });
    }
  });
  return { items, changes };
}

/** One credit (unused time) or debit (remaining time) line for an item changed at `at`. */
function prorationLine(emu: Emulator, sub: Subscription, item: SubscriptionItem, amount: number, label: "Unused time" | "Remaining time", at: number, period: { start: number; end: number }): LineSpec {
  const quantity = item.quantity && item.quantity > 1 ? `${item.quantity} × ` : "";
  return {
    amount,
    description: `${label} on ${quantity}${productName(emu, item.price)} after ${formatDate(at)}`,
    period,
    quantity: item.quantity ?? 1,
    price: item.price,
    proration: true,
    subscription: sub.id,
    subscriptionItem: item.id,
    invoiceItem: null,
  };
}

export function prorationLines(emu: Emulator, sub: Subscription, changes: ItemChange[], at: number): LineSpec[] {
  if (sub.status === "trialing") return [];
  const out: LineSpec[] = [];
  for (const c of changes) {
    const ref = c.before ?? c.after!;
    const period = { start: at, end: ref.current_period_end };
    if (c.before && !isMetered(c.before.price)) {
      const credit = prorationAmount(licensedAmount(c.before), c.before, at);
      if (credit) out.push(prorationLine(emu, sub, c.before, -credit, "Unused time", at, period));
    }
    if (c.after && !isMetered(c.after.price)) {
      const debit = prorationAmount(licensedAmount(c.after), ref, at);
      if (debit) out.push(prorationLine(emu, sub, c.after, debit, "Remaining time", at, period));
    }
  }
  return out;
}

export function checkProrationDate(p: Params, sub: Subscription): number {
  const now = nowSeconds();
  const at = p.proration_date ?? now;
  const item = sub.items.data[0];
  if (p.proration_date !== undefined && item && (at < item.current_period_start || at > item.current_period_end))
    throw invalidRequest("proration_date must be within the current billing period.", { param: "proration_date" });
  return at;
}
