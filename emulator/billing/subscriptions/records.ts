// Loading, saving and status changes of a subscription, with the checks every operation shares.
import type Stripe from "stripe";
import type { EventCause } from "../../core/context.ts";
import type { Emulator } from "../../core/emulator.ts";
import { ApiError, invalidRequest } from "../../core/errors.ts";
import { nowSeconds } from "../../core/ids.ts";
import type { Invoice, Subscription, SubscriptionMeta } from "../model.ts";
import type { Params } from "../../core/params.ts";
import { billingSettings } from "../../core/billing-settings.ts";

export function subMeta(emu: Emulator, id: string): SubscriptionMeta {
  return emu.store.meta<SubscriptionMeta>(id);
}

export function subscriptionOf(emu: Emulator, itemId: string): Subscription | undefined {
  const subId = emu.store.meta<{ subscription?: string }>(itemId).subscription;
  return subId ? emu.store.get<Subscription>("subscriptions", subId) : undefined;
}

export function subscriptionOfInvoice(emu: Emulator, inv: Invoice): Subscription | undefined {
  const id = (inv.parent as { subscription_details?: { subscription: string } } | null)?.subscription_details?.subscription;
  return id ? emu.store.get<Subscription>("subscriptions", id) : undefined;
}

export function customerOf(emu: Emulator, sub: Subscription): Stripe.Customer {
  return emu.store.get<Stripe.Customer>("customers", sub.customer as string)!;
}

export function save(emu: Emulator, sub: Subscription): void {
  sub.items.data.forEach((it) => (emu.store.meta<{ subscription?: string }>(it.id).subscription = sub.id));
  emu.store.put("subscriptions", sub);
}

export function snapshotItems(sub: Subscription): unknown {
  return JSON.parse(JSON.stringify(sub.items));
}

export function hasPaymentMethod(emu: Emulator, sub: Subscription, cust: Stripe.Customer): boolean {
  return !!(sub.default_payment_method || cust.invoice_settings?.default_payment_method);
}

export function noPaymentMethodError(): ApiError {
  return invalidRequest(
    "This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.",
    {},
  );
}

export function parseTrialEnd(value: string | null | undefined): number | "now" | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (value === "now") return "now";
  if (!/^\d+$/.test(value)) throw invalidRequest(`Invalid trial_end: must be an integer Unix timestamp or 'now'.`, { param: "trial_end" });
  return Number(value);
}

export function setStatus(emu: Emulator, cause: EventCause, sub: Subscription, status: Stripe.Subscription.Status, extra: Record<string, unknown> = {}): void {
  if (sub.status === status && !Object.keys(extra).length) return;
  const previous: Record<string, unknown> = { status: sub.status };
  for (const k of Object.keys(extra)) previous[k] = (sub as unknown as Record<string, unknown>)[k];
  sub.status = status;
  Object.assign(sub, extra);
  save(emu, sub);
  emu.emit("customer.subscription.updated", sub, cause, previous);
}

export function maybeTrialWillEnd(emu: Emulator, cause: EventCause, sub: Subscription): void {
  if (sub.status !== "trialing" || !sub.trial_end) return;
  const m = subMeta(emu, sub.id);
  if (m.trialWillEndSent === sub.trial_end) return;
  if (nowSeconds() >= sub.trial_end - billingSettings(emu).trial_will_end_seconds) {
    m.trialWillEndSent = sub.trial_end;
    emu.emit("customer.subscription.trial_will_end", sub, cause);
  }
}

/** `trial_settings` as Stripe returns it: `billing_cycle_anchor` null unless set, `missing_payment_method` defaulting to `create_invoice`. */
export function trialSettings(p: { end_behavior?: { missing_payment_method?: string; billing_cycle_anchor?: string } } | undefined): Stripe.Subscription.TrialSettings {
  return {
    end_behavior: {
      billing_cycle_anchor: (p?.end_behavior?.billing_cycle_anchor ?? null) as Stripe.Subscription.TrialSettings.EndBehavior.BillingCycleAnchor | null,
      missing_payment_method: (p?.end_behavior?.missing_payment_method ?? "create_invoice") as Stripe.Subscription.TrialSettings.EndBehavior.MissingPaymentMethod,
    },
  };
}

/** `invoice_settings` after a create/update: `custom_fields`, `description` and `footer` as given ("" unsets). */
export function subscriptionInvoiceSettings(current: Stripe.Subscription.InvoiceSettings, p: { custom_fields?: unknown; description?: unknown; footer?: unknown } | undefined): Stripe.Subscription.InvoiceSettings {
  if (!p) return current;
  const text = (v: unknown, old: string | null) => (v === undefined ? old : v === "" || v === null ? null : String(v));
  const fields = p.custom_fields === undefined ? current.custom_fields : Array.isArray(p.custom_fields) && p.custom_fields.length ? (p.custom_fields as Params[]).map((f) => ({ name: String(f.name), value: String(f.value) })) : null;
  return { ...current, custom_fields: fields, description: text(p.description, current.description), footer: text(p.footer, current.footer) };
}
