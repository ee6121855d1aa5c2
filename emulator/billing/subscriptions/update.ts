// Updating a subscription: items with prorations, trial, cancel at period end, pause and resume.
import type Stripe from "stripe";
import type { RequestContext } from "../../core/context.ts";
import { invalidRequest } from "../../core/errors.ts";
import { nowSeconds } from "../../core/ids.ts";
import { mergeMetadata } from "../../core/params.ts";
import { reference } from "../../resources/shared.ts";
import { createDiscounts } from "../coupons.ts";
import { attemptPayment } from "../invoices/pay.ts";
import { buildInvoice, lineFromItem, pendingItems } from "../invoices/build.ts";
import { createInvoiceItem } from "../invoices/invoice-items.ts";
import { emitInvoiceCreated, finalizeInvoice } from "../invoices/status.ts";
import { addInterval, type Invoice, type Subscription } from "../model.ts";
import { subMeta, customerOf, save, snapshotItems, parseTrialEnd, setStatus, trialSettings, subscriptionInvoiceSettings } from "./records.ts";
import { isMetered, itemLine } from "./items.ts";
import { applyItems, prorationLines, checkProrationDate } from "./proration.ts";

export function updateSubscription(ctx: RequestContext, sub: Subscription): Subscription {
  const emu = ctx.emu;
  const p = ctx.params;
  if (sub.status === "canceled" || sub.status === "incomplete_expired") {
    const allowed = Object.keys(p).every((k) => k === "metadata" || k === "cancellation_details" || k === "expand");
    if (!allowed) throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.", {});
  }
  const now = nowSeconds();
  const previous: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => {
    const cur = (sub as unknown as Record<string, unknown>)[k];
    if (JSON.stringify(cur) === JSON.stringify(v)) return;
    if (!(k in previous)) previous[k] = cur === undefined ? null : JSON.parse(JSON.stringify(cur));
    (sub as unknown as Record<string, unknown>)[k] = v;
  };
  const cust = customerOf(emu, sub);
  if (p.default_payment_method !== undefined) {
    if (p.default_payment_method) {
      const pm = reference<Stripe.PaymentMethod>(ctx, "payment_methods", p.default_payment_method, "PaymentMethod", "default_payment_method");
      if (pm.customer !== cust.id)
        throw invalidRequest(`The customer does not have a payment method with the ID ${pm.id}. The payment method must be attached to the customer.`, { param: "default_payment_method" });
    }
    set("default_payment_method", p.default_payment_method);
  }
  if (p.metadata !== undefined) set("metadata", mergeMetadata(sub.metadata, p.metadata));
  if (p.description !== undefined) set("description", p.description);
  if (p.collection_method) set("collection_method", p.collection_method);
  if (p.days_until_due !== undefined) set("days_until_due", p.days_until_due);
  if (p.cancellation_details) set("cancellation_details", { ...sub.cancellation_details, ...p.cancellation_details });
  if (p.payment_settings?.save_default_payment_method) {
    set("payment_settings", { ...sub.payment_settings, save_default_payment_method: p.payment_settings.save_default_payment_method });
    subMeta(emu, sub.id).saveDefaultPaymentMethod = p.payment_settings.save_default_payment_method === "on_subscription";
  }
  if (p.trial_settings) set("trial_settings", trialSettings(p.trial_settings));
  if (p.invoice_settings) set("invoice_settings", subscriptionInvoiceSettings(sub.invoice_settings, p.invoice_settings));
  if (p.pause_collection !== undefined) set("pause_collection", p.pause_collection ? { behavior: p.pause_collection.behavior, resumes_at: p.pause_collection.resumes_at ?? null } : null);
  if (p.discounts !== undefined) set("discounts", p.discounts ? createDiscounts(ctx, ctx, p.discounts, { customer: cust.id, subscription: sub.id }) : []);
  const periodEnd = sub.items.data[0]?.current_period_end ?? now;
  if (p.cancel_at_period_end !== undefined && p.cancel_at_period_end !== null) {
    if (p.cancel_at_period_end) {
      set("cancel_at_period_end", true);
      set("cancel_at", periodEnd);
      set("canceled_at", now);
    } else {
      set("cancel_at_period_end", false);
      set("cancel_at", null);
      set("canceled_at", null);
    }
  }
  if (p.cancel_at !== undefined) {
    if (p.cancel_at === null) {
      set("cancel_at", null);
      set("cancel_at_period_end", false);
      set("canceled_at", null);
    } else {
      const at = p.cancel_at === "min_period_end" || p.cancel_at === "max_period_end" ? periodEnd : Number(p.cancel_at);
      if (!Number.isFinite(at)) throw invalidRequest("Invalid cancel_at", { param: "cancel_at" });
      set("cancel_at", at);
      set("cancel_at_period_end", at === periodEnd);
      set("canceled_at", now);
    }
  }
  // Items and prorations.
  const prorationBehavior: string = p.proration_behavior ?? "create_prorations";
  const at = checkProrationDate(p, sub);
  const { items, changes } = applyItems(ctx, sub, p.items);
  const te = parseTrialEnd(p.trial_end);
  let newInvoice: Invoice | null = null;
  const intervalChanged = changes.some((c) => c.before && c.after && (c.before.price.recurring!.interval !== c.after.price.recurring!.interval || c.before.price.recurring!.interval_count !== c.after.price.recurring!.interval_count));
  const resetAnchor = p.billing_cycle_anchor?.type === "now" || intervalChanged || te === "now";
  if (changes.length || resetAnchor) {
    previous.items = snapshotItems(sub);
    const lines = prorationBehavior === "none" ? [] : prorationLines(emu, sub, changes, at);
    if (resetAnchor) {
      // A new cycle starts now and is invoiced at once (credit for unused time included).
      const endedTrial = sub.status === "trialing";
      const r = items[0].price.recurring!;
      const end = addInterval(now, r.interval, r.interval_count, 1);
      for (const it of items) ((it.current_period_start = now), (it.current_period_end = end));
      set("billing_cycle_anchor", now);
      if (endedTrial) {
        set("trial_end", now);
        set("status", "active");
      }
      const credits = endedTrial || prorationBehavior === "none" ? [] : prorationLines(emu, sub, sub.items.data.map((b) => ({ before: b, after: null })), now);
      sub.items.data = items;
      const fresh = items.filter((it) => !isMetered(it.price)).map((it) => itemLine(emu, sub, it, { start: now, end }, false));
      const pending = pendingItems(emu, cust.id, sub.id).map((ii) => lineFromItem(emu, ii));
      newInvoice = buildInvoice(emu, { customer: cust, subscription: sub, billingReason: "subscription_update", lines: [...pending, ...credits, ...fresh], period: { start: now, end: now }, discounts: [...(sub.discounts as string[])] });
    } else {
      sub.items.data = items;
      if (lines.length && prorationBehavior !== "none") {
        const created = lines.map((l) =>
          createInvoiceItem(
            emu,
            ctx,
            { customer: cust.id, amount: l.amount, currency: sub.currency, description: l.description, period: l.period, quantity: l.quantity ?? 1 },
            { proration: true, subscription: sub.id, subscriptionItem: l.subscriptionItem, price: l.price },
          ),
        );
        if (prorationBehavior === "always_invoice") {
          const pending = pendingItems(emu, cust.id, sub.id);
          void created;
          newInvoice = buildInvoice(emu, {
            customer: cust,
            subscription: sub,
            billingReason: "subscription_update",
            lines: pending.map((ii) => lineFromItem(emu, ii)),
            period: { start: at, end: at },
            discounts: [...(sub.discounts as string[])],
            prorationDate: at,
          });
        }
      }
    }
  } else if (typeof te === "number" && sub.status === "trialing") {
    set("trial_end", te);
    for (const it of sub.items.data) it.current_period_end = te;
    set("billing_cycle_anchor", te);
  }
  if (newInvoice) set("latest_invoice", newInvoice.id);
  save(emu, sub);
  if (Object.keys(previous).length) emu.emit("customer.subscription.updated", sub, ctx, previous);
  if (newInvoice) {
    emitInvoiceCreated(emu, ctx, newInvoice);
    finalizeInvoice(emu, ctx, newInvoice);
    const behavior = p.payment_behavior ?? "allow_incomplete";
    if (newInvoice.status === "open") {
      if (behavior === "default_incomplete") {
        if (sub.status === "active") setStatus(emu, ctx, sub, "past_due");
      } else {
        const error = attemptPayment(emu, ctx, newInvoice, { automatic: false, offSession: p.off_session ?? true });
        if (error && behavior === "error_if_incomplete") throw error;
      }
    }
  }
  return sub;
}
