// Billing Portal: configurations (create, retrieve, update, list), sessions, and the hosted portal
// page's actions (cancel at period end, resume, cancel at once, replace the default card), all
// through the emulator's usual code; every answer and event validated.
import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { describeConformance, eventTypesOf, stripeError } from "./target.ts";

let stripe: Stripe;

const RETURN = "http://127.0.0.1:3000/account";

async function subscribedCustomer() {
  const product = await stripe.products.create({ name: "Pro" });
  const price = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 1200, recurring: { interval: "month" } });
  const customer = await stripe.customers.create({ email: "portal@example.com", payment_method: "pm_card_visa", invoice_settings: { default_payment_method: "pm_card_visa" } });
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: customer.invoice_settings.default_payment_method as string });
  return { customer, sub };
}

async function post(url: string, form: Record<string, string>) {
  return fetch(url, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });
}

describeConformance("billing portal", (t) => {
  beforeAll(() => void (stripe = t().stripe));

  describe("billing portal configurations", () => {
    it("creates, retrieves, updates and lists", async () => {
      const config = await stripe.billingPortal.configurations.create({
        features: { invoice_history: { enabled: true }, subscription_cancel: { enabled: true, mode: "immediately", proration_behavior: "none" } },
        business_profile: { headline: "Payport" },
        default_return_url: RETURN,
      });
      expect(config).toMatchObject({ object: "billing_portal.configuration", active: true, is_default: false, default_return_url: RETURN, features: { invoice_history: { enabled: true }, subscription_cancel: { enabled: true, mode: "immediately" }, payment_method_update: { enabled: false } } });
      expect(config.id).toMatch(/^bpc_/);
      expect((await stripe.billingPortal.configurations.retrieve(config.id)).id).toBe(config.id);
      const updated = await stripe.billingPortal.configurations.update(config.id, { features: { payment_method_update: { enabled: true } }, metadata: { v: "2" } });
      expect(updated).toMatchObject({ features: { payment_method_update: { enabled: true } }, metadata: { v: "2" } });
      expect(await eventTypesOf(stripe, config.id)).toEqual(["billing_portal.configuration.created", "billing_portal.configuration.updated"]);
      const listed = await stripe.billingPortal.configurations.list({ is_default: false });
      expect(listed.data.map((c) => c.id)).toContain(config.id);
      const inactive = await stripe.billingPortal.configurations.update(config.id, { active: false });
      expect(inactive.active).toBe(false);
      const { customer } = await subscribedCustomer();
      const err = await stripeError(stripe.billingPortal.sessions.create({ customer: customer.id, configuration: config.id }));
      expect(err.statusCode).toBe(400);
    });
  });

  describe("billing portal sessions and page", () => {
    it("creates a session (default configuration) whose page cancels at period end, resumes, and replaces the card", async () => {
      const { customer, sub } = await subscribedCustomer();
      const session = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: RETURN });
      expect(session).toMatchObject({ object: "billing_portal.session", customer: customer.id, return_url: RETURN, livemode: false, flow: null });
      expect(session.id).toMatch(/^bps_/);
      const config = await stripe.billingPortal.configurations.retrieve(session.configuration as string);
      expect(config).toMatchObject({ is_default: true, features: { subscription_cancel: { enabled: true, mode: "at_period_end" }, payment_method_update: { enabled: true }, invoice_history: { enabled: true } } });
      expect(await eventTypesOf(stripe, session.id)).toEqual(["billing_portal.session.created"]);

      const html = await (await fetch(session.url)).text();
      expect(html).toContain(sub.id);
      expect(html).toContain(RETURN);
      expect(html).toContain("Cancel subscription");
      expect(html).toContain("/i/in_");

      const updatesBefore = (await eventTypesOf(stripe, sub.id)).filter((t) => t === "customer.subscription.updated").length;
      const canceled = await post(session.url, { action: "cancel", subscription: sub.id });
      expect(canceled.status).toBe(303);
      expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(true);
      expect(await (await fetch(session.url)).text()).toContain("Don't cancel");
      await post(session.url, { action: "resume", subscription: sub.id });
      expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);

      await post(session.url, { action: "update_card", card: "pm_card_mastercard" });
      const after = await stripe.customers.retrieve(customer.id) as Stripe.Customer;
      const pm = await stripe.paymentMethods.retrieve(after.invoice_settings.default_payment_method as string);
      expect(pm).toMatchObject({ customer: customer.id, card: { brand: "mastercard" } });
      expect((await stripe.subscriptions.retrieve(sub.id)).default_payment_method).toBe(pm.id);
      const subEvents = await eventTypesOf(stripe, sub.id);
      expect(subEvents.filter((t) => t === "customer.subscription.updated")).toHaveLength(updatesBefore + 3);
      expect(await eventTypesOf(stripe, pm.id)).toEqual(["payment_method.attached"]);
      expect(await eventTypesOf(stripe, customer.id)).toContain("customer.updated");
      const bad = await post(session.url, { action: "cancel", subscription: "sub_nope" });
      expect(bad.status).toBe(400);
    });

    it("cancels at once with a configuration that says so", async () => {
      const { customer, sub } = await subscribedCustomer();
      const config = await stripe.billingPortal.configurations.create({ features: { subscription_cancel: { enabled: true, mode: "immediately" } } });
      const session = await stripe.billingPortal.sessions.create({ customer: customer.id, configuration: config.id, return_url: RETURN });
      expect((await post(session.url, { action: "cancel", subscription: sub.id })).status).toBe(303);
      expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe("canceled");
      expect(await eventTypesOf(stripe, sub.id)).toContain("customer.subscription.deleted");
      expect(await (await fetch(session.url)).text()).toContain("No active subscriptions.");
    });

    it("validates like Stripe", async () => {
      expect((await stripeError(stripe.billingPortal.sessions.create({ customer: "cus_nope", return_url: RETURN }))).statusCode).toBe(400);
      const { customer } = await subscribedCustomer();
      const noReturn = await stripeError(stripe.billingPortal.sessions.create({ customer: customer.id }));
      expect(noReturn.param).toBe("return_url");
      expect((await fetch(`${new URL((await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: RETURN })).url).origin}/p/session/bps_nope`)).status).toBe(404);
    });
  });
});
