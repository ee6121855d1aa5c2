// The customer portal's route handlers against the emulator and a real
// database: ownership (another customer's subscription, card or invoice is a
// 404 and nothing changes), the proration preview equals what is invoiced,
// cancel/resume, card rules, and paying an open invoice to recover past_due.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as previewRoute } from "@/app/api/billing/portal/subscriptions/[id]/preview/route";
import { POST as changeRoute } from "@/app/api/billing/portal/subscriptions/[id]/change/route";
import { POST as cancelRoute } from "@/app/api/billing/portal/subscriptions/[id]/cancel/route";
import { POST as resumeRoute } from "@/app/api/billing/portal/subscriptions/[id]/resume/route";
import { POST as setupRoute } from "@/app/api/billing/portal/setup-intents/route";
import { POST as completeSetupRoute } from "@/app/api/billing/portal/setup-intents/[id]/complete/route";
import { POST as defaultRoute } from "@/app/api/billing/portal/payment-methods/[id]/default/route";
import { DELETE as removeRoute } from "@/app/api/billing/portal/payment-methods/[id]/route";
import { POST as payRoute } from "@/app/api/billing/portal/invoices/[id]/pay/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { listPlans, type Plan } from "@/lib/catalog/plans";
import { getCurrentSubscription, listInvoices, listPaymentMethods } from "@/lib/subscriptions/queries";
import { syncSubscriptionById } from "@/lib/subscriptions/sync";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useEmulator } from "./helpers/emulator";
import { useSignedInAs } from "./helpers/session";
import { advanceClock, call, rid, subscribedUser } from "./portal-helpers";

describe.each(testDatabases())("customer portal on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator();
  const signInAs = useSignedInAs();
  let plans: Plan[];
  const price = (name: string, interval: "month" | "year" = "month") => plans.find((p) => p.name === name)!.prices.find((p) => p.interval === interval)!;
  const ctx = () => ({ db: test.db, emu, signInAs, plans });

  beforeAll(async () => {
    await seedCatalog();
    plans = await listPlans();
  });
  beforeEach(() => signInAs(null));

  /** The portal's audit rows filed under this Stripe customer, oldest first (the Stripe App's account timeline reads them). */
  const portalAudit = async (customer: string) =>
    (await test.db.auditLog.findMany({ where: { targetType: "customer", targetId: customer }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map((r) => ({
      action: r.action,
      actorEmail: r.actorEmail,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));

  async function addCard(user: { id: string }, card: string, makeDefault = false) {
    signInAs(user);
    const setup = await call(setupRoute, {}, { body: { requestId: rid() } });
    expect(setup.status).toBe(201);
    const si = await emu.stripe.setupIntents.confirm(setup.json.setupIntentId, { payment_method: card, return_url: "http://payport.test/return" });
    const done = await call(completeSetupRoute, { id: si.id }, { body: { makeDefault } });
    expect(done.status).toBe(200);
    return done.json.paymentMethodId as string;
  }

  describe("ownership", () => {
    it("another customer's subscription, card, invoice and card setup are 404 on every route, and nothing changes at Stripe", async () => {
      const a = await subscribedUser(ctx());
      const b = await subscribedUser(ctx());
      const aCard = (await emu.stripe.customers.listPaymentMethods(a.customer)).data[0].id;
      const aInvoice = (await emu.stripe.invoices.list({ customer: a.customer })).data[0].id!;
      signInAs(a.user);
      const aSetup = await call(setupRoute, {}, { body: { requestId: rid() } });
      const before = await emu.stripe.subscriptions.retrieve(a.subscriptionId);

      for (const viewer of [b.user, await test.db.user.create({ data: { email: `nocustomer.${Date.now()}@example.com` } })]) {
        signInAs(viewer);
        const sub = { id: a.subscriptionId };
        const responses = [
          await call(previewRoute, sub, { body: { priceId: price("Pro").id, quantity: 1 } }),
          await call(changeRoute, sub, { body: { priceId: price("Pro").id, quantity: 1, prorationDate: Math.floor(Date.now() / 1000), requestId: rid() } }),
          await call(cancelRoute, sub, { body: { mode: "now", requestId: rid() } }),
          await call(cancelRoute, sub, { body: { mode: "period_end", requestId: rid() } }),
          await call(resumeRoute, sub, { body: { requestId: rid() } }),
          await call(defaultRoute, { id: aCard }, { body: { requestId: rid() } }),
          await call(removeRoute, { id: aCard }, { method: "DELETE" }),
          await call(payRoute, { id: aInvoice }, { body: { requestId: rid() } }),
          await call(completeSetupRoute, { id: aSetup.json.setupIntentId }, { body: { makeDefault: true } }),
          await call(cancelRoute, { id: "sub_doesnotexist" }, { body: { mode: "now", requestId: rid() } }),
        ];
        for (const r of responses) {
          expect(r.status).toBe(404);
          expect(r.json.error.message).toMatch(/not found|don't have/i);
        }
      }

      const after = await emu.stripe.subscriptions.retrieve(a.subscriptionId);
      expect(after).toMatchObject({ status: "active", cancel_at_period_end: false, default_payment_method: before.default_payment_method });
      expect(after.items.data[0].price.id).toBe(before.items.data[0].price.id);
      expect((await emu.stripe.paymentMethods.retrieve(aCard)).customer).toBe(a.customer);
      expect((await emu.stripe.customers.retrieve(a.customer)) as { invoice_settings: { default_payment_method: unknown } }).toMatchObject({ invoice_settings: { default_payment_method: null } });
      expect((await getCurrentSubscription(a.user.id))!.status).toBe("active");
    });

    it("a visitor gets 401", async () => {
      const a = await subscribedUser(ctx());
      signInAs(null);
      expect((await call(cancelRoute, { id: a.subscriptionId }, { body: { mode: "now", requestId: rid() } })).status).toBe(401);
      expect((await emu.stripe.subscriptions.retrieve(a.subscriptionId)).status).toBe("active");
    });
  });

  describe("changing plan", () => {
    it("an upgrade invoices exactly the previewed proration, charged at once, and the plan changes", async () => {
      const a = await subscribedUser(ctx(), { plan: "Starter" });
      const preview = await call(previewRoute, { id: a.subscriptionId }, { body: { priceId: price("Pro").id, quantity: 1 } });
      expect(preview.status).toBe(200);
      const p = preview.json;
      expect(p.credited).toBeGreaterThan(0);
      expect(p.charged).toBeGreaterThan(p.credited);
      expect(p.total).toBe(p.charged - p.credited);
      expect(p.amountDueToday).toBe(p.total);
      expect(p.nextRenewal.amount).toBe(price("Pro").unitAmount);
      // Nothing changed by previewing.
      expect((await emu.stripe.subscriptions.retrieve(a.subscriptionId)).items.data[0].price.id).toBe(price("Starter").stripePriceId);

      await new Promise((r) => setTimeout(r, 1100)); // a second passes: the pinned proration date keeps the amount
      const change = await call(changeRoute, { id: a.subscriptionId }, { body: { priceId: price("Pro").id, quantity: 1, prorationDate: p.prorationDate, requestId: rid() } });
      expect(change.status).toBe(200);
      expect(change.json.invoice).toMatchObject({ total: p.total, amountPaid: p.amountDueToday, status: "paid" });
      const invoice = await emu.stripe.invoices.retrieve(change.json.invoice.id);
      expect(invoice.billing_reason).toBe("subscription_update");
      expect(invoice.total).toBe(p.total);
      const sub = await emu.stripe.subscriptions.retrieve(a.subscriptionId);
      expect(sub.items.data[0].price.id).toBe(price("Pro").stripePriceId);
      const mirrored = await getCurrentSubscription(a.user.id);
      expect(mirrored).toMatchObject({ stripePriceId: price("Pro").stripePriceId, planName: "Pro" });
      expect((await listInvoices(a.user.id)).find((i) => i.stripeInvoiceId === invoice.id)).toMatchObject({ total: p.total, status: "paid" });
      expect(await portalAudit(a.customer)).toEqual([
        { action: "portal.plan_change", actorEmail: a.user.email, details: expect.objectContaining({ stripeSubscriptionId: a.subscriptionId, to: { plan: "Pro", price: price("Pro").stripePriceId, quantity: 1 } }) },
      ]);
    });

    it("a downgrade credits the previewed amount to the balance, and seats change on the per-seat plan", async () => {
      const a = await subscribedUser(ctx(), { plan: "Team", quantity: 5 });
      const preview = await call(previewRoute, { id: a.subscriptionId }, { body: { priceId: price("Team").id, quantity: 2 } });
      expect(preview.status).toBe(200);
      expect(preview.json.total).toBeLessThan(0);
      expect(preview.json.amountDueToday).toBe(0);
      expect(preview.json.creditToBalance).toBe(-preview.json.total);
      expect(preview.json.nextRenewal.amount).toBe(price("Team").unitAmount * 2);
      const change = await call(changeRoute, { id: a.subscriptionId }, { body: { priceId: price("Team").id, quantity: 2, prorationDate: preview.json.prorationDate, requestId: rid() } });
      expect(change.status).toBe(200);
      expect(change.json.invoice.total).toBe(preview.json.total);
      const customer = await emu.stripe.customers.retrieve(a.customer);
      expect((customer as { balance: number }).balance).toBe(preview.json.total);
      expect((await getCurrentSubscription(a.user.id))!.quantity).toBe(2);
    });

    it("bad input is a 400 naming the field, a stale preview a 409, and nothing changes", async () => {
      const a = await subscribedUser(ctx(), { plan: "Starter" });
      const id = { id: a.subscriptionId };
      const cases: [unknown, string][] = [
        [{ priceId: "nope", quantity: 1 }, "priceId"],
        [{ priceId: price("Starter").id, quantity: 3 }, "quantity"],
        [{ priceId: price("Team").id, quantity: 0 }, "quantity"],
        [{ priceId: price("Pro", "year").id, quantity: 1 }, "priceId"],
        [{ priceId: price("Starter").id, quantity: 1 }, "priceId"],
      ];
      for (const [body, field] of cases) {
        const r = await call(previewRoute, id, { body });
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.json.error.field).toBe(field);
      }
      const noRequestId = await call(changeRoute, id, { body: { priceId: price("Pro").id, quantity: 1, prorationDate: Math.floor(Date.now() / 1000) } });
      expect(noRequestId).toMatchObject({ status: 400, json: { error: { field: "requestId" } } });
      const stale = await call(changeRoute, id, { body: { priceId: price("Pro").id, quantity: 1, prorationDate: Math.floor(Date.now() / 1000) - 3 * 3600, requestId: rid() } });
      expect(stale.status).toBe(409);
      expect((await call(changeRoute, id, { body: "{not json" })).status).toBe(400);
      const sub = await emu.stripe.subscriptions.retrieve(a.subscriptionId);
      expect(sub.items.data[0].price.id).toBe(price("Starter").stripePriceId);
      expect((await emu.stripe.invoices.list({ customer: a.customer })).data).toHaveLength(1);
    });
  });

  describe("cancel and resume", () => {
    it("cancel at period end, then resume, then cancel now; each reflected in the mirror", async () => {
      const a = await subscribedUser(ctx());
      const id = { id: a.subscriptionId };
      const cancel = await call(cancelRoute, id, { body: { mode: "period_end", requestId: rid() } });
      expect(cancel).toMatchObject({ status: 200, json: { status: "active", cancelAtPeriodEnd: true } });
      expect(cancel.json.cancelAt).toBe(a.subscription.items.data[0].current_period_end);
      expect(await getCurrentSubscription(a.user.id)).toMatchObject({ cancelAtPeriodEnd: true });
      expect((await call(cancelRoute, id, { body: { mode: "period_end", requestId: rid() } })).status).toBe(409);

      const resume = await call(resumeRoute, id, { body: { requestId: rid() } });
      expect(resume).toMatchObject({ status: 200, json: { status: "active", cancelAtPeriodEnd: false, cancelAt: null } });
      expect(await getCurrentSubscription(a.user.id)).toMatchObject({ cancelAtPeriodEnd: false, cancelAt: null });
      expect((await call(resumeRoute, id, { body: { requestId: rid() } })).status).toBe(409);

      const now = await call(cancelRoute, id, { body: { mode: "now", requestId: rid() } });
      expect(now).toMatchObject({ status: 200, json: { status: "canceled" } });
      expect((await test.db.subscription.findUniqueOrThrow({ where: { stripeSubscriptionId: a.subscriptionId } })).status).toBe("canceled");
      expect(await getCurrentSubscription(a.user.id)).toBeNull();
      expect((await call(cancelRoute, id, { body: { mode: "now", requestId: rid() } })).status).toBe(409);
      expect((await call(cancelRoute, id, { body: { mode: "later", requestId: rid() } })).json.error.field).toBe("mode");
      // What was done is audited once each; the refused attempts are not.
      expect((await portalAudit(a.customer)).map((r) => [r.action, r.details.mode ?? null])).toEqual([
        ["portal.subscription_cancel", "period_end"],
        ["portal.subscription_resume", null],
        ["portal.subscription_cancel", "now"],
      ]);
    });
  });

  describe("payment methods", () => {
    it("the only card of a live subscription can't be removed; the default can't either until another is made default", async () => {
      const a = await subscribedUser(ctx());
      const visa = (await emu.stripe.customers.listPaymentMethods(a.customer)).data[0].id;
      const only = await call(removeRoute, { id: visa }, { method: "DELETE" });
      expect(only.status).toBe(409);
      expect(only.json.error.message).toMatch(/only card/);
      expect((await emu.stripe.paymentMethods.retrieve(visa)).customer).toBe(a.customer);

      const mastercard = await addCard(a.user, "pm_card_mastercard");
      expect((await listPaymentMethods(a.user.id)).map((p) => [p.stripePaymentMethodId, p.isDefault])).toEqual([
        [visa, true],
        [mastercard, false],
      ]);
      const isDefault = await call(removeRoute, { id: visa }, { method: "DELETE" });
      expect(isDefault.status).toBe(409);
      expect(isDefault.json.error.message).toMatch(/default/);

      expect((await call(defaultRoute, { id: mastercard }, { body: { requestId: rid() } })).status).toBe(200);
      const customer = (await emu.stripe.customers.retrieve(a.customer)) as { invoice_settings: { default_payment_method: string } };
      expect(customer.invoice_settings.default_payment_method).toBe(mastercard);
      expect((await emu.stripe.subscriptions.retrieve(a.subscriptionId)).default_payment_method).toBe(mastercard);
      expect((await listPaymentMethods(a.user.id)).find((p) => p.isDefault)!.stripePaymentMethodId).toBe(mastercard);

      const removed = await call(removeRoute, { id: visa }, { method: "DELETE" });
      expect(removed.status).toBe(200);
      expect((await emu.stripe.paymentMethods.retrieve(visa)).customer).toBeNull();
      expect((await listPaymentMethods(a.user.id)).map((p) => p.stripePaymentMethodId)).toEqual([mastercard]);
      expect((await portalAudit(a.customer)).map((r) => [r.action, r.details.paymentMethodId, r.details.card])).toEqual([
        ["portal.card_add", mastercard, expect.stringMatching(/^mastercard •••• \d{4}$/)],
        ["portal.card_default", mastercard, expect.stringMatching(/^mastercard •••• \d{4}$/)],
        ["portal.card_remove", visa, expect.stringMatching(/^visa •••• \d{4}$/)],
      ]);
    });

    it("the same requestId gives the same SetupIntent (a double click makes one), a new one another", async () => {
      await subscribedUser(ctx());
      const requestId = rid();
      const [x, y] = await Promise.all([call(setupRoute, {}, { body: { requestId } }), call(setupRoute, {}, { body: { requestId } })].map((p) => p.catch(() => null)));
      const ids = [x, y].filter((r) => r?.status === 201).map((r) => r!.json.setupIntentId);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(1);
      const again = await call(setupRoute, {}, { body: { requestId } });
      expect(again.json.setupIntentId).toBe(ids[0]);
      const other = await call(setupRoute, {}, { body: { requestId: rid() } });
      expect(other.json.setupIntentId).not.toBe(ids[0]);
    });

    it("a card setup that isn't confirmed yet is refused with 409", async () => {
      const a = await subscribedUser(ctx());
      const setup = await call(setupRoute, {}, { body: { requestId: rid() } });
      const done = await call(completeSetupRoute, { id: setup.json.setupIntentId }, { body: {} });
      expect(done.status).toBe(409);
      expect((await emu.stripe.customers.listPaymentMethods(a.customer)).data).toHaveLength(1);
      expect((await call(setupRoute, {}, { body: {} })).status).toBe(400);
    });
  });

  describe("invoices", () => {
    it("a failed renewal leaves the subscription past due; paying the open invoice with a new default card recovers it", async () => {
      const a = await subscribedUser(ctx());
      const failing = await addCard(a.user, "pm_card_chargeCustomerFail", true);
      const periodEnd = a.subscription.items.data[0].current_period_end;
      await advanceClock(emu, a.customer, periodEnd + 2 * 3600);
      const sub = await syncSubscriptionById(a.subscriptionId);
      expect(sub.status).toBe("past_due");
      const open = (await emu.stripe.invoices.list({ customer: a.customer, status: "open" })).data[0];
      expect(open.billing_reason).toBe("subscription_cycle");
      expect(failing).toMatch(/^pm_/);

      const change = await call(previewRoute, { id: a.subscriptionId }, { body: { priceId: price("Pro").id, quantity: 1 } });
      expect(change.status).toBe(409);
      expect(change.json.error.message).toMatch(/Pay the open invoice/);

      const declined = await call(payRoute, { id: open.id! }, { body: { requestId: rid() } });
      expect(declined.status).toBe(402);
      expect(declined.json.error.message).toMatch(/declined/i);

      await addCard(a.user, "pm_card_visa", true);
      const paid = await call(payRoute, { id: open.id! }, { body: { requestId: rid() } });
      expect(paid).toMatchObject({ status: 200, json: { status: "paid", amountPaid: open.amount_due, subscriptionStatus: "active" } });
      expect(await getCurrentSubscription(a.user.id)).toMatchObject({ status: "active" });
      expect((await listInvoices(a.user.id)).find((i) => i.stripeInvoiceId === open.id)).toMatchObject({ status: "paid" });

      const again = await call(payRoute, { id: open.id! }, { body: { requestId: rid() } });
      expect(again.status).toBe(409);
    });
  });
});
