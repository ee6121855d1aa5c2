// Time-driven transitions a test clock runs (BEHAVIOR §6.6–6.9): renewals, trial end, expiry of
// incomplete subscriptions, draft finalization and dunning retries.
import type { Emulator } from "../../core/emulator.ts";
import { nowSeconds } from "../../core/ids.ts";
import { attemptPayment } from "../invoices/pay.ts";
import { buildInvoice, lineFromItem, pendingItems } from "../invoices/build.ts";
import { emitInvoiceCreated, finalizeInvoice, markUncollectible, voidInvoice } from "../invoices/status.ts";
import { invMeta } from "../invoices/records.ts";
import { nextBoundary, type Invoice, type LineSpec, type Subscription, type SubscriptionItem } from "../model.ts";
import { billingSettings } from "../../core/billing-settings.ts";
import { subMeta, customerOf, save, snapshotItems, hasPaymentMethod, setStatus, maybeTrialWillEnd, subscriptionOfInvoice } from "./records.ts";
import { isMetered, itemLine, usageLine } from "./items.ts";
import { cancelNow } from "./cancel.ts";

export interface DueAction {
  at: number;
  run: () => void;
}

/** Everything a clock must run next for one customer's subscriptions and invoices, earliest first. */
export function dueActions(emu: Emulator, clockId: string): DueAction[] {
  const settings = billingSettings(emu);
  const out: DueAction[] = [];
  for (const sub of emu.store.all<Subscription>("subscriptions")) {
    if (sub.test_clock !== clockId) continue;
    const item = sub.items.data[0];
    if (sub.status === "incomplete") {
      out.push({ at: sub.created + settings.incomplete_expiry_seconds, run: () => expire(emu, sub) });
      continue;
    }
    if (sub.status === "trialing" && sub.trial_end) {
      const m = subMeta(emu, sub.id);
      if (m.trialWillEndSent !== sub.trial_end) out.push({ at: Math.max(sub.trial_end - settings.trial_will_end_seconds, sub.created), run: () => maybeTrialWillEnd(emu, null, sub) });
    }
    if (["active", "trialing", "past_due", "unpaid"].includes(sub.status) && item) {
      if (sub.cancel_at && sub.cancel_at <= item.current_period_end) out.push({ at: sub.cancel_at, run: () => cancelNow(emu, null, sub, { reason: "cancellation_requested" }) });
      else out.push({ at: item.current_period_end, run: () => renew(emu, sub) });
    }
  }
  for (const inv of emu.store.all<Invoice>("invoices")) {
    if (inv.test_clock !== clockId) continue;
    const m = invMeta(emu, inv.id);
    if (inv.status === "draft" && m.finalizeAt) out.push({ at: m.finalizeAt, run: () => advanceDraft(emu, inv) });
    else if (inv.status === "open" && inv.next_payment_attempt && inv.auto_advance) out.push({ at: inv.next_payment_attempt, run: () => retry(emu, inv) });
  }
  return out.sort((a, b) => a.at - b.at);
}

function expire(emu: Emulator, sub: Subscription): void {
  const inv = sub.latest_invoice ? emu.store.get<Invoice>("invoices", sub.latest_invoice as string) : undefined;
  if (inv && inv.status === "open") voidInvoice(emu, null, inv);
  setStatus(emu, null, sub, "incomplete_expired", { ended_at: nowSeconds() });
}

/** Period end (or trial end): advance item periods, create the cycle invoice (finalized an hour later). */
function renew(emu: Emulator, sub: Subscription): void {
  const now = nowSeconds();
  const cust = customerOf(emu, sub);
  const previous: Record<string, unknown> = { items: snapshotItems(sub), latest_invoice: sub.latest_invoice };
  const trialEnding = sub.status === "trialing";
  if (trialEnding && !hasPaymentMethod(emu, sub, cust)) {
    const behavior = sub.trial_settings?.end_behavior?.missing_payment_method ?? "create_invoice";
    if (behavior === "cancel") return cancelNow(emu, null, sub, { reason: "cancellation_requested" });
    if (behavior === "pause") {
      setStatus(emu, null, sub, "paused");
      emu.emit("customer.subscription.paused", sub, null);
      return;
    }
  }
  const lines: LineSpec[] = [];
  for (const item of sub.items.data) {
    const usage = usageLine(emu, sub, item, { start: item.current_period_start, end: item.current_period_end });
    if (usage && !trialEnding) lines.push(usage);
  }
  const anchor = sub.billing_cycle_anchor;
  for (const item of sub.items.data) {
    const r = item.price.recurring!;
    const start = item.current_period_end;
    item.current_period_start = start;
    item.current_period_end = nextBoundary(anchor, start, r.interval, r.interval_count);
  }
  for (const item of sub.items.data) if (!isMetered(item.price)) lines.push(itemLine(emu, sub, item, { start: item.current_period_start, end: item.current_period_end }, false));
  for (const ii of pendingItems(emu, cust.id, sub.id)) lines.push(lineFromItem(emu, ii));
  const periodStart = previous.items ? ((previous.items as { data: SubscriptionItem[] }).data[0]?.current_period_start ?? now) : now;
  const inv = buildInvoice(emu, {
    customer: cust,
    subscription: sub,
    billingReason: "subscription_cycle",
    lines,
    period: { start: periodStart, end: now },
    discounts: [...(sub.discounts as string[])],
  });
  invMeta(emu, inv.id).finalizeAt = now + billingSettings(emu).finalize_delay_seconds;
  inv.automatically_finalizes_at = now + billingSettings(emu).finalize_delay_seconds;
  emu.store.put("invoices", inv);
  sub.latest_invoice = inv.id;
  if (trialEnding) previous.status = sub.status;
  if (trialEnding) sub.status = "active";
  save(emu, sub);
  emitInvoiceCreated(emu, null, inv);
  emu.emit("customer.subscription.updated", sub, null, previous);
}

function advanceDraft(emu: Emulator, inv: Invoice): void {
  delete invMeta(emu, inv.id).finalizeAt;
  const sub = subscriptionOfInvoice(emu, inv);
  if (sub?.pause_collection?.behavior === "keep_as_draft") {
    // Collection paused: the invoice stays a draft and is never advanced automatically.
    inv.auto_advance = false;
    inv.automatically_finalizes_at = null;
    emu.store.put("invoices", inv);
    return;
  }
  finalizeInvoice(emu, null, inv);
  if (inv.status !== "open" || inv.collection_method !== "charge_automatically") return;
  if (sub && sub.status === "unpaid") {
    inv.auto_advance = false;
    emu.store.put("invoices", inv);
    return;
  }
  const paused = sub?.pause_collection?.behavior;
  if (paused === "void") return voidInvoice(emu, null, inv);
  if (paused === "mark_uncollectible") return markUncollectible(emu, null, inv);
  attemptPayment(emu, null, inv, { automatic: true });
}

function retry(emu: Emulator, inv: Invoice): void {
  inv.next_payment_attempt = null;
  emu.store.put("invoices", inv);
  attemptPayment(emu, null, inv, { automatic: true });
}
