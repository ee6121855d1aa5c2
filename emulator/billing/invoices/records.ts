// Invoice lookups shared by every invoice operation, and the hooks other billing modules register.
import type Stripe from "stripe";
import type { EventCause, RequestContext } from "../../core/context.ts";
import type { Emulator } from "../../core/emulator.ts";
import { ApiError, invalidRequest } from "../../core/errors.ts";
import { atTime } from "../../core/ids.ts";
import { load, reference } from "../../resources/shared.ts";
import { clockTime, type Invoice, type InvoiceMeta, type Subscription } from "../model.ts";

/** Subscription reactions to invoice outcomes; registered by subscriptions/invoice-outcomes.ts (avoids an import cycle). */
export const invoiceHooks = {
  paid: [] as ((emu: Emulator, cause: EventCause, invoice: Invoice) => void)[],
  paymentFailed: [] as ((emu: Emulator, cause: EventCause, invoice: Invoice, automatic: boolean, exhausted: boolean) => void)[],
};

export function invMeta(emu: Emulator, id: string): InvoiceMeta {
  return emu.store.meta<InvoiceMeta>(id);
}

export function customerOf(emu: Emulator, id: string, param = "customer"): Stripe.Customer {
  return reference<Stripe.Customer>({ emu } as never, "customers", id, "customer", param);
}

export function loadInvoice(emu: Emulator, id: string): Invoice {
  return load<Invoice>({ emu } as never, "invoices", id, "invoice");
}

export function notEditable(inv: Invoice): ApiError {
  return invalidRequest(`You can only modify draft invoices. This invoice (${inv.id}) has status ${inv.status}.`, { code: "invoice_not_editable" } as never);
}

/** Runs a handler in the customer's clock time. */
export function inClock<T>(emu: Emulator, customer: string | null | undefined, fn: () => T): T {
  return atTime(clockTime(emu, customer), fn);
}

/** create_preview lives in subscriptions/preview.ts (it simulates subscription changes). */
export const previewHook: { fn: (ctx: RequestContext) => unknown } = {
  fn: () => {
    throw invalidRequest("create_preview is not available");
  },
};

/** Picks the payment method by Stripe's precedence (BEHAVIOR §4.2). */
export function defaultPaymentMethod(emu: Emulator, inv: Invoice): string | null {
  if (inv.default_payment_method) return inv.default_payment_method as string;
  const subId = (inv.parent as { subscription_details?: { subscription: string } } | null)?.subscription_details?.subscription;
  const sub = subId ? emu.store.get<Subscription>("subscriptions", subId) : undefined;
  if (sub?.default_payment_method) return sub.default_payment_method as string;
  const cust = emu.store.get<Stripe.Customer>("customers", inv.customer as string);
  return (cust?.invoice_settings?.default_payment_method as string | null) ?? null;
}
