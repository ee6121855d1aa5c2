// Shared setup of the billing tests: an emulator with fast follow-ups, a catalog, a customer on a
// test clock, clock advances and event sequences.
import type Stripe from "stripe";
import { expect } from "vitest";
import { eventually, useTestEmulator } from "./helpers.ts";

export const DAY = 86400;

export function addMonth(t0: number, n = 1): number {
  const d = new Date(t0 * 1000);
  d.setUTCMonth(d.getUTCMonth() + n);
  return Math.floor(d.getTime() / 1000);
}

/** What paying a finalized invoice through its PaymentIntent emits, in order. */
export const INVOICE_PAYMENT_EVENTS = [
  "payment_intent.created",
  "charge.succeeded",
  "payment_intent.succeeded",
  "invoice_payment.paid",
  "invoice.paid",
  "invoice.payment_succeeded",
  "invoice.updated",
];

/** What Stripe automation emits when a cycle invoice is created and paid on the default card. */
export const PAID_CYCLE_INVOICE_EVENTS = ["invoice.created", "customer.subscription.updated", "invoice.finalized", ...INVOICE_PAYMENT_EVENTS];

export function useBillingEmulator() {
  const t = useTestEmulator({ asyncDelayMs: 5 });

  async function catalog(amount = 2000, interval: "month" | "year" = "month", name = "Pro") {
    const product = await t.stripe.products.create({ name });
    return t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: amount, recurring: { interval } });
  }

  /** Types of events whose object is one of `ids` or belongs to one of them (customer, invoice…). */
  async function eventTypesFor(ids: string[], since = 0): Promise<string[]> {
    const out: Stripe.Event[] = [];
    for await (const e of t.stripe.events.list({ limit: 100 })) out.push(e);
    return out
      .filter((e) => e.created >= since)
      .filter((e) => {
        const o = e.data.object as unknown as Record<string, unknown>;
        return [o.id, o.customer, o.invoice].some((v) => typeof v === "string" && ids.includes(v));
      })
      .reverse()
      .map((e) => e.type);
  }

  async function clockedCustomer(pm = "pm_card_visa") {
    const now = Math.floor(Date.now() / 1000);
    const clock = await t.stripe.testHelpers.testClocks.create({ frozen_time: now, name: "billing test" });
    const customer = await t.stripe.customers.create({ email: "clock@example.com", test_clock: clock.id });
    const attached = await t.stripe.paymentMethods.attach(pm, { customer: customer.id });
    await t.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: attached.id } });
    return { clock, customer, pm: attached };
  }

  async function advance(clockId: string, to: number): Promise<Stripe.TestHelpers.TestClock> {
    const started = await t.stripe.testHelpers.testClocks.advance(clockId, { frozen_time: to });
    expect(started.status).toBe("advancing");
    return eventually(async () => {
      const c = await t.stripe.testHelpers.testClocks.retrieve(clockId);
      return c.status === "ready" ? c : null;
    });
  }

  return { t, catalog, eventTypesFor, clockedCustomer, advance };
}
