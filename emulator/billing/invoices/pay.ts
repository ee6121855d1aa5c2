// Paying an invoice through a PaymentIntent (BEHAVIOR §6.3, §6.9): attempts, their outcome via the
// PaymentIntent hooks, failures and dunning bookkeeping, and the includable fields about payment.
import type Stripe from "stripe";
import type { EventCause } from "../../core/context.ts";
import type { Emulator } from "../../core/emulator.ts";
import { ApiError, invalidRequest } from "../../core/errors.ts";
import { registerIncludable } from "../../core/expand.ts";
import { atTime, nowSeconds } from "../../core/ids.ts";
import { confirmPaymentIntent } from "../../resources/payment_intent_confirm.ts";
import { paymentIntentHooks } from "../../resources/payment_intent_records.ts";
import { clockTime, type Invoice, type InvoiceMeta, type InvoicePayment } from "../model.ts";
import { billingSettings } from "../../core/billing-settings.ts";
import { defaultPaymentMethod, invoiceHooks, invMeta } from "./records.ts";
import { markPaid, markUncollectible } from "./status.ts";

/**
 * Attempts to collect an open invoice on the server (renewals, retries, `pay`). The outcome is
 * applied by the PaymentIntent hooks; a decline is returned (not thrown).
 */
export function attemptPayment(emu: Emulator, cause: EventCause, inv: Invoice, opts: { automatic: boolean; paymentMethod?: string | null; offSession?: boolean }): ApiError | null {
  if (inv.status !== "open") return null;
  if (inv.amount_remaining === 0) {
    markPaid(emu, cause, inv, null);
    return null;
  }
  const m = invMeta(emu, inv.id);
  const pi = m.paymentIntent ? emu.store.get<Stripe.PaymentIntent>("payment_intents", m.paymentIntent) : undefined;
  const pm = opts.paymentMethod ?? defaultPaymentMethod(emu, inv);
  if (!pi || !pm) {
    m.automatic = opts.automatic;
    try {
      recordFailure(emu, cause, inv);
    } finally {
      m.automatic = false;
    }
    return invalidRequest("This customer has no attached payment source or default payment method. Please consider adding a default payment method.", {});
  }
  m.automatic = opts.automatic;
  try {
    confirmPaymentIntent(emu, cause, pi, { payment_method: pm, off_session: opts.offSession === false ? undefined : "true" }, emu.baseUrl);
    return null;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  } finally {
    m.automatic = false;
  }
}

/** A failed attempt: attempt_count, retry schedule, `invoice.payment_failed`, subscription hooks. */
function recordFailure(emu: Emulator, cause: EventCause, inv: Invoice): void {
  const m = invMeta(emu, inv.id);
  const automatic = !!m.automatic;
  inv.attempted = true;
  inv.attempt_count += 1;
  let exhausted = false;
  if (automatic) {
    const settings = billingSettings(emu);
    const retries = m.retries ?? 0;
    if (retries < settings.retry_days.length) {
      inv.next_payment_attempt = nowSeconds() + Math.round(settings.retry_days[retries] * 86400);
      m.retries = retries + 1;
    } else {
      inv.next_payment_attempt = null;
      exhausted = true;
    }
  }
  emu.store.put("invoices", inv);
  const pid = m.paymentIntent;
  const pi = pid ? emu.store.get<Stripe.PaymentIntent>("payment_intents", pid) : undefined;
  if (pi?.last_payment_error?.code === "authentication_required") emu.emit("invoice.payment_action_required", inv, cause);
  emu.emit("invoice.payment_failed", inv, cause);
  for (const hook of invoiceHooks.paymentFailed) hook(emu, cause, inv, automatic, exhausted);
  if (exhausted && billingSettings(emu).invoice_final_action === "uncollectible" && inv.status === "open") markUncollectible(emu, cause, inv);
}

function invoiceOfPaymentIntent(emu: Emulator, pi: Stripe.PaymentIntent): Invoice | undefined {
  const id = emu.store.meta<{ invoice?: string }>(pi.id).invoice;
  return id ? emu.store.get<Invoice>("invoices", id) : undefined;
}

paymentIntentHooks.succeeded.push((emu, pi, cause) => {
  const inv = invoiceOfPaymentIntent(emu, pi);
  if (!inv || (inv.status !== "open" && inv.status !== "uncollectible")) return;
  atTime(clockTime(emu, inv.customer as string), () => markPaid(emu, cause, inv, pi));
});

paymentIntentHooks.failed.push((emu, pi, cause) => {
  const inv = invoiceOfPaymentIntent(emu, pi);
  if (!inv || inv.status !== "open") return;
  atTime(clockTime(emu, inv.customer as string), () => recordFailure(emu, cause, inv));
});

registerIncludable("invoice", "confirmation_secret", (object, store) => {
  const pid = store.meta<InvoiceMeta>(object.id as string).paymentIntent;
  const pi = pid ? store.get<Stripe.PaymentIntent>("payment_intents", pid) : undefined;
  if (!pi || object.status !== "open") return null;
  return { client_secret: pi.client_secret, type: "payment_intent" };
});

registerIncludable("invoice", "payments", (object, store) => {
  const data = store.all<InvoicePayment>("invoice_payments").filter((p) => p.invoice === object.id);
  return { object: "list", data, has_more: false, url: `/v1/invoice_payments?invoice=${object.id as string}` };
});
