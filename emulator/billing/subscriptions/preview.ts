// Invoice previews (`POST /v1/invoices/create_preview`) for a subscription change, without storing
// anything. Registered as the invoices module's preview hook.
import type Stripe from "stripe";
import type { RequestContext } from "../../core/context.ts";
import { invalidRequest } from "../../core/errors.ts";
import { atTime, nowSeconds } from "../../core/ids.ts";
import type { Params } from "../../core/params.ts";
import { reference } from "../../resources/shared.ts";
import { createDiscounts } from "../coupons.ts";
import { buildInvoice, lineFromItem, pendingItems } from "../invoices/build.ts";
import { previewHook } from "../invoices/records.ts";
import { addInterval, clockTime, nextBoundary, type Invoice, type LineSpec, type Subscription } from "../model.ts";
import { resolvePrice, isMetered, makeItem, itemLine, usageLine } from "./items.ts";
import { applyItems, prorationLines, checkProrationDate } from "./proration.ts";

function preview(ctx: RequestContext): Invoice {
  const emu = ctx.emu;
  const p = ctx.params;
  const subId: string | undefined = p.subscription;
  const real = subId ? reference<Subscription>(ctx, "subscriptions", subId, "subscription", "subscription") : null;
  const customerId = p.customer ?? (real?.customer as string | undefined);
  if (!customerId) throw invalidRequest("Missing required param: customer.", { code: "parameter_missing", param: "customer" });
  const cust = reference<Stripe.Customer>(ctx, "customers", customerId, "customer", "customer");
  return atTime(clockTime(emu, cust.id), () => {
    const now = nowSeconds();
    const d: Params = { ...p.subscription_details };
    // `items` arrive untyped (an open object): numbers and booleans as the form sent them.
    if (d.items) d.items = d.items.map((it: Params) => ({ ...it, ...(it.quantity !== undefined && it.quantity !== "" ? { quantity: Number(it.quantity) } : {}), ...(it.deleted !== undefined ? { deleted: it.deleted === true || it.deleted === "true" } : {}) }));
    const extraLines: LineSpec[] = [];
    for (const [i, it] of (p.invoice_items ?? []).entries()) {
      const amount = it.amount !== undefined ? Number(it.amount) : 0;
      if (!Number.isFinite(amount)) throw invalidRequest("Invalid amount", { param: `invoice_items[${i}][amount]` });
      extraLines.push({ amount, description: (it.description as string) ?? "Invoice item", period: { start: now, end: now }, quantity: 1, price: null, proration: false, subscription: null, subscriptionItem: null, invoiceItem: null });
    }
    if (!real) {
      if (d.items?.length) {
        // A new subscription's first invoice.
        const fake = { id: "sub_preview", metadata: {}, currency: "usd", customer: cust.id } as unknown as Subscription;
        const lines = d.items.map((it: Params, i: number) => {
          const price = resolvePrice(ctx, it, i);
          const r = price.recurring!;
          const item = makeItem(fake.id, price, it.quantity ? Number(it.quantity) : 1, {}, { start: now, end: addInterval(now, r.interval, r.interval_count, 1) });
          return itemLine(emu, fake, item, { start: now, end: item.current_period_end }, !!d.trial_end && d.trial_end !== "now");
        });
        const discounts = p.discounts ? previewDiscounts(ctx, p.discounts, cust.id) : [];
        return buildInvoice(emu, { customer: cust, billingReason: "upcoming", lines: [...lines, ...extraLines], period: { start: now, end: now }, discounts, preview: true });
      }
      const lines = pendingItems(emu, cust.id).map((ii) => lineFromItem(emu, ii));
      return buildInvoice(emu, { customer: cust, billingReason: "upcoming", lines: [...lines, ...extraLines], preview: true });
    }
    const sub = JSON.parse(JSON.stringify(real)) as Subscription;
    const behavior: string = d.proration_behavior ?? "create_prorations";
    const at = checkProrationDate({ proration_date: d.proration_date }, sub);
    const { items, changes } = applyItems(ctx, sub, d.items);
    const prorations = behavior === "none" ? [] : prorationLines(emu, sub, changes, at);
    const pending = pendingItems(emu, cust.id, sub.id).map((ii) => lineFromItem(emu, ii));
    const discounts = p.discounts ? previewDiscounts(ctx, p.discounts, cust.id) : [...(sub.discounts as string[])];
    if (changes.length && behavior === "always_invoice") {
      return buildInvoice(emu, { customer: cust, subscription: sub, billingReason: "upcoming", lines: [...pending, ...prorations, ...extraLines], period: { start: at, end: at }, discounts, preview: true, prorationDate: at });
    }
    // The next renewal invoice, with the changes applied.
    const cancels = d.cancel_now || (d.cancel_at_period_end ?? sub.cancel_at_period_end);
    const lines: LineSpec[] = [...pending, ...prorations];
    const item0 = items[0] ?? sub.items.data[0];
    const usagePeriod = { start: item0.current_period_start, end: item0.current_period_end };
    for (const item of items) {
      const usage = usageLine(emu, sub, item, usagePeriod);
      if (usage && sub.status !== "trialing") lines.push(usage);
    }
    if (!cancels) {
      for (const item of items) {
        if (isMetered(item.price)) continue;
        const r = item.price.recurring!;
        const start = item.current_period_end;
        const end = nextBoundary(sub.billing_cycle_anchor, start, r.interval, r.interval_count);
        lines.push(itemLine(emu, sub, item, { start, end }, false));
      }
    }
    return buildInvoice(emu, {
      customer: cust,
      subscription: sub,
      billingReason: "upcoming",
      lines: [...lines, ...extraLines],
      period: usagePeriod,
      discounts,
      preview: true,
      prorationDate: changes.length ? at : null,
    });
  });
}

/** Discounts named on a preview: not redeemed, represented by their coupon through temporary discounts. */
function previewDiscounts(ctx: RequestContext, input: Params[], customer: string): string[] {
  const ids: string[] = [];
  for (const [i, d] of input.entries()) {
    if (d.discount) ids.push(d.discount);
    else {
      const created = createDiscounts(ctx, null, [d], { customer });
      // Undo the redemption: previews change nothing.
      for (const id of created) {
        const disc = ctx.emu.store.get<{ source: { coupon: string }; promotion_code: string | null }>("discounts", id)!;
        const coupon = ctx.emu.store.get<Stripe.Coupon>("coupons", disc.source.coupon);
        if (coupon) coupon.times_redeemed -= 1;
        const promo = disc.promotion_code ? ctx.emu.store.get<Stripe.PromotionCode>("promotion_codes", disc.promotion_code) : undefined;
        if (promo) promo.times_redeemed -= 1;
        ids.push(id);
      }
      void i;
    }
  }
  return ids;
}

previewHook.fn = (ctx) => preview(ctx);
