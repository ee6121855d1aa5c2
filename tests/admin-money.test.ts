// All the money, end to end against the emulator with real signed webhooks: a
// subscription's invoice payment is a row of admin Payments (source,
// subscription and invoice links, CSV) and part of the dashboard's gross; the
// Stripe fee of every charge comes from its balance transaction and is
// subtracted from net, and so is a lost dispute (amount + dispute fee); a
// guest who paid is a customer beside accounts; MRR movements follow the
// subscription; every new read is admin-only.
import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as customersRoute } from "@/app/api/admin/customers/route";
import { GET as customerRoute } from "@/app/api/admin/customers/[id]/route";
import { GET as dashboardRoute } from "@/app/api/admin/dashboard/route";
import { GET as exportRoute } from "@/app/api/admin/payments/export/route";
import { GET as paymentsRoute } from "@/app/api/admin/payments/route";
import { ensureStripeCustomer } from "@/lib/auth/stripe-customer";
import { listPlans } from "@/lib/catalog/plans";
import { seedCatalog } from "@/lib/catalog/seed";
import { applyChargeFee, applyPaidInvoicePayment, applySucceededCharge } from "@/lib/payments/apply";
import { getChargePaymentDetail, listPayments } from "@/lib/payments/queries";
import { getDashboard } from "@/lib/reports/dashboard";
import { mrrMovementKind } from "@/lib/subscriptions/mrr";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually, useEmulator } from "./helpers/emulator";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";
import { createAdmin, useSignedInAs } from "./helpers/session";

const noParams = { params: Promise.resolve({}) };
const get = (path: string) => new Request(`http://payport.test${path}`);
/** What the emulator's balance transaction says Stripe kept of a charge. */
async function stripeFee(stripe: Stripe, chargeId: string): Promise<number> {
  const charge = await stripe.charges.retrieve(chargeId);
  return (await stripe.balanceTransactions.retrieve(charge.balance_transaction as string)).fee;
}

describe.each(testDatabases())("all the money on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator({ webhooks: true });
  const signInAs = useSignedInAs();
  let admin: { id: string };
  let monthly: { stripePriceId: string; unitAmount: number; currency: string };
  let subscriber: { id: string; email: string };
  let subscription: Stripe.Subscription;
  let invoiceId: string;

  beforeAll(async () => {
    await seedCatalog();
    admin = await createAdmin(test.db);
    const starter = (await listPlans()).find((p) => p.name === "Starter")!.prices.find((p) => p.interval === "month")!;
    monthly = { stripePriceId: starter.stripePriceId, unitAmount: starter.unitAmount, currency: starter.currency };
    subscriber = await test.db.user.create({ data: { email: `subscriber-${kind}@example.com` } });
    const customerId = await ensureStripeCustomer(subscriber.id);
    subscription = await emu.stripe.subscriptions.create({
      customer: customerId,
      items: [{ price: monthly.stripePriceId }],
      payment_behavior: "default_incomplete",
      payment_settings: { save_default_payment_method: "on_subscription" },
      expand: ["latest_invoice.confirmation_secret"],
    });
    const invoice = subscription.latest_invoice as Stripe.Invoice;
    invoiceId = invoice.id!;
    await emu.stripe.paymentIntents.confirm(invoice.confirmation_secret!.client_secret.split("_secret_")[0], { payment_method: "pm_card_visa", return_url: "http://payport.test/r" });
    // The fee arrives last, with charge.updated.
    await eventually(async () => (await test.db.payment.findFirst({ where: { stripeSubscriptionId: subscription.id } }))?.fee != null);
  });

  it("a subscription invoice payment is a row of admin Payments, with its source, invoice, subscription and Stripe fee", async () => {
    signInAs(admin);
    const res = await paymentsRoute(get(`/api/admin/payments?q=${subscription.id}`), noParams);
    expect(res.status).toBe(200);
    const { rows } = await res.json();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({ source: "subscription", status: "succeeded", amount: monthly.unitAmount, currency: monthly.currency, stripeSubscriptionId: subscription.id, stripeInvoiceId: invoiceId, email: subscriber.email, orderId: null });
    expect(row.fee).toBe(await stripeFee(emu.stripe, row.stripeChargeId));
    expect(row.fee).toBeGreaterThan(0);
    // The unfiltered list holds it too, and the source filter separates it from orders.
    expect((await listPayments({})).rows.map((r) => r.id)).toContain(row.id);
    expect((await listPayments({ source: "order" })).rows.map((r) => r.id)).not.toContain(row.id);
    expect((await listPayments({ source: "subscription" })).rows.map((r) => r.id)).toEqual([row.id]);
    expect((await listPayments({ q: invoiceId })).rows.map((r) => r.id)).toEqual([row.id]);
    // Its page links to what it paid for and who paid.
    const detail = await getChargePaymentDetail(row.id);
    expect(detail).toMatchObject({ subscription: { stripeSubscriptionId: subscription.id, status: "active" }, invoice: { stripeInvoiceId: invoiceId, status: "paid" }, customerId: subscriber.id });
    expect(detail!.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(["charge.succeeded", "invoice.paid"]));
  });

  it("invoice_payment.paid before charge.succeeded, and duplicates, end in one row with the source, the charge's details and its fee", async () => {
    const stored = await test.db.payment.findFirstOrThrow({ where: { stripeSubscriptionId: subscription.id } });
    const [invoicePayment] = (await emu.stripe.invoicePayments.list({ invoice: invoiceId })).data;
    const invoice = await emu.stripe.invoices.retrieve(invoiceId);
    const charge = await emu.stripe.charges.retrieve(stored.stripeChargeId!);
    await test.db.payment.delete({ where: { id: stored.id } });
    await applyPaidInvoicePayment(invoicePayment, invoice);
    expect(await test.db.payment.findFirstOrThrow({ where: { stripeInvoiceId: invoiceId } })).toMatchObject({ source: "subscription", cardLast4: null, fee: null });
    for (let i = 0; i < 2; i++) {
      await applySucceededCharge(charge);
      await applyPaidInvoicePayment(invoicePayment, invoice);
      await applyChargeFee(charge);
    }
    const rows = await test.db.payment.findMany({ where: { stripeInvoiceId: invoiceId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "subscription", stripeChargeId: charge.id, cardLast4: "4242", amount: stored.amount, fee: stored.fee, paidAt: stored.paidAt, createdAt: stored.createdAt });
  });

  it("the CSV export has the subscription payment in major units with its currency", async () => {
    signInAs(admin);
    const res = await exportRoute(get(`/api/admin/payments/export?source=subscription`), noParams);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    const header = lines[0].split(",");
    const cells = lines[1].split(",");
    const cell = (name: string) => cells[header.indexOf(name)];
    expect(cell("source")).toBe("subscription");
    expect(cell("subscription")).toBe(subscription.id);
    expect(cell("invoice")).toBe(invoiceId);
    expect(cell("amount")).toBe((monthly.unitAmount / 100).toFixed(2));
    expect(cell("currency")).toBe(monthly.currency.toUpperCase());
  });

  it("the dashboard's gross counts the subscription payment, fees are subtracted from net, and the new MRR shows", async () => {
    signInAs(admin);
    const payment = await test.db.payment.findFirstOrThrow({ where: { stripeSubscriptionId: subscription.id } });
    const res = await dashboardRoute(get("/api/admin/dashboard?period=7"), noParams);
    expect(res.status).toBe(200);
    const usd = (await res.json()).currencies.find((c: { currency: string }) => c.currency === monthly.currency);
    expect(usd.gross.current).toBeGreaterThanOrEqual(payment.amount);
    expect(usd.fees.current).toBeGreaterThanOrEqual(payment.fee!);
    expect(usd.net.current).toBe(usd.gross.current - usd.refunds.current - usd.disputesLost.current - usd.fees.current);
    expect(usd.mrrMovements).toMatchObject({ new: monthly.unitAmount, churn: 0 });
  });

  it("a lost dispute reduces net by the amount and the dispute fee", async () => {
    signInAs(admin);
    const cart = await postCheckout({ email: `lost-${kind}@example.com`, cartId: newCartId(), items: [{ priceId: await priceIdByLookupKey(test.db, "payport_tee_usd"), quantity: 1 }] });
    const piId = (cart.json.clientSecret as string).split("_secret_")[0];
    await emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa", return_url: "http://payport.test/r" });
    const paid = await eventually(async () => {
      const order = await test.db.order.findUniqueOrThrow({ where: { id: cart.json.orderId } });
      return order.status === "paid" && order.fee != null ? order : null;
    });
    const before = (await getDashboard(7)).currencies.find((c) => c.currency === "usd")!;
    await emu.control("/_emulator/disputes", { payment_intent: piId, status: "lost" });
    const dispute = await eventually(async () => {
      const d = await test.db.dispute.findFirst({ where: { orderId: paid.id } });
      return d?.status === "lost" && d.fee > 0 ? d : null;
    });
    const after = (await getDashboard(7)).currencies.find((c) => c.currency === "usd")!;
    expect(after.disputesLost.current - before.disputesLost.current).toBe(dispute.amount + dispute.fee);
    expect(before.net.current - after.net.current).toBe(dispute.amount + dispute.fee);
    expect(after.gross.current).toBe(before.gross.current);
  });

  it("a dispute on a subscription payment is linked to it and shows it disputed", async () => {
    signInAs(admin);
    const payment = await test.db.payment.findFirstOrThrow({ where: { stripeSubscriptionId: subscription.id } });
    await emu.control("/_emulator/disputes", { charge: payment.stripeChargeId });
    await eventually(() => test.db.dispute.findFirst({ where: { paymentId: payment.id } }));
    expect((await listPayments({ status: "disputed", q: subscription.id })).rows.map((r) => r.id)).toEqual([payment.id]);
  });

  it("a guest who paid is a customer beside accounts, with payments count and total per currency, and their page lists the payment", async () => {
    signInAs(null);
    const email = `guest-${kind}@example.com`;
    const cart = await postCheckout({ email, cartId: newCartId(), items: [{ priceId: await priceIdByLookupKey(test.db, "payport_tee_usd"), quantity: 2 }] });
    await emu.stripe.paymentIntents.confirm((cart.json.clientSecret as string).split("_secret_")[0], { payment_method: "pm_card_visa", return_url: "http://payport.test/r" });
    await eventually(() => test.db.guestCustomer.findUnique({ where: { email } }));
    await eventually(async () => (await test.db.order.findUniqueOrThrow({ where: { id: cart.json.orderId } })).status === "paid");
    signInAs(admin);
    const list = await (await customersRoute(get(`/api/admin/customers?q=guest-${kind}`), noParams)).json();
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({ kind: "guest", email, paymentsCount: 1, totals: [{ currency: "usd", count: 1, amount: cart.json.amount }] });
    // Accounts and guests share one list.
    const all = await (await customersRoute(get("/api/admin/customers"), noParams)).json();
    expect(all.rows.map((r: { kind: string }) => r.kind)).toEqual(expect.arrayContaining(["guest", "account"]));
    const subscriberRow = all.rows.find((r: { id: string }) => r.id === subscriber.id);
    expect(subscriberRow).toMatchObject({ kind: "account", paymentsCount: 1, totals: [{ currency: monthly.currency, amount: monthly.unitAmount }] });
    const detail = await (await customerRoute(get("/x"), { params: Promise.resolve({ id: list.rows[0].id }) })).json();
    expect(detail.payments.map((p: { orderId: string }) => p.orderId)).toEqual([cart.json.orderId]);
    // A subscriber's page lists their subscription payment.
    const subscriberDetail = await (await customerRoute(get("/x"), { params: Promise.resolve({ id: subscriber.id }) })).json();
    expect(subscriberDetail.payments.map((p: { source: string }) => p.source)).toEqual(["subscription"]);
  });

  it("canceling the subscription is churned MRR on the dashboard; a contraction is recorded as one", async () => {
    signInAs(admin);
    await emu.stripe.subscriptions.cancel(subscription.id);
    await eventually(() => test.db.mrrMovement.findFirst({ where: { stripeSubscriptionId: subscription.id, kind: "churn" } }));
    const usd = (await getDashboard(7)).currencies.find((c) => c.currency === monthly.currency)!;
    expect(usd.mrrMovements).toMatchObject({ new: monthly.unitAmount, churn: -monthly.unitAmount, net: 0 });
    expect(mrrMovementKind(2_000, 1_000)).toBe("contraction");
    expect(mrrMovementKind(1_000, 2_000)).toBe("expansion");
    expect(mrrMovementKind(1_000, 1_000)).toBeNull();
  });

  it("a visitor gets 401 and a customer 403 from every list, export and the dashboard, with no data", async () => {
    for (const who of [null, subscriber]) {
      signInAs(who);
      for (const res of [
        await paymentsRoute(get("/api/admin/payments?source=subscription"), noParams),
        await exportRoute(get("/api/admin/payments/export"), noParams),
        await customersRoute(get("/api/admin/customers"), noParams),
        await dashboardRoute(get("/api/admin/dashboard"), noParams),
      ]) {
        expect(res.status).toBe(who ? 403 : 401);
        expect(Object.keys(await res.json())).toEqual(["error"]);
      }
    }
  });
});
