// Status changes of an invoice (BEHAVIOR §6.2): created, finalized (draft → open), voided and
// marked uncollectible, with their events.
import type Stripe from "stripe";
import type { EventCause } from "../../core/context.ts";
import type { Emulator } from "../../core/emulator.ts";
import { invalidRequest } from "../../core/errors.ts";
import { newId, nowSeconds } from "../../core/ids.ts";
import { createInvoicePaymentIntent } from "../../resources/payment_intent_build.ts";
import { markDiscountUsed } from "../coupons.ts";
import type { Invoice, InvoicePayment } from "../model.ts";
import { invMeta, invoiceHooks } from "./records.ts";
import { computeTotals } from "./build.ts";

export function emitInvoiceCreated(emu: Emulator, cause: EventCause, inv: Invoice): void {
  emu.emit("invoice.created", inv, cause);
}

/**
 * draft → open: number, hosted URLs, customer balance, and (when money is due on an automatically
 * charged invoice) its PaymentIntent and default invoice payment. A $0 invoice is paid at once.
 */
export function finalizeInvoice(emu: Emulator, cause: EventCause, inv: Invoice): Invoice {
  if (inv.status !== "draft") throw invalidRequest("This invoice is already finalized, you can't re-finalize a non-draft invoice.", { code: "invoice_not_editable" } as never);
  const now = nowSeconds();
  const cust = emu.store.get<Stripe.Customer>("customers", inv.customer as string);
  computeTotals(emu, inv, false);
  for (const d of (inv.discounts as string[]) ?? []) if (inv.total_discount_amounts?.some((x) => x.discount === d)) markDiscountUsed(emu, d);
  if (cust) {
    const seq = cust.next_invoice_sequence ?? 1;
    inv.number = `${cust.invoice_prefix}-${String(seq).padStart(4, "0")}`;
    cust.next_invoice_sequence = seq + 1;
    const balance = cust.balance ?? 0;
    inv.starting_balance = balance;
    let due = inv.total;
    let next = balance;
    if (due > 0 && balance < 0) {
      const applied = Math.min(-balance, due);
      due -= applied;
      next += applied;
    }
    if (due < 0) {
      next += due;
      due = 0;
    }
    inv.amount_due = due;
    inv.amount_remaining = due;
    inv.ending_balance = next;
    if (next !== balance) {
      const previous = { balance };
      cust.balance = next;
      emu.store.put("customers", cust);
      emu.emit("customer.updated", cust, cause, previous);
    } else emu.store.put("customers", cust);
  }
  inv.status = "open";
  inv.status_transitions.finalized_at = now;
  inv.effective_at = now;
  inv.webhooks_delivered_at = now;
  inv.hosted_invoice_url = `${emu.baseUrl}/i/${inv.id}`;
  inv.invoice_pdf = `${emu.baseUrl}/i/${inv.id}/pdf`;
  inv.automatically_finalizes_at = null;
  emu.store.put("invoices", inv);
  emu.emit("invoice.finalized", inv, cause);
  if (inv.amount_due === 0) {
    markPaid(emu, cause, inv, null);
    return inv;
  }
  if (inv.collection_method === "charge_automatically") {
    const reason = inv.billing_reason;
    const description =
      reason === "subscription_create" ? "Subscription creation" : reason === "subscription_update" ? "Subscription update" : reason === "subscription_cycle" ? "Subscription cycle" : `Invoice ${inv.number}`;
    const pi = createInvoicePaymentIntent(emu, cause, { amount: inv.amount_due, currency: inv.currency, customer: inv.customer as string, description });
    const payment = {
      id: newId("inpay"),
      object: "invoice_payment",
      amount_paid: null,
      amount_requested: inv.amount_due,
      created: now,
      currency: inv.currency,
      invoice: inv.id,
      is_default: true,
      livemode: false,
      payment: { type: "payment_intent", payment_intent: pi.id },
      status: "open",
      status_transitions: { canceled_at: null, paid_at: null },
    } as unknown as InvoicePayment;
    emu.store.put("invoice_payments", payment);
    Object.assign(invMeta(emu, inv.id), { paymentIntent: pi.id, invoicePayment: payment.id });
    emu.store.meta<{ invoice?: string }>(pi.id).invoice = inv.id;
  }
  return inv;
}

/** open → paid; the default invoice payment becomes paid. Emits Stripe's success events. */
export function markUncollectible(emu: Emulator, cause: EventCause, inv: Invoice): void {
  const previous = { status: inv.status };
  inv.status = "uncollectible";
  inv.status_transitions.marked_uncollectible_at = nowSeconds();
  inv.next_payment_attempt = null;
  inv.auto_advance = false;
  emu.store.put("invoices", inv);
  emu.emit("invoice.marked_uncollectible", inv, cause);
  emu.emit("invoice.updated", inv, cause, previous);
}

export function voidInvoice(emu: Emulator, cause: EventCause, inv: Invoice): void {
  const previous = { status: inv.status };
  inv.status = "void";
  inv.status_transitions.voided_at = nowSeconds();
  inv.next_payment_attempt = null;
  inv.auto_advance = false;
  inv.amount_remaining = 0;
  emu.store.put("invoices", inv);
  const m = invMeta(emu, inv.id);
  const pi = m.paymentIntent ? emu.store.get<Stripe.PaymentIntent>("payment_intents", m.paymentIntent) : undefined;
  if (pi && pi.status !== "succeeded" && pi.status !== "canceled") {
    pi.status = "canceled";
    pi.canceled_at = nowSeconds();
    pi.cancellation_reason = "void_invoice";
    emu.store.put("payment_intents", pi);
    emu.emit("payment_intent.canceled", pi, cause);
  }
  const payment = m.invoicePayment ? emu.store.get<InvoicePayment>("invoice_payments", m.invoicePayment) : undefined;
  if (payment && payment.status === "open") {
    payment.status = "canceled";
    payment.status_transitions.canceled_at = nowSeconds();
    emu.store.put("invoice_payments", payment);
  }
  emu.emit("invoice.voided", inv, cause);
  emu.emit("invoice.updated", inv, cause, previous);
}

export function markPaid(emu: Emulator, cause: EventCause, inv: Invoice, pi: Stripe.PaymentIntent | null, outOfBand = false): void {
  const now = nowSeconds();
  const previous = { status: inv.status, amount_paid: inv.amount_paid, amount_remaining: inv.amount_remaining };
  inv.amount_paid = inv.amount_due;
  inv.amount_remaining = 0;
  inv.status = "paid";
  inv.status_transitions.paid_at = now;
  inv.next_payment_attempt = null;
  inv.auto_advance = false;
  if (pi) {
    inv.attempted = true;
    inv.attempt_count += 1;
  }
  emu.store.put("invoices", inv);
  const m = invMeta(emu, inv.id);
  const payment = m.invoicePayment ? emu.store.get<InvoicePayment>("invoice_payments", m.invoicePayment) : undefined;
  if (payment && (pi || outOfBand)) {
    payment.status = "paid";
    payment.amount_paid = inv.amount_paid;
    payment.status_transitions.paid_at = now;
    emu.store.put("invoice_payments", payment);
    emu.emit("invoice_payment.paid", payment, cause);
  }
  emu.emit("invoice.paid", inv, cause);
  emu.emit("invoice.payment_succeeded", inv, cause);
  if (pi || outOfBand) emu.emit("invoice.updated", inv, cause, previous);
  for (const hook of invoiceHooks.paid) hook(emu, cause, inv);
}
