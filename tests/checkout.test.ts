// POST /api/checkout against the emulator and a real database: amounts come
// only from our prices, bad input is a 400 that writes nothing, and one cart
// is one order with one PaymentIntent however often it is posted.
import { beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { seedCatalog } from "@/lib/catalog/seed";
import { listStorefrontProducts } from "@/lib/catalog/queries";
import { getCheckoutView } from "@/lib/orders/checkout-view";
import { syncPaymentIntentById } from "@/lib/orders/sync";
import { CATALOG } from "@/lib/catalog/data";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useEmulator } from "./helpers/emulator";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";

describe.each(testDatabases())("checkout on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator();
  const prices: Record<string, string> = {};

  beforeAll(async () => {
    await seedCatalog();
    for (const key of ["payport_tee_usd", "payport_mug_usd", "payport_matcha_jpy", "payport_notebook_eur"]) {
      prices[key] = await priceIdByLookupKey(test.db, key);
    }
  });

  async function paymentIntentsFor(orderId: string): Promise<Stripe.PaymentIntent[]> {
    const all = await emu.stripe.paymentIntents.list({ limit: 100 });
    return all.data.filter((pi) => pi.metadata?.order_id === orderId);
  }

  async function counts() {
    return { orders: await test.db.order.count(), lines: await test.db.orderLine.count(), intents: (await emu.stripe.paymentIntents.list({ limit: 100 })).data.length };
  }

  describe("catalog", () => {
    it("seeding is idempotent and mirrors every product and price, JPY and EUR included", async () => {
      const again = await seedCatalog();
      expect(again.created).toEqual([]);
      const storefront = await listStorefrontProducts();
      expect(storefront).toHaveLength(CATALOG.length);
      expect(storefront.length).toBeGreaterThanOrEqual(6);
      const currencies = storefront.flatMap((p) => p.prices.map((price) => price.currency));
      expect(currencies).toEqual(expect.arrayContaining(["usd", "jpy", "eur"]));
      const matcha = storefront.find((p) => p.name === "Uji Matcha Tin")!;
      expect(matcha.prices).toEqual([{ id: prices.payport_matcha_jpy, currency: "jpy", unitAmount: 1500 }]);
      expect(await emu.stripe.products.retrieve("prod_payport_matcha")).toMatchObject({ name: "Uji Matcha Tin" });
    });

    it("a changed amount in the catalog creates a new price under the lookup key and archives the old one", async () => {
      const catalog = CATALOG.map((p) =>
        p.id === "prod_payport_stickers" ? { ...p, prices: [{ ...p.prices[0], unitAmount: 700 }] } : p,
      );
      const old = await test.db.price.findFirstOrThrow({ where: { lookupKey: "payport_stickers_usd", active: true } });
      const summary = await seedCatalog({ catalog });
      expect(summary.created).toHaveLength(1);
      expect(await test.db.price.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ active: false });
      const current = await test.db.price.findFirstOrThrow({ where: { lookupKey: "payport_stickers_usd", active: true } });
      expect(current.unitAmount).toBe(700);
      const stickers = (await listStorefrontProducts()).find((p) => p.name === "Sticker Pack")!;
      expect(stickers.prices).toEqual([{ id: current.id, currency: "usd", unitAmount: 700 }]);
      expect((await emu.stripe.prices.retrieve(old.stripePriceId)).active).toBe(false);
    });
  });

  it("computes the amount on the server and ignores anything the client says about money", async () => {
    const res = await postCheckout({
      email: "ada@example.com",
      cartId: newCartId(),
      amount: 1,
      currency: "jpy",
      items: [
        { priceId: prices.payport_tee_usd, quantity: 2, unitAmount: 1, amount: 1 },
        { priceId: prices.payport_mug_usd, quantity: 1 },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ amount: 2 * 2500 + 1400, currency: "usd", status: "pending", checkoutUrl: `/checkout/${res.json.orderId}` });
    expect(res.json.clientSecret).toMatch(/^pi_.+_secret_/);

    const order = await test.db.order.findUniqueOrThrow({ where: { id: res.json.orderId }, include: { lines: { orderBy: { unitAmount: "desc" } } } });
    expect(order.lines.map((l) => [l.productName, l.unitAmount, l.quantity, l.amount])).toEqual([
      ["Payport Tee", 2500, 2, 5000],
      ["Enamel Mug", 1400, 1, 1400],
    ]);
    const pi = await emu.stripe.paymentIntents.retrieve(order.stripePaymentIntentId!);
    expect(pi).toMatchObject({
      amount: 6400,
      currency: "usd",
      metadata: { order_id: order.id },
      receipt_email: "ada@example.com",
      automatic_payment_methods: { enabled: true },
      client_secret: res.json.clientSecret,
    });
  });

  it("a JPY order is charged in whole yen (zero-decimal): ¥1,500 × 3 = 4500", async () => {
    const res = await postCheckout({ email: "kenji@example.jp", cartId: newCartId(), items: [{ priceId: prices.payport_matcha_jpy, quantity: 3 }] });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ amount: 4500, currency: "jpy" });
    const [pi] = await paymentIntentsFor(res.json.orderId);
    expect(pi).toMatchObject({ amount: 4500, currency: "jpy" });
  });

  it("an EUR order is priced in cents", async () => {
    const res = await postCheckout({ email: "lea@example.de", cartId: newCartId(), items: [{ priceId: prices.payport_notebook_eur, quantity: 2 }] });
    expect(res.json).toMatchObject({ amount: 2400, currency: "eur" });
  });

  describe("bad input is a 400 with an actionable message and writes nothing", () => {
    const valid = () => ({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: prices.payport_tee_usd, quantity: 1 }] });
    it.each([
      ["mixed currencies", () => ({ ...valid(), items: [{ priceId: prices.payport_tee_usd, quantity: 1 }, { priceId: prices.payport_matcha_jpy, quantity: 1 }] }), /one currency.*USD and JPY/, "items[1].priceId"],
      ["an unknown price", () => ({ ...valid(), items: [{ priceId: "price_does_not_exist", quantity: 1 }] }), /Unknown price/, "items[0].priceId"],
      ["quantity 0", () => ({ ...valid(), items: [{ priceId: prices.payport_tee_usd, quantity: 0 }] }), /whole number from 1 to 99/, "items[0].quantity"],
      ["quantity 100", () => ({ ...valid(), items: [{ priceId: prices.payport_tee_usd, quantity: 100 }] }), /whole number from 1 to 99/, "items[0].quantity"],
      ["quantity 1.5", () => ({ ...valid(), items: [{ priceId: prices.payport_tee_usd, quantity: 1.5 }] }), /whole number/, "items[0].quantity"],
      ["quantity as a string", () => ({ ...valid(), items: [{ priceId: prices.payport_tee_usd, quantity: "2" }] }), /whole number/, "items[0].quantity"],
      ["the same price twice adding up to 100", () => ({ ...valid(), items: [{ priceId: prices.payport_tee_usd, quantity: 60 }, { priceId: prices.payport_tee_usd, quantity: 40 }] }), /At most 99/, "items[0].quantity"],
      ["an empty cart", () => ({ ...valid(), items: [] }), /empty/, "items"],
      ["a bad email", () => ({ ...valid(), email: "not-an-email" }), /valid email/, "email"],
      ["a missing cartId", () => ({ ...valid(), cartId: undefined }), /cartId/, "cartId"],
      ["an array body", () => [valid()], /object/i, undefined],
    ])("%s", async (_name, body, message, field) => {
      const before = await counts();
      const res = await postCheckout(body());
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(message);
      expect(res.json.error.field).toBe(field);
      expect(await counts()).toEqual(before);
    });

    it.each([["invalid JSON", "{ email: nope"], ["an empty body", ""]])("%s", async (_name, raw) => {
      const before = await counts();
      const res = await postCheckout(raw);
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/JSON/);
      expect(await counts()).toEqual(before);
    });

    it("an inactive price", async () => {
      const product = await test.db.product.create({ data: { stripeProductId: `prod_archived_${Date.now()}`, name: "Retired Cap" } });
      const archived = await test.db.price.create({
        data: { stripePriceId: `price_archived_${Date.now()}`, productId: product.id, currency: "usd", unitAmount: 900, active: false },
      });
      const before = await counts();
      const res = await postCheckout({ ...valid(), items: [{ priceId: archived.id, quantity: 1 }] });
      expect(res.status).toBe(400);
      expect(res.json.error).toEqual({ message: expect.stringMatching(/Retired Cap.*no longer available/), field: "items[0].priceId" });
      expect(await counts()).toEqual(before);
    });
  });

  it("an order below Stripe's minimum charge is a 400 naming the minimum", async () => {
    const product = await test.db.product.create({ data: { stripeProductId: `prod_tiny_${Date.now()}`, name: "Button" } });
    const tiny = await test.db.price.create({ data: { stripePriceId: `price_tiny_${Date.now()}`, productId: product.id, currency: "usd", unitAmount: 20 } });
    const res = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: tiny.id, quantity: 2 }] });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe("The order total must be at least $0.50.");
    const ok = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: tiny.id, quantity: 3 }] });
    expect(ok.json.amount).toBe(60);
  });

  it("the same cartId twice returns the same order and PaymentIntent (201, then 200)", async () => {
    const body = { email: "ada@example.com", cartId: newCartId(), items: [{ priceId: prices.payport_mug_usd, quantity: 2 }] };
    const first = await postCheckout(body);
    const second = await postCheckout(body);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.json).toEqual(first.json);
    expect(await test.db.order.count({ where: { cartId: body.cartId } })).toBe(1);
    expect(await paymentIntentsFor(first.json.orderId)).toHaveLength(1);
  });

  it("five concurrent posts of one cart create one order and one PaymentIntent", async () => {
    const body = { email: "ada@example.com", cartId: newCartId(), items: [{ priceId: prices.payport_tee_usd, quantity: 1 }] };
    const results = await Promise.all(Array.from({ length: 5 }, () => postCheckout(body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json.orderId)).size).toBe(1);
    expect(new Set(results.map((r) => r.json.clientSecret)).size).toBe(1);
    expect(await test.db.order.count({ where: { cartId: body.cartId } })).toBe(1);
    expect(await paymentIntentsFor(results[0].json.orderId)).toHaveLength(1);
  });

  it("reusing a cartId for different items is a 409, not a second order", async () => {
    const cartId = newCartId();
    await postCheckout({ email: "ada@example.com", cartId, items: [{ priceId: prices.payport_tee_usd, quantity: 1 }] });
    const res = await postCheckout({ email: "ada@example.com", cartId, items: [{ priceId: prices.payport_tee_usd, quantity: 3 }] });
    expect(res.status).toBe(409);
    expect(res.json.error.field).toBe("cartId");
  });

  it("when Stripe is down the order is kept and a retry of the same cart gets its PaymentIntent", async () => {
    const body = { email: "ada@example.com", cartId: newCartId(), items: [{ priceId: prices.payport_tee_usd, quantity: 1 }] };
    // Three failures outlast the SDK's two retries.
    await emu.control("/_emulator/faults", { path: "/v1/payment_intents", method: "POST", count: 3, mode: "500" });
    const failed = await postCheckout(body);
    expect(failed.status).toBe(502);
    expect(failed.json.error.message).toMatch(/payment provider/);
    const order = await test.db.order.findUniqueOrThrow({ where: { cartId: body.cartId } });
    expect(order.stripePaymentIntentId).toBeNull();

    const retry = await postCheckout(body);
    expect(retry.status).toBe(200);
    expect(retry.json.orderId).toBe(order.id);
    expect(retry.json.clientSecret).toMatch(/_secret_/);
    expect(await paymentIntentsFor(order.id)).toHaveLength(1);
  }, 30_000);

  it("getCheckoutView gives the client secret while payable and null once paid (read from Stripe, no webhook needed)", async () => {
    const { json } = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: prices.payport_mug_usd, quantity: 1 }] });
    const open = await getCheckoutView(json.orderId);
    expect(open).toMatchObject({ clientSecret: json.clientSecret, order: { id: json.orderId, email: "ada@example.com", amount: 1400, status: "pending" } });
    expect(open!.order.lines).toEqual([{ productName: "Enamel Mug", unitAmount: 1400, quantity: 1, amount: 1400 }]);

    const piId = json.clientSecret.split("_secret_")[0];
    await emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa", return_url: "http://localhost:3000/done" });
    const paid = await getCheckoutView(json.orderId);
    expect(paid).toMatchObject({ clientSecret: null, order: { status: "paid", paymentStatus: "succeeded" } });
    expect(await getCheckoutView("no_such_order")).toBeNull();
  });

  it("syncPaymentIntentById shows a decline with the issuer's message, then success on the same order", async () => {
    const { json } = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: prices.payport_tee_usd, quantity: 1 }] });
    const piId = json.clientSecret.split("_secret_")[0];
    await expect(
      emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_chargeDeclined", return_url: "http://localhost:3000/done" }),
    ).rejects.toMatchObject({ type: "StripeCardError" });
    const declined = await syncPaymentIntentById(piId);
    expect(declined.orderId).toBe(json.orderId);
    expect(declined.order).toMatchObject({ status: "failed", lastPaymentError: expect.stringMatching(/declined/i) });
    expect((await getCheckoutView(json.orderId))!.clientSecret).toBe(json.clientSecret);

    await emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa", return_url: "http://localhost:3000/done" });
    const paid = await syncPaymentIntentById(piId);
    expect(paid.order).toMatchObject({ status: "paid", lastPaymentError: null });
  });
});
