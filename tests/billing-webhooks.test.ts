// Billing webhooks against the emulator's real objects, delivered through our
// signed webhook route in hostile orders: older snapshots never undo newer
// ones, same-second snapshots are settled by re-reading Stripe, an ended
// subscription never comes back, a paid invoice never reopens, and cards
// follow attach/detach/default changes in any order.
import { beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { listPlans } from "@/lib/catalog/plans";
import { ensureStripeCustomer } from "@/lib/auth/stripe-customer";
import { getCurrentSubscription, listInvoices, listPaymentMethods } from "@/lib/subscriptions/queries";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useEmulator } from "./helpers/emulator";
import { buildEvent, nowSeconds, settleStripeEvents, signedWebhookRequest } from "./helpers/stripe-events";

describe.each(testDatabases())("billing webhooks on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator();
  let starterMonthly: string;

  beforeAll(async () => {
    await seedCatalog();
    const plans = await listPlans();
    starterMonthly = plans.find((p) => p.name === "Starter")!.prices.find((p) => p.interval === "month")!.stripePriceId;
  });

  let seq = 0;
  async function customer() {
    const user = await test.db.user.create({ data: { email: `wh${++seq}.${Date.now().toString(36)}@example.com` } });
    return { user, customerId: await ensureStripeCustomer(user.id) };
  }

  async function deliver(type: Stripe.Event.Type, object: unknown, created: number, previous?: unknown) {
    const event = buildEvent(type, object, created);
    if (previous) (event.data as { previous_attributes?: unknown }).previous_attributes = previous;
    const res = await webhookRoute(signedWebhookRequest(event));
    expect(res.status).toBe(200);
    await settleStripeEvents();
  }

  /** An incomplete snapshot, then the same subscription active after paying its first invoice. */
  async function paidSubscription(customerId: string) {
    const created = await emu.stripe.subscriptions.create({
      customer: customerId,
      items: [{ price: starterMonthly }],
      payment_behavior: "default_incomplete",
      payment_settings: { save_default_payment_method: "on_subscription" },
      expand: ["latest_invoice.confirmation_secret"],
    });
    const invoice = created.latest_invoice as Stripe.Invoice;
    const openInvoice = await emu.stripe.invoices.retrieve(invoice.id!);
    const piId = invoice.confirmation_secret!.client_secret.split("_secret_")[0];
    await emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa", return_url: "http://payport.test/r" });
    const active = await emu.stripe.subscriptions.retrieve(created.id);
    const paidInvoice = await emu.stripe.invoices.retrieve(invoice.id!);
    const incomplete = { ...created, latest_invoice: invoice.id } as Stripe.Subscription;
    return { incomplete, active, openInvoice, paidInvoice };
  }

  const row = (id: string) => test.db.subscription.findUniqueOrThrow({ where: { stripeSubscriptionId: id } });

  it("updated (active) then a late created (incomplete): the older snapshot is skipped", async () => {
    const { user, customerId } = await customer();
    const { incomplete, active } = await paidSubscription(customerId);
    const t = nowSeconds() + 50;
    await deliver("customer.subscription.updated", active, t);
    await deliver("customer.subscription.created", incomplete, t - 3);
    expect(await row(active.id)).toMatchObject({ status: "active", userId: user.id, stripeUpdatedAt: t });
    expect((await getCurrentSubscription(user.id))!.status).toBe("active");
  });

  it("a same-second stale snapshot is settled by re-reading the subscription from Stripe", async () => {
    const { customerId } = await customer();
    const { incomplete, active } = await paidSubscription(customerId);
    const t = nowSeconds() + 60;
    await deliver("customer.subscription.updated", active, t);
    await deliver("customer.subscription.created", incomplete, t);
    expect((await row(active.id)).status).toBe("active");
  });

  it("in order, each snapshot applies; periods come from the items", async () => {
    const { customerId } = await customer();
    const { incomplete, active } = await paidSubscription(customerId);
    const t = nowSeconds() + 70;
    await deliver("customer.subscription.created", incomplete, t);
    expect((await row(active.id)).status).toBe("incomplete");
    await deliver("customer.subscription.updated", active, t + 1);
    const stored = await row(active.id);
    expect(stored.status).toBe("active");
    expect(stored.currentPeriodEnd!.getTime()).toBe(active.items.data[0].current_period_end * 1000);
    expect(stored.defaultPaymentMethod).toBe(active.default_payment_method);
  });

  it("a canceled subscription is never revived by a later-stamped active snapshot", async () => {
    const { user, customerId } = await customer();
    const { active } = await paidSubscription(customerId);
    const canceled = await emu.stripe.subscriptions.cancel(active.id);
    const t = nowSeconds() + 80;
    await deliver("customer.subscription.deleted", canceled, t);
    await deliver("customer.subscription.updated", active, t + 5);
    expect((await row(active.id)).status).toBe("canceled");
    expect(await getCurrentSubscription(user.id)).toBeNull();
  });

  it("invoice: paid then a late finalized (open) keeps paid; a same-second open re-reads Stripe; the subscription link comes from parent", async () => {
    const { user, customerId } = await customer();
    const { active, openInvoice, paidInvoice } = await paidSubscription(customerId);
    const t = nowSeconds() + 90;
    await deliver("invoice.paid", paidInvoice, t);
    await deliver("invoice.finalized", openInvoice, t - 2);
    await deliver("invoice.updated", openInvoice, t);
    await deliver("invoice.created", { ...openInvoice, status: "draft" }, t + 3);
    const invoices = await listInvoices(user.id);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: "paid", amountPaid: 900, amountRemaining: 0, stripeSubscriptionId: active.id, billingReason: "subscription_create" });
    expect(invoices[0].hostedInvoiceUrl).toBeTruthy();
    expect(invoices[0].invoicePdf).toBeTruthy();
    // invoice.paid also settled the subscription that was waiting on it.
    expect((await row(active.id)).status).toBe("active");
  });

  it("invoice_payment.paid reads the invoice it paid", async () => {
    const { user, customerId } = await customer();
    const { paidInvoice } = await paidSubscription(customerId);
    await deliver("invoice_payment.paid", { id: "inpay_test", object: "invoice_payment", invoice: paidInvoice.id, status: "paid" }, nowSeconds());
    expect((await listInvoices(user.id))[0]).toMatchObject({ status: "paid", number: paidInvoice.number });
  });

  it("cards: attached, default changed and detached events in any order end in Stripe's state", async () => {
    const { user, customerId } = await customer();
    const visa = await emu.stripe.paymentMethods.attach("pm_card_visa", { customer: customerId });
    const mc = await emu.stripe.paymentMethods.attach("pm_card_mastercard", { customer: customerId });
    const updatedCustomer = await emu.stripe.customers.update(customerId, { invoice_settings: { default_payment_method: mc.id } });
    const detached = await emu.stripe.paymentMethods.detach(visa.id);
    const t = nowSeconds();
    // Out of order: the detach arrives first, the attach of the detached card last.
    await deliver("payment_method.detached", detached, t + 3, { customer: customerId });
    await deliver("customer.updated", updatedCustomer, t + 2, { invoice_settings: { default_payment_method: null } });
    await deliver("payment_method.attached", mc, t + 1);
    await deliver("payment_method.attached", visa, t);
    expect(await listPaymentMethods(user.id)).toMatchObject([{ stripePaymentMethodId: mc.id, isDefault: true, last4: "4444" }]);
  });
});
