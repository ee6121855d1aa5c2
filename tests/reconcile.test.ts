// Reconciliation: webhooks dropped on purpose (emulator chaos drop_types) leave
// the database behind Stripe; one reconcile run repairs it, reports what it
// changed, and a second run finds nothing. Also the admin route's access and
// input checks.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as reconcileRoute } from "@/app/api/admin/reconcile/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { parseSince } from "@/lib/reconcile/reconcile";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually, useEmulator } from "./helpers/emulator";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";
import { useSignedInAs } from "./helpers/session";

const reconcileRequest = (body: unknown) =>
  new Request("http://payport.test/api/admin/reconcile", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDatabases())("reconcile on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator({ webhooks: true });
  const signInAs = useSignedInAs();
  let teePrice: string;
  let admin: { id: string };

  beforeAll(async () => {
    await seedCatalog();
    teePrice = await priceIdByLookupKey(test.db, "payport_tee_usd");
    admin = await test.db.user.create({ data: { email: `admin-${kind}@example.com`, role: "admin" } });
  });
  afterEach(() => emu.control("/_emulator/chaos", { drop_types: [] }));

  async function checkout() {
    const { status, json } = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity: 1 }] });
    expect(status).toBe(201);
    return { orderId: json.orderId as string, piId: (json.clientSecret as string).split("_secret_")[0] };
  }
  const confirm = (piId: string, pm: string) => emu.stripe.paymentIntents.confirm(piId, { payment_method: pm, return_url: "http://localhost:3000/done" });
  const order = (id: string) => test.db.order.findUniqueOrThrow({ where: { id }, include: { refunds: true, disputes: true } });

  it("missed payment, dispute and refund webhooks are repaired, reported and audited; a second run changes nothing", async () => {
    const since = Math.floor(Date.now() / 1000) - 5;

    // Paid, refunded in part: the refund's webhooks are lost.
    const refunded = await checkout();
    await confirm(refunded.piId, "pm_card_visa");
    await eventually(async () => (await order(refunded.orderId)).status === "paid");
    await sleep(300); // let the charge's follow-up events land before dropping
    await emu.control("/_emulator/chaos", { drop_types: ["refund.created", "refund.updated", "charge.refunded", "charge.updated"] });
    const refund = await emu.stripe.refunds.create({ payment_intent: refunded.piId, amount: 1000 });

    // Paid with the dispute card: the success and dispute webhooks are lost.
    await emu.control("/_emulator/chaos", {
      drop_types: ["payment_intent.succeeded", "charge.succeeded", "charge.updated", "charge.dispute.created", "charge.dispute.funds_withdrawn"],
    });
    const disputed = await checkout();
    await confirm(disputed.piId, "pm_card_createDispute");
    const [stripeDispute] = (await eventually(async () => (await emu.stripe.disputes.list({ payment_intent: disputed.piId })).data.length > 0 && (await emu.stripe.disputes.list({ payment_intent: disputed.piId })).data));
    await sleep(500); // any delivery still in flight has been dropped

    expect((await order(disputed.orderId)).status).not.toBe("paid");
    expect((await order(disputed.orderId)).disputes).toHaveLength(0);
    expect((await order(refunded.orderId)).amountRefunded).toBe(0);

    signInAs(admin);
    const response = await reconcileRoute(reconcileRequest({ since }));
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.errors).toEqual([]);

    // The database now matches Stripe.
    const pi = await emu.stripe.paymentIntents.retrieve(disputed.piId);
    const fixed = await order(disputed.orderId);
    expect(fixed).toMatchObject({ status: "paid", paymentStatus: pi.status, stripeChargeId: pi.latest_charge });
    expect(fixed.disputes).toHaveLength(1);
    expect(fixed.disputes[0]).toMatchObject({ stripeDisputeId: stripeDispute.id, status: stripeDispute.status, amount: stripeDispute.amount });
    const charge = await emu.stripe.charges.retrieve((await emu.stripe.paymentIntents.retrieve(refunded.piId)).latest_charge as string);
    const repaired = await order(refunded.orderId);
    expect(repaired.amountRefunded).toBe(charge.amount_refunded);
    expect(repaired.refunds).toEqual([expect.objectContaining({ stripeRefundId: refund.id, amount: 1000, status: refund.status })]);

    // Reported: what changed, and where.
    expect(report.counts.payment_intents.changed).toBeGreaterThanOrEqual(1);
    expect(report.counts.disputes).toMatchObject({ changed: 1 });
    expect(report.counts.refunds).toMatchObject({ changed: 1 });
    const changeFor = (table: string, rowId: string) => report.changes.find((c: { table: string; rowId: string }) => c.table === table && c.rowId === rowId);
    expect(changeFor("order", disputed.orderId).fields.status[1]).toBe("paid");
    expect(changeFor("dispute", fixed.disputes[0].id)).toMatchObject({ action: "created", stripeId: stripeDispute.id });
    expect(changeFor("refund", repaired.refunds[0].id)).toMatchObject({ action: "created", stripeId: refund.id });

    const audit = await test.db.auditLog.findFirstOrThrow({ where: { action: "reconcile.run" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "reconcile" });
    expect(JSON.parse(audit.details).counts.disputes.changed).toBe(1);

    const again = await (await reconcileRoute(reconcileRequest({ since }))).json();
    expect(again.changes).toEqual([]);
    expect(again.counts.payment_intents.seen).toBeGreaterThanOrEqual(2);
  });

  it("a subscription and its invoice whose webhooks were lost are mirrored by reconcile", async () => {
    const since = Math.floor(Date.now() / 1000) - 5;
    const billingTypes = ["customer.subscription.created", "customer.subscription.updated", "invoice.created", "invoice.finalized", "invoice.updated", "invoice.paid", "invoice.payment_succeeded", "invoice_payment.paid"];
    const paymentTypes = ["payment_intent.created", "payment_intent.succeeded", "charge.succeeded", "charge.updated", "payment_method.attached", "customer.created", "customer.updated"];
    await emu.control("/_emulator/chaos", { drop_types: [...billingTypes, ...paymentTypes] });
    const price = await emu.stripe.prices.create({ currency: "usd", unit_amount: 1200, recurring: { interval: "month" }, product_data: { name: "Reconcile plan" } });
    const card = await emu.stripe.paymentMethods.create({ type: "card", card: { token: "tok_visa" } });
    const customer = await emu.stripe.customers.create({ email: "sub@example.com", payment_method: card.id, invoice_settings: { default_payment_method: card.id } });
    const sub = await emu.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await sleep(500);
    expect(await test.db.subscription.count({ where: { stripeSubscriptionId: sub.id } })).toBe(0);

    signInAs(admin);
    const report = await (await reconcileRoute(reconcileRequest({ since }))).json();
    expect(report.errors).toEqual([]);
    const fresh = await emu.stripe.subscriptions.retrieve(sub.id);
    expect(await test.db.subscription.findUniqueOrThrow({ where: { stripeSubscriptionId: sub.id } })).toMatchObject({ status: fresh.status, stripePriceId: price.id });
    const invoice = await emu.stripe.invoices.retrieve(fresh.latest_invoice as string);
    expect(await test.db.invoice.findUniqueOrThrow({ where: { stripeInvoiceId: invoice.id! } })).toMatchObject({ status: invoice.status, amountPaid: invoice.amount_paid });
    expect(report.counts.subscriptions.changed).toBe(1);
    expect(report.counts.invoices.changed).toBeGreaterThanOrEqual(1);
  });

  it("bad since is a 400; customers get 403 and visitors 401, and nothing runs", async () => {
    signInAs(admin);
    for (const since of ["yesterday-ish", "", null, "2999-01-01"]) {
      const res = await reconcileRoute(reconcileRequest({ since }));
      expect(res.status).toBe(400);
      expect((await res.json()).error.field).toBe("since");
    }
    const customer = await test.db.user.create({ data: { email: `c-${kind}-${Date.now()}@example.com` } });
    const runs = await test.db.auditLog.count({ where: { action: "reconcile.run" } });
    for (const [who, status] of [[customer, 403], [null, 401]] as const) {
      signInAs(who);
      expect((await reconcileRoute(reconcileRequest({ since: "2026-01-01" }))).status).toBe(status);
    }
    expect(await test.db.auditLog.count({ where: { action: "reconcile.run" } })).toBe(runs);
  });

  it("since accepts ISO dates and unix seconds", () => {
    expect(parseSince("2026-11-01")).toBe(Date.UTC(2026, 10, 1) / 1000);
    expect(parseSince("1767225600")).toBe(1767225600);
    expect(parseSince(1767225600)).toBe(1767225600);
  });
});
