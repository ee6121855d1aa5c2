// Subscribing against the emulator and a real database: validation against
// the catalog, one subscription however many requests race, reuse of an
// unpaid attempt, 409 once subscribed, trials without a charge, promotion codes.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postSubscribe } from "@/app/api/billing/subscribe/route";
import { GET as getProgress } from "@/app/api/billing/subscribe/[subscriptionId]/route";
import { GET as getProgressEvents } from "@/app/api/billing/subscribe/[subscriptionId]/events/route";
import { GET as getPlans } from "@/app/api/billing/plans/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { listMeteredAddon, listPlans, type Plan } from "@/lib/catalog/plans";
import { listStorefrontProducts } from "@/lib/catalog/queries";
import { getCurrentSubscription, listPaymentMethods } from "@/lib/subscriptions/queries";
import { syncSubscriptionById } from "@/lib/subscriptions/sync";
import { syncCustomerPaymentMethods } from "@/lib/payment-methods/apply";
import { getSubscriptionProgress } from "@/lib/subscriptions/progress";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useEmulator } from "./helpers/emulator";
import { useSignedInAs } from "./helpers/session";
import { sseReader } from "./helpers/sse";

const post = (body: unknown) =>
  postSubscribe(new Request("http://payport.test/api/billing/subscribe", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));

describe.each(testDatabases())("subscribing on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator();
  const signInAs = useSignedInAs();
  let plans: Plan[];
  const planNamed = (name: string) => plans.find((p) => p.name === name)!;
  const priceOf = (name: string, interval: "month" | "year" = "month") => planNamed(name).prices.find((p) => p.interval === interval)!;

  beforeAll(async () => {
    await seedCatalog();
    plans = await listPlans();
  });
  beforeEach(() => signInAs(null));

  let seq = 0;
  async function newUser() {
    const user = await test.db.user.create({ data: { email: `sub${++seq}.${Date.now().toString(36)}@example.com`, name: "Sub Scriber" } });
    signInAs(user);
    return user;
  }

  async function payFirstInvoice(clientSecret: string, card = "pm_card_visa") {
    const piId = clientSecret.split("_secret_")[0];
    return emu.stripe.paymentIntents.confirm(piId, { payment_method: card, return_url: "http://payport.test/return" });
  }

  describe("catalog", () => {
    it("seeds three plans with monthly and yearly prices, a trial, a per-seat plan and a metered add-on on a meter; idempotently", async () => {
      expect(plans.map((p) => p.name)).toEqual(["Starter", "Team", "Pro"]);
      for (const plan of plans) expect(plan.prices.map((p) => p.interval).sort()).toEqual(["month", "year"]);
      expect(planNamed("Team").perSeat).toBe(true);
      expect(planNamed("Pro").trialDays).toBe(14);
      expect(planNamed("Starter").features.length).toBeGreaterThan(0);
      const addon = (await listMeteredAddon())!;
      expect(addon.price.meterId).toMatch(/^mtr_/);
      const meter = await emu.stripe.billing.meters.retrieve(addon.price.meterId!);
      expect(meter.event_name).toBe("payport_api_requests");
      const again = await seedCatalog();
      expect(again.created).toEqual([]);
      expect((await emu.stripe.billing.meters.list({ limit: 100 })).data.filter((m) => m.event_name === "payport_api_requests")).toHaveLength(1);
    });

    it("the storefront lists only goods, and /api/billing/plans lists the plans and the add-on", async () => {
      const storefront = await listStorefrontProducts();
      expect(storefront.map((p) => p.name)).not.toContain("Starter");
      expect(storefront.map((p) => p.name)).not.toContain("API requests");
      const body = await (await getPlans(new Request("http://localhost/api/billing/plans"))).json();
      expect(body.plans).toHaveLength(3);
      expect(body.meteredAddon.name).toBe("API requests");
    });
  });

  describe("validation", () => {
    it("a visitor gets 401", async () => {
      const res = await post({ priceId: priceOf("Starter").id });
      expect(res.status).toBe(401);
    });

    it("an unknown price, seats on a flat plan, bad quantities and a yearly plan with the monthly add-on are 400s naming the field; nothing reaches Stripe", async () => {
      await newUser();
      const before = (await emu.stripe.subscriptions.list({ status: "all", limit: 100 })).data.length;
      const cases: [unknown, string][] = [
        [{ priceId: "nope" }, "priceId"],
        [{}, "priceId"],
        [{ priceId: priceOf("Starter").id, quantity: 3 }, "quantity"],
        [{ priceId: priceOf("Team").id, quantity: 0 }, "quantity"],
        [{ priceId: priceOf("Team").id, quantity: 1.5 }, "quantity"],
        [{ priceId: priceOf("Team").id, quantity: 101 }, "quantity"],
        [{ priceId: priceOf("Starter", "year").id, meteredAddon: true }, "meteredAddon"],
        [{ priceId: priceOf("Starter").id, promotionCode: "no spaces!" }, "promotionCode"],
      ];
      for (const [body, field] of cases) {
        const res = await post(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect((await res.json()).error.field).toBe(field);
      }
      expect((await emu.stripe.subscriptions.list({ status: "all", limit: 100 })).data.length).toBe(before);
    });
  });

  it("creates a default_incomplete subscription whose first invoice the browser pays; paying makes it active and saves the card", async () => {
    const user = await newUser();
    const res = await post({ priceId: priceOf("Team").id, quantity: 3 });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ status: "incomplete", amountDue: 3600, currency: "usd", intent: { type: "payment" } });
    expect(body.intent.clientSecret).toMatch(/^pi_.+_secret_/);
    const sub = await emu.stripe.subscriptions.retrieve(body.subscriptionId);
    expect(sub.items.data[0].quantity).toBe(3);
    expect(sub.metadata.user_id).toBe(user.id);

    await payFirstInvoice(body.intent.clientSecret);
    const progress = await (await getProgress(new Request("http://payport.test"), { params: Promise.resolve({ subscriptionId: body.subscriptionId }) })).json();
    expect(progress).toMatchObject({ status: "active", planName: "Team", quantity: 3, settled: true });
    const current = (await getCurrentSubscription(user.id))!;
    expect(current).toMatchObject({ status: "active", quantity: 3, interval: "month" });
    expect(current.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now());
    await syncCustomerPaymentMethods(current.stripeCustomerId);
    expect(await listPaymentMethods(user.id)).toMatchObject([{ last4: "4242", isDefault: true }]);

    const again = await post({ priceId: priceOf("Starter").id });
    expect(again.status).toBe(409);
  });

  it("two concurrent subscribe calls (two tabs) create one subscription and both get its secret", async () => {
    const user = await newUser();
    const request = { priceId: priceOf("Starter").id };
    const [a, b] = await Promise.all([post(request), post(request)]);
    expect([a.status, b.status].every((s) => s === 200 || s === 201)).toBe(true);
    const [ba, bb] = [await a.json(), await b.json()];
    expect(ba.subscriptionId).toBe(bb.subscriptionId);
    expect(ba.intent.clientSecret).toBe(bb.intent.clientSecret);
    const customer = (await test.db.user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId!;
    expect((await emu.stripe.subscriptions.list({ customer, status: "all" })).data).toHaveLength(1);

    // A later click with the same choices reuses the unpaid attempt.
    const third = await post(request);
    expect(third.status).toBe(200);
    expect((await third.json()).subscriptionId).toBe(ba.subscriptionId);
  });

  it("two tabs racing with different choices never leave two unpaid or live subscriptions", async () => {
    const user = await newUser();
    const results = await Promise.all([post({ priceId: priceOf("Starter").id }), post({ priceId: priceOf("Team").id, quantity: 5 }), post({ priceId: priceOf("Starter").id })]);
    for (const res of results) expect([200, 201, 409]).toContain(res.status);
    const customer = (await test.db.user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId!;
    const open = (await emu.stripe.subscriptions.list({ customer, status: "all" })).data.filter((s) => s.status !== "canceled");
    expect(open).toHaveLength(1);
  });

  it("changing the plan before paying cancels the unpaid attempt and starts a new one", async () => {
    const user = await newUser();
    const first = await (await post({ priceId: priceOf("Starter").id })).json();
    const second = await post({ priceId: priceOf("Team").id, quantity: 2 });
    expect(second.status).toBe(201);
    const body = await second.json();
    expect(body.subscriptionId).not.toBe(first.subscriptionId);
    expect((await emu.stripe.subscriptions.retrieve(first.subscriptionId)).status).toBe("canceled");
    expect(await getCurrentSubscription(user.id)).toMatchObject({ stripeSubscriptionId: body.subscriptionId, status: "incomplete", quantity: 2 });
  });

  it("a trial starts without a charge and asks for the card through the pending SetupIntent; confirming it saves the card", async () => {
    const user = await newUser();
    const res = await post({ priceId: priceOf("Pro").id });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ status: "trialing", amountDue: 0, intent: { type: "setup" } });
    expect(body.intent.clientSecret).toMatch(/^seti_/);
    expect(body.trialEnd).toBeGreaterThan(Date.now() / 1000 + 13 * 86400);
    const customer = (await test.db.user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId!;
    expect((await emu.stripe.charges.list({ customer })).data).toHaveLength(0);

    const setiId = body.intent.clientSecret.split("_secret_")[0];
    await emu.stripe.setupIntents.confirm(setiId, { payment_method: "pm_card_visa", return_url: "http://payport.test/return" });
    const sub = await syncSubscriptionById(body.subscriptionId);
    expect(sub.status).toBe("trialing");
    expect(sub.default_payment_method).toBeTruthy();
    expect((await getCurrentSubscription(user.id))!.trialEnd).not.toBeNull();
    expect((await emu.stripe.charges.list({ customer })).data).toHaveLength(0);
  });

  it("a trial whose SetupIntent card did not become the subscription's default gets it from the return page (checked against the customer)", async () => {
    const user = await newUser();
    const body = await (await post({ priceId: priceOf("Pro").id })).json();
    const setiId = body.intent.clientSecret.split("_secret_")[0];
    await emu.stripe.setupIntents.confirm(setiId, { payment_method: "pm_card_visa", return_url: "http://payport.test/return" });
    // As if Stripe had not set it: clear the default, then come back from confirmSetup.
    await emu.stripe.subscriptions.update(body.subscriptionId, { default_payment_method: "" });
    await syncSubscriptionById(body.subscriptionId);
    expect((await getCurrentSubscription(user.id))!.defaultPaymentMethod).toBeNull();

    // Someone else's SetupIntent is ignored.
    const stranger = await emu.stripe.customers.create({ email: "stranger@example.com" });
    const foreign = await emu.stripe.setupIntents.create({ customer: stranger.id, payment_method: "pm_card_mastercard", confirm: true, return_url: "http://payport.test/r" });
    let progress = await getSubscriptionProgress(user.id, body.subscriptionId, { setupIntentId: foreign.id });
    expect(progress).toMatchObject({ status: "trialing", settled: false, defaultPaymentMethod: null });

    progress = await getSubscriptionProgress(user.id, body.subscriptionId, { setupIntentId: setiId });
    const seti = await emu.stripe.setupIntents.retrieve(setiId);
    expect(progress).toMatchObject({ status: "trialing", settled: true, defaultPaymentMethod: seti.payment_method });
  });

  describe("promotion codes", () => {
    beforeAll(async () => {
      const coupon = await emu.stripe.coupons.create({ percent_off: 25, duration: "once", name: "Launch" });
      await emu.stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: "LAUNCH25" });
      await emu.stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: "OLD10", active: false });
    });

    it("a valid code (any case) discounts the first invoice", async () => {
      await newUser();
      const res = await post({ priceId: priceOf("Starter").id, promotionCode: "launch25" });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.amountDue).toBe(675);
      const sub = await emu.stripe.subscriptions.retrieve(body.subscriptionId);
      expect(sub.discounts).toHaveLength(1);
    });

    it("an unknown or inactive code is a 400 on promotionCode and no subscription is created", async () => {
      const user = await newUser();
      for (const code of ["NOPE", "OLD10"]) {
        const res = await post({ priceId: priceOf("Starter").id, promotionCode: code });
        expect(res.status).toBe(400);
        expect((await res.json()).error).toMatchObject({ field: "promotionCode", message: expect.stringContaining("not valid") });
      }
      const customer = (await test.db.user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId;
      if (customer) expect((await emu.stripe.subscriptions.list({ customer, status: "all" })).data).toHaveLength(0);
    });
  });

  it("the metered add-on joins a monthly plan as a second item without a quantity", async () => {
    await newUser();
    const res = await post({ priceId: priceOf("Starter").id, meteredAddon: true });
    expect(res.status).toBe(201);
    const body = await res.json();
    const sub = await emu.stripe.subscriptions.retrieve(body.subscriptionId);
    expect(sub.items.data).toHaveLength(2);
    const metered = sub.items.data.find((i) => i.price.recurring?.usage_type === "metered")!;
    expect(metered.quantity ?? null).toBeNull();
    expect(body.amountDue).toBe(900);
  });

  it("another user's subscription is a 404 on the progress route and its event stream", async () => {
    await newUser();
    const mine = await (await post({ priceId: priceOf("Starter").id })).json();
    await newUser();
    for (const handler of [getProgress, getProgressEvents]) {
      const res = await handler(new Request("http://payport.test"), { params: Promise.resolve({ subscriptionId: mine.subscriptionId }) });
      expect(res.status).toBe(404);
    }
  });

  it("the progress stream sends the state at connect, then the settled state once a change is applied (by whichever instance)", async () => {
    await newUser();
    const body = await (await post({ priceId: priceOf("Starter").id })).json();
    const abort = new AbortController();
    const res = await getProgressEvents(new Request("http://payport.test", { signal: abort.signal }), { params: Promise.resolve({ subscriptionId: body.subscriptionId }) });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const sse = sseReader(res.body!);
    expect(await sse.next("progress")).toMatchObject({ subscriptionId: body.subscriptionId, status: "incomplete", settled: false });
    await payFirstInvoice(body.intent.clientSecret);
    // What a webhook handler does: apply Stripe's state, which publishes subscription:<id>.
    await syncSubscriptionById(body.subscriptionId);
    expect(await sse.next("progress")).toMatchObject({ status: "active", planName: "Starter", settled: true });
    abort.abort();
    expect(await sse.closed()).toBe(true);
  });
});
