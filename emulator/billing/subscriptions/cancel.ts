// Cancelling a subscription now (with optional proration and final invoice), and all of a
// deleted customer's subscriptions.
import type Stripe from "stripe";
import type { EventCause } from "../../core/context.ts";
import type { Emulator } from "../../core/emulator.ts";
import { nowSeconds } from "../../core/ids.ts";
import { attemptPayment } from "../invoices/pay.ts";
import { buildInvoice, lineFromItem, pendingItems } from "../invoices/build.ts";
import { createInvoiceItem } from "../invoices/invoice-items.ts";
import { emitInvoiceCreated, finalizeInvoice } from "../invoices/status.ts";
import { formatDate, productName, type Invoice, type LineSpec, type Subscription } from "../model.ts";
import { customerOf, save, subscriptionOfInvoice } from "./records.ts";
import { licensedAmount, usageLine } from "./items.ts";
import { prorationAmount } from "./proration.ts";

export function cancelNow(emu: Emulator, cause: EventCause, sub: Subscription, opts: { reason?: string; comment?: string | null; feedback?: string | null; prorate?: boolean; invoiceNow?: boolean }): void {
  const now = nowSeconds();
  if (opts.prorate) {
    for (const item of sub.items.data) {
      const credit = prorationAmount(licensedAmount(item), item, now);
      if (credit > 0)
        createInvoiceItem(
          emu,
          cause,
          { customer: sub.customer as string, amount: -credit, currency: sub.currency, description: `Unused time on ${productName(emu, item.price)} after ${formatDate(now)}`, period: { start: now, end: item.current_period_end }, quantity: item.quantity ?? 1 },
          { proration: true, subscription: sub.id, subscriptionItem: item.id, price: item.price },
        );
    }
  }
  sub.status = "canceled";
  sub.canceled_at = sub.canceled_at ?? now;
  sub.ended_at = now;
  sub.cancel_at = sub.cancel_at ?? null;
  sub.cancellation_details = { comment: opts.comment ?? sub.cancellation_details?.comment ?? null, feedback: (opts.feedback ?? sub.cancellation_details?.feedback ?? null) as never, feedback_option: sub.cancellation_details?.feedback_option ?? null, reason: (opts.reason ?? "cancellation_requested") as never } as unknown as Stripe.Subscription.CancellationDetails;
  save(emu, sub);
  for (const inv of emu.store.all<Invoice>("invoices")) {
    if (inv.status === "open" && subscriptionOfInvoice(emu, inv)?.id === sub.id) {
      inv.auto_advance = false;
      inv.next_payment_attempt = null;
      emu.store.put("invoices", inv);
    }
  }
  if (opts.invoiceNow) {
    const lines: LineSpec[] = [];
    for (const item of sub.items.data) {
      const usage = usageLine(emu, sub, item, { start: item.current_period_start, end: now });
      if (usage && usage.amount) lines.push(usage);
    }
    for (const ii of pendingItems(emu, sub.customer as string, sub.id)) lines.push(lineFromItem(emu, ii));
    if (lines.length) {
      const inv = buildInvoice(emu, { customer: customerOf(emu, sub), subscription: sub, billingReason: "subscription_cycle", lines, period: { start: sub.items.data[0]?.current_period_start ?? now, end: now } });
      sub.latest_invoice = inv.id;
      save(emu, sub);
      emitInvoiceCreated(emu, cause, inv);
      finalizeInvoice(emu, cause, inv);
      if (inv.status === "open") attemptPayment(emu, cause, inv, { automatic: false });
    }
  }
  emu.emit("customer.subscription.deleted", sub, cause);
}

/** Customer deletion cancels the customer's subscriptions (BEHAVIOR §4.1). */
export function cancelCustomerSubscriptions(emu: Emulator, cause: EventCause, customerId: string): void {
  for (const sub of emu.store.all<Subscription>("subscriptions")) {
    if (sub.customer === customerId && sub.status !== "canceled" && sub.status !== "incomplete_expired") cancelNow(emu, cause, sub, { reason: "cancellation_requested" });
  }
}
