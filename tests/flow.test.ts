// End to end without a browser: the emulator delivers real signed webhooks to
// our route handler through a local HTTP server, exactly as Stripe would.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOrderEvents } from "@/app/api/orders/[id]/events/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually, useEmulator } from "./helpers/emulator";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";
import { sseReader } from "./helpers/sse";

describe.each(testDatabases())("checkout → webhook → order on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator({ webhooks: true });
  let teePrice: string;

  beforeAll(async () => {
    await seedCatalog();
    teePrice = await priceIdByLookupKey(test.db, "payport_tee_usd");
  });

  async function checkout(quantity = 1) {
    const { status, json } = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity }] });
    expect(status).toBe(201);
    return { orderId: json.orderId as string, piId: (json.clientSecret as string).split("_secret_")[0] };
  }
  const order = (id: string) => test.db.order.findUniqueOrThrow({ where: { id } });
  const confirm = (piId: string, paymentMethod: string) =>
    emu.stripe.paymentIntents.confirm(piId, { payment_method: paymentMethod, return_url: "http://localhost:3000/checkout/done" });

  it("pm_card_visa confirmed server-side: the verified webhook marks the order paid", async () => {
    const { orderId, piId } = await checkout(2);
    await confirm(piId, "pm_card_visa");
    const paid = await eventually(async () => {
      const o = await order(orderId);
      return o.status === "paid" && o;
    });
    expect(paid).toMatchObject({ paymentStatus: "succeeded", amount: 5000, stripePaymentIntentId: piId });
    expect(paid.stripeChargeId).toMatch(/^ch_/);
    // charge.succeeded may settle the order first (it syncs the intent); the intent's own event follows.
    const events = await eventually(async () => {
      const rows = await test.db.stripeEvent.findMany({ where: { objectId: piId } });
      const types = rows.map((e) => e.type);
      const settled = rows.every((e) => e.status !== "received");
      return settled && types.includes("payment_intent.created") && types.includes("payment_intent.succeeded") && rows;
    });
    expect(events.every((e) => e.status === "processed")).toBe(true);
    expect(emu.deliveries.filter((d) => d.status >= 400)).toEqual([]);
  });

  it("a decline shows the issuer's message, then another card pays the same order and PaymentIntent", async () => {
    const { orderId, piId } = await checkout();
    await expect(confirm(piId, "pm_card_chargeDeclined")).rejects.toMatchObject({ code: "card_declined" });
    const failed = await eventually(async () => {
      const o = await order(orderId);
      return o.status === "failed" && o;
    });
    expect(failed.lastPaymentError).toMatch(/declined/i);

    await confirm(piId, "pm_card_visa");
    const paid = await eventually(async () => {
      const o = await order(orderId);
      return o.status === "paid" && o;
    });
    expect(paid).toMatchObject({ lastPaymentError: null, stripePaymentIntentId: piId });
    const intents = await emu.stripe.paymentIntents.list({ limit: 100 });
    expect(intents.data.filter((pi) => pi.metadata?.order_id === orderId)).toHaveLength(1);
  });

  it("the order's event stream turns to paid when the webhook lands", async () => {
    const { orderId, piId } = await checkout();
    const abort = new AbortController();
    const res = await getOrderEvents(new Request(`http://t/api/orders/${orderId}/events`, { signal: abort.signal }), { params: Promise.resolve({ id: orderId }) });
    const sse = sseReader(res.body!);
    expect(await sse.nextStatus()).toMatchObject({ status: "pending" });
    await confirm(piId, "pm_card_visa");
    let latest = await sse.nextStatus();
    while (latest.status !== "paid") latest = await sse.nextStatus();
    expect(latest).toMatchObject({ id: orderId, status: "paid", paymentStatus: "succeeded" });
    abort.abort();
  });

  it("shuffled and duplicated deliveries still end with the order paid and each event applied once", async () => {
    await emu.control("/_emulator/chaos", { duplicate_rate: 1, shuffle: true });
    try {
      const { orderId, piId } = await checkout();
      await confirm(piId, "pm_card_visa");
      await eventually(async () => (await order(orderId)).status === "paid");
      const row = await eventually(() => test.db.stripeEvent.findFirst({ where: { objectId: piId, type: "payment_intent.succeeded", status: "processed" } }));
      // Every event is delivered twice; the second copy is acknowledged without re-applying.
      await eventually(async () => emu.deliveries.filter((d) => d.id === row.id && d.status === 200).length >= 2);
      expect((await test.db.stripeEvent.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(1);
    } finally {
      await emu.control("/_emulator/chaos", { duplicate_rate: 0, shuffle: false });
    }
  });

  it.each([
    ["succeed", "paid"],
    ["fail", "failed"],
  ] as const)("3-D Secure: requires_action reaches the order, then authentication that %ss leaves it %s", async (outcome, finalStatus) => {
    const { orderId, piId } = await checkout();
    const pi = await confirm(piId, "pm_card_threeDSecure2Required");
    expect(pi.status).toBe("requires_action");
    await eventually(async () => (await order(orderId)).status === "requires_action");
    await emu.control(`/_emulator/payment_intents/${piId}/three_d_secure`, { outcome });
    const settled = await eventually(async () => {
      const o = await order(orderId);
      return o.status === finalStatus && o;
    });
    if (outcome === "fail") expect(settled.lastPaymentError).toBeTruthy();
  });

  it("if payment_intent.succeeded is lost, charge.succeeded still settles the order (it syncs the intent)", async () => {
    await emu.control("/_emulator/chaos", { drop_types: ["payment_intent.succeeded"] });
    try {
      const { orderId, piId } = await checkout();
      await confirm(piId, "pm_card_visa");
      await eventually(async () => (await order(orderId)).status === "paid");
      expect(await test.db.stripeEvent.count({ where: { objectId: piId, type: "payment_intent.succeeded" } })).toBe(0);
    } finally {
      await emu.control("/_emulator/chaos", { drop_types: [] });
    }
  });

  it("a refund made at Stripe reaches the order through refund/charge webhooks", async () => {
    const { orderId, piId } = await checkout();
    await confirm(piId, "pm_card_visa");
    await eventually(async () => (await order(orderId)).status === "paid");
    await emu.stripe.refunds.create({ payment_intent: piId });
    const refunded = await eventually(async () => {
      const o = await order(orderId);
      return o.status === "refunded" && o;
    });
    expect(refunded.amountRefunded).toBe(2500);
  });

  it("product and price changes at Stripe update the mirror; an archived price can no longer be ordered", async () => {
    await emu.stripe.products.update("prod_payport_mug", { name: "Enamel Camp Mug" });
    await eventually(async () => (await test.db.product.findUniqueOrThrow({ where: { stripeProductId: "prod_payport_mug" } })).name === "Enamel Camp Mug");

    const created = await emu.stripe.prices.create({ product: "prod_payport_mug", currency: "usd", unit_amount: 1600 });
    const mirrored = await eventually(() => test.db.price.findUnique({ where: { stripePriceId: created.id } }));
    expect(mirrored).toMatchObject({ unitAmount: 1600, active: true });

    await emu.stripe.prices.update(created.id, { active: false });
    await eventually(async () => (await test.db.price.findUniqueOrThrow({ where: { stripePriceId: created.id } })).active === false);
    const res = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: mirrored.id, quantity: 1 }] });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/no longer available/);
  });
});
