// Former known differences from Stripe, now answered as Stripe answers them: deleted customers,
// unknown currencies, unknown API keys, raw card numbers with a secret key, invoice and
// subscription search, and customers created with a default payment method. Every answer and
// event is validated against the SDK's types.
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../index.ts";
import { PUBLISHABLE_KEY } from "../helpers.ts";
import { describeConformance, stripeError } from "./target.ts";

let stripe: Stripe;

describeConformance("former differences from Stripe", (t) => {
  beforeAll(() => void (stripe = t().stripe));

  describe("deleted customers", () => {
    it("retrieve answers { id, object, deleted: true }; updates are 404", async () => {
      const customer = await stripe.customers.create({ email: "gone@example.com" });
      await stripe.customers.del(customer.id);
      const again = await stripe.customers.retrieve(customer.id);
      expect(again).toMatchObject({ id: customer.id, object: "customer", deleted: true });
      expect(Object.keys(again).sort()).toEqual(["deleted", "id", "object"]);
      const err = await stripeError(stripe.customers.update(customer.id, { name: "x" }));
      expect(err.statusCode).toBe(404);
      expect(err.code).toBe("resource_missing");
      expect((await stripeError(stripe.customers.del(customer.id))).statusCode).toBe(404);
      expect((await stripeError(stripe.customers.retrieve("cus_never"))).statusCode).toBe(404);
    });
  });

  describe("unknown currencies", () => {
    it.each([
      ["payment_intents", () => stripe.paymentIntents.create({ amount: 1000, currency: "zzz" }), "currency"],
      ["prices", async () => stripe.prices.create({ currency: "zzz", unit_amount: 100, product_data: { name: "x" } }), "currency"],
      ["invoiceitems", async () => stripe.invoiceItems.create({ customer: (await stripe.customers.create({})).id, amount: 100, currency: "zzz" }), "currency"],
      ["coupons", () => stripe.coupons.create({ amount_off: 100, currency: "zzz", duration: "once" }), "currency"],
      ["products default_price_data", () => stripe.products.create({ name: "x", default_price_data: { currency: "zzz", unit_amount: 100 } }), "default_price_data[currency]"],
    ])("%s → 400 Invalid currency", async (_name, call, param) => {
      const err = await stripeError(call());
      expect(err.statusCode).toBe(400);
      expect(err.type).toBe("StripeInvalidRequestError");
      expect(err.param).toBe(param);
      expect(err.message).toMatch(/^Invalid currency: zzz\. Stripe currently supports these currencies: usd, aed, /);
    });

    it("accepts supported currencies in any case", async () => {
      const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "EUR" });
      expect(pi.currency).toBe("eur");
    });
  });

  describe("API keys", () => {
    it("only the emulator's keys work; others get Stripe's masked 401", async () => {
      const emu = await startEmulator({ port: 0, apiKeys: ["sk_test_extra_one"] });
      try {
        const sdk = (key: string) => new Stripe(key, { host: "127.0.0.1", port: emu.port, protocol: "http", maxNetworkRetries: 0 });
        expect((await sdk("sk_test_emulator").customers.list()).object).toBe("list");
        expect((await sdk("rk_test_emulator").customers.list()).object).toBe("list");
        expect((await sdk("sk_test_extra_one").customers.list()).object).toBe("list");
        const err = await stripeError(sdk("sk_test_somebodyelse1234").customers.list());
        expect(err.statusCode).toBe(401);
        expect(err.message).toBe("Invalid API Key provided: sk_test_************1234");
        const pk = await fetch(`${emu.url}/v1/payment_methods`, {
          method: "POST",
          headers: { authorization: "Bearer pk_test_other", "content-type": "application/x-www-form-urlencoded" },
          body: "type=card&card[token]=tok_visa",
        });
        expect(pk.status).toBe(401);
      } finally {
        await emu.close();
      }
    });

    it("STRIPE_EMULATOR_API_KEYS adds keys", async () => {
      process.env.STRIPE_EMULATOR_API_KEYS = "sk_test_from_env, pk_test_from_env";
      const emu = await startEmulator({ port: 0 });
      delete process.env.STRIPE_EMULATOR_API_KEYS;
      try {
        const stripeEnv = new Stripe("sk_test_from_env", { host: "127.0.0.1", port: emu.port, protocol: "http" });
        expect((await stripeEnv.customers.list()).object).toBe("list");
      } finally {
        await emu.close();
      }
    });
  });

  describe("raw card numbers", () => {
    it("are refused with a secret key, as in a Stripe test account without raw card data access", async () => {
      const err = await stripeError(stripe.paymentMethods.create({ type: "card", card: { number: "4242424242424242", exp_month: 12, exp_year: 2040, cvc: "123" } }));
      expect(err.statusCode).toBe(400);
      expect(err.type).toBe("StripeInvalidRequestError");
      expect(err.message).toMatch(/^Sending credit card numbers directly to the Stripe API is generally unsafe\./);
      const viaIntent = await stripeError(
        stripe.paymentIntents.create({
          amount: 1000,
          currency: "usd",
          confirm: true,
          payment_method_data: { type: "card", card: { number: "4242424242424242", exp_month: 12, exp_year: 2040, cvc: "123" } } as unknown as Stripe.PaymentIntentCreateParams.PaymentMethodData,
          return_url: "http://127.0.0.1/return",
        }),
      );
      expect(viaIntent.statusCode).toBe(400);
      expect(viaIntent.message).toMatch(/generally unsafe/);
    });

    it("test tokens, pm_card_* and the publishable key keep working", async () => {
      expect((await stripe.paymentMethods.create({ type: "card", card: { token: "tok_visa" } } as Stripe.PaymentMethodCreateParams)).card?.last4).toBe("4242");
      const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", confirm: true, payment_method: "pm_card_visa", return_url: "http://127.0.0.1/return" });
      expect(pi.status).toBe("succeeded");
      const url = new URL(stripe.getApiField("protocol") + "://" + stripe.getApiField("host") + ":" + stripe.getApiField("port"));
      const res = await fetch(`${url.origin}/v1/payment_methods`, {
        method: "POST",
        headers: { authorization: `Bearer ${PUBLISHABLE_KEY}`, "content-type": "application/x-www-form-urlencoded" },
        body: "type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2040&card[cvc]=123",
      });
      expect(res.status).toBe(200);
    });

    it("are accepted with rawCardData (Stripe's raw card data setting)", async () => {
      const emu = await startEmulator({ port: 0, rawCardData: true });
      try {
        const sdk = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: emu.port, protocol: "http" });
        const pm = await sdk.paymentMethods.create({ type: "card", card: { number: "4242424242424242", exp_month: 12, exp_year: 2040, cvc: "123" } });
        expect(pm.card?.last4).toBe("4242");
      } finally {
        await emu.close();
      }
    });
  });

  describe("customers.create with a default payment method", () => {
    it("attaches pm_card_visa and makes it the invoice default (Stripe's test-clock recipe)", async () => {
      const customer = await stripe.customers.create({ email: "clock@example.com", payment_method: "pm_card_visa", invoice_settings: { default_payment_method: "pm_card_visa" } });
      const pmId = customer.invoice_settings.default_payment_method as string;
      expect(pmId).toMatch(/^pm_/);
      expect(pmId).not.toBe("pm_card_visa");
      const pm = await stripe.paymentMethods.retrieve(pmId);
      expect(pm.customer).toBe(customer.id);
      const created = await stripe.events.list({ type: "customer.created", limit: 1 });
      expect((created.data[0].data.object as Stripe.Customer).invoice_settings.default_payment_method).toBe(pmId);
    });

    it("refuses a default that is not the attached payment method", async () => {
      const other = await stripe.paymentMethods.create({ type: "card", card: { token: "tok_visa" } } as Stripe.PaymentMethodCreateParams);
      const err = await stripeError(stripe.customers.create({ invoice_settings: { default_payment_method: other.id } }));
      expect(err.statusCode).toBe(400);
    });
  });

  describe("invoice and subscription search", () => {
    it("routes /search to search, not to retrieve", async () => {
      const product = await stripe.products.create({ name: "Searchable" });
      const price = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 1500, recurring: { interval: "month" } });
      const customer = await stripe.customers.create({ payment_method: "pm_card_visa", invoice_settings: { default_payment_method: "pm_card_visa" } });
      const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], metadata: { plan: "pro" } });
      expect(sub.status).toBe("active");
      const subs = await stripe.subscriptions.search({ query: "status:'active' AND metadata['plan']:'pro'" });
      expect(subs.object).toBe("search_result");
      expect(subs.data.map((s) => s.id)).toEqual([sub.id]);
      const invoices = await stripe.invoices.search({ query: `customer:'${customer.id}' AND status:'paid' AND total>=1500` });
      expect(invoices.data).toHaveLength(1);
      const bySub = await stripe.invoices.search({ query: `subscription:'${sub.id}'` });
      expect(bySub.data.map((i) => i.id)).toEqual(invoices.data.map((i) => i.id));
      const err = await stripeError(stripe.subscriptions.search({ query: "customer:'x'" }));
      expect(err.statusCode).toBe(400);
    });
  });
});
