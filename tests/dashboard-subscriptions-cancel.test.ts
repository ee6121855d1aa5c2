// Admin cancel from the subscriptions page, against the emulator with real
// webhooks: at the period end or now, mirrored and audited with Stripe's
// request id; bad input, ended subscriptions and non-admins change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as cancelRoute } from "@/app/api/admin/subscriptions/[id]/cancel/route";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually, useEmulator } from "./helpers/emulator";
import { useSignedInAs } from "./helpers/session";

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (body: unknown) => new Request("http://payport.test/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const submissionId = () => `sub_${Math.random().toString(36).slice(2, 12)}`;

describe.each(testDatabases())("admin subscription cancel on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator({ webhooks: true });
  const signInAs = useSignedInAs();
  let admin: { id: string };
  let priceId: string;

  beforeAll(async () => {
    admin = await test.db.user.create({ data: { email: `admin-${kind}@example.com`, role: "admin" } });
    priceId = (await emu.stripe.prices.create({ currency: "usd", unit_amount: 1500, recurring: { interval: "month" }, product_data: { name: "Team" } })).id;
  });

  async function subscription() {
    const card = await emu.stripe.paymentMethods.create({ type: "card", card: { token: "tok_visa" } });
    const customer = await emu.stripe.customers.create({ email: "sub@example.com", payment_method: card.id, invoice_settings: { default_payment_method: card.id } });
    const sub = await emu.stripe.subscriptions.create({ customer: customer.id, items: [{ price: priceId }] });
    return eventually(() => test.db.subscription.findFirst({ where: { stripeSubscriptionId: sub.id, status: "active" } }));
  }

  it("at the period end: Stripe and the mirror say so, audited with the request id", async () => {
    const row = await subscription();
    signInAs(admin);
    const res = await cancelRoute(post({ mode: "period_end", submissionId: submissionId() }), params(row.id));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "active", cancelAtPeriodEnd: true, stripeRequestId: expect.stringMatching(/^req_/) });
    expect((await emu.stripe.subscriptions.retrieve(row.stripeSubscriptionId)).cancel_at_period_end).toBe(true);
    expect((await test.db.subscription.findUniqueOrThrow({ where: { id: row.id } })).cancelAtPeriodEnd).toBe(true);
    const audit = await test.db.auditLog.findFirstOrThrow({ where: { action: "subscription.cancel", targetId: row.id } });
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "subscription" });
    expect(audit.stripeRequestId).toMatch(/^req_/);
    // Already scheduled: refused, nothing sent.
    expect((await cancelRoute(post({ mode: "period_end", submissionId: submissionId() }), params(row.id))).status).toBe(409);
  });

  it("now: the subscription ends; a second cancel is refused", async () => {
    const row = await subscription();
    signInAs(admin);
    const res = await cancelRoute(post({ mode: "now", submissionId: submissionId() }), params(row.id));
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("canceled");
    expect((await test.db.subscription.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("canceled");
    expect((await cancelRoute(post({ mode: "now", submissionId: submissionId() }), params(row.id))).status).toBe(409);
  });

  it("bad input is a 400, an unknown subscription a 404, non-admins 403/401; nothing changes", async () => {
    const row = await subscription();
    signInAs(admin);
    expect((await cancelRoute(post({ mode: "later", submissionId: submissionId() }), params(row.id))).status).toBe(400);
    expect((await cancelRoute(post({ mode: "now" }), params(row.id))).status).toBe(400);
    expect((await cancelRoute(post({ mode: "now", submissionId: submissionId() }), params("nope"))).status).toBe(404);
    const customer = await test.db.user.create({ data: { email: `c-${kind}-${Date.now()}@example.com` } });
    for (const [who, status] of [[customer, 403], [null, 401]] as const) {
      signInAs(who);
      expect((await cancelRoute(post({ mode: "now", submissionId: submissionId() }), params(row.id))).status).toBe(status);
    }
    expect((await emu.stripe.subscriptions.retrieve(row.stripeSubscriptionId)).status).toBe("active");
    expect(await test.db.auditLog.count({ where: { targetId: row.id } })).toBe(0);
  });
});
