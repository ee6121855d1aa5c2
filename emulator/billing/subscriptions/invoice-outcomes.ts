// How a subscription reacts to its invoices being paid or failing, and to its pending
// SetupIntent succeeding. Registered as hooks so invoices and SetupIntents need not import us.
import type Stripe from "stripe";
import { atTime, nowSeconds } from "../../core/ids.ts";
import { setupIntentHooks } from "../../resources/setup_intents.ts";
import { invMeta, invoiceHooks } from "../invoices/records.ts";
import { clockTime, type Invoice, type Subscription } from "../model.ts";
import { billingSettings } from "../../core/billing-settings.ts";
import { subMeta, save, setStatus, subscriptionOfInvoice } from "./records.ts";
import { cancelNow } from "./cancel.ts";

invoiceHooks.paid.push((emu, cause, inv) => {
  const sub = subscriptionOfInvoice(emu, inv);
  if (!sub) return;
  const extra: Record<string, unknown> = {};
  const pid = invMeta(emu, inv.id).paymentIntent;
  const pi = pid ? emu.store.get<Stripe.PaymentIntent>("payment_intents", pid) : undefined;
  if (pi?.payment_method && subMeta(emu, sub.id).saveDefaultPaymentMethod && sub.default_payment_method !== pi.payment_method) extra.default_payment_method = pi.payment_method;
  const openLeft = emu.store.all<Invoice>("invoices").some((i) => i.id !== inv.id && i.status === "open" && subscriptionOfInvoice(emu, i)?.id === sub.id);
  let status = sub.status;
  if ((sub.status === "incomplete" || sub.status === "past_due" || sub.status === "unpaid") && !openLeft) status = sub.trial_end && sub.trial_end > nowSeconds() ? "trialing" : "active";
  if (status !== sub.status || Object.keys(extra).length) setStatus(emu, cause, sub, status, extra);
});

invoiceHooks.paymentFailed.push((emu, cause, inv, automatic, exhausted) => {
  const sub = subscriptionOfInvoice(emu, inv);
  if (!sub || sub.status === "canceled" || sub.status === "incomplete_expired") return;
  if (inv.billing_reason === "subscription_create") return; // stays incomplete
  if (sub.status === "active" || sub.status === "trialing") setStatus(emu, cause, sub, "past_due");
  if (automatic && exhausted) {
    const action = subMeta(emu, sub.id).finalAction ?? billingSettings(emu).final_action;
    if (action === "cancel") cancelNow(emu, cause, sub, { reason: "payment_failed" });
    else if (action === "unpaid") setStatus(emu, cause, sub, "unpaid");
  }
});

setupIntentHooks.succeeded.push((emu, si, cause) => {
  const subId = emu.store.meta<{ subscription?: string }>(si.id).subscription;
  const sub = subId ? emu.store.get<Subscription>("subscriptions", subId) : undefined;
  if (!sub || sub.pending_setup_intent !== si.id) return;
  atTime(clockTime(emu, sub.customer as string), () => {
    const previous: Record<string, unknown> = { pending_setup_intent: si.id, default_payment_method: sub.default_payment_method };
    sub.pending_setup_intent = null;
    sub.default_payment_method = si.payment_method as string;
    save(emu, sub);
    emu.emit("customer.subscription.updated", sub, cause, previous);
  });
});
