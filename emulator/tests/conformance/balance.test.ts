// GET /v1/account, GET /v1/balance, GET /v1/balance_transactions and increment_authorization, validated against the SDK's types.
import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers.ts";
import { RETURN_URL, describeConformance, stripeError } from "./target.ts";

let stripe: Stripe;

describeConformance("balance and incremental authorization", (t) => {
  beforeAll(() => void (stripe = t().stripe));

  describe("account", () => {
    it("GET /v1/account (accounts.retrieve(null) / retrieveCurrent()) is the key's own account, the same on every read", async () => {
      const account = await stripe.accounts.retrieve(null);
      expect(account).toMatchObject({ object: "account", charges_enabled: true, payouts_enabled: true, details_submitted: true });
      expect(account.id).toMatch(/^acct_/);
      const current = await stripe.accounts.retrieveCurrent();
      expect(current.id).toBe(account.id);
    });
  });

  describe("balance", () => {
    it("lists the account currency at zero before any payment", async () => {
      const balance = await stripe.balance.retrieve();
      expect(balance).toEqual({ object: "balance", available: [{ amount: 0, currency: "usd", source_types: { card: 0 } }], livemode: false, pending: [{ amount: 0, currency: "usd", source_types: { card: 0 } }] });
    });

    it("sums the net of balance transactions per currency; lists filter by type, source and created", async () => {
      const usd = await stripe.paymentIntents.create({ amount: 2000, currency: "usd", confirm: true, payment_method: "pm_card_visa", return_url: RETURN_URL });
      const eur = await stripe.paymentIntents.create({ amount: 1000, currency: "eur", confirm: true, payment_method: "pm_card_visa", return_url: RETURN_URL });
      const charge = await eventually(async () => {
        const c = await stripe.charges.retrieve(usd.latest_charge as string);
        return c.balance_transaction ? c : null;
      });
      await eventually(async () => (await stripe.charges.retrieve(eur.latest_charge as string)).balance_transaction);
      await stripe.refunds.create({ payment_intent: usd.id, amount: 500 });
      const all = await stripe.balanceTransactions.list({ limit: 100 });
      expect(all.object).toBe("list");
      expect(all.url).toBe("/v1/balance_transactions");
      const net = (currency: string) => all.data.filter((t) => t.currency === currency).reduce((s, t) => s + t.net, 0);
      const balance = await stripe.balance.retrieve();
      expect(balance.pending).toEqual(expect.arrayContaining([{ amount: net("usd"), currency: "usd", source_types: { card: net("usd") } }, { amount: net("eur"), currency: "eur", source_types: { card: net("eur") } }]));
      expect(balance.available.find((a) => a.currency === "usd")?.amount).toBe(0);
      const charges = await stripe.balanceTransactions.list({ type: "charge", limit: 100 });
      expect(charges.data.every((t) => t.type === "charge")).toBe(true);
      expect(charges.data.length).toBeGreaterThanOrEqual(2);
      const bySource = await stripe.balanceTransactions.list({ source: charge.id });
      expect(bySource.data.map((t) => t.id)).toEqual([charge.balance_transaction]);
      expect((await stripe.balanceTransactions.list({ created: { gt: Math.floor(Date.now() / 1000) + 3600 } })).data).toEqual([]);
      expect((await stripe.balanceTransactions.list({ payout: "po_123" })).data).toEqual([]);
    });
  });

  describe("increment_authorization", () => {
    it("raises a manual-capture intent's authorization when requested", async () => {
      const pi = await stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        capture_method: "manual",
        confirm: true,
        payment_method: "pm_card_visa",
        return_url: RETURN_URL,
        payment_method_options: { card: { request_incremental_authorization: "if_available" } },
      });
      expect(pi.status).toBe("requires_capture");
      const charge = await stripe.charges.retrieve(pi.latest_charge as string);
      expect(charge.payment_method_details?.card?.incremental_authorization?.status).toBe("available");
      const incremented = await stripe.paymentIntents.incrementAuthorization(pi.id, { amount: 1500 });
      expect(incremented).toMatchObject({ amount: 1500, amount_capturable: 1500, status: "requires_capture" });
      expect((await stripe.charges.retrieve(pi.latest_charge as string)).amount).toBe(1500);
      const smaller = await stripeError(stripe.paymentIntents.incrementAuthorization(pi.id, { amount: 1200 }));
      expect(smaller.statusCode).toBe(400);
      const captured = await stripe.paymentIntents.capture(pi.id);
      expect(captured).toMatchObject({ status: "succeeded", amount_received: 1500 });
      const after = await stripeError(stripe.paymentIntents.incrementAuthorization(pi.id, { amount: 2000 }));
      expect(after.code).toBe("payment_intent_unexpected_state");
    });

    it("is refused without request_incremental_authorization", async () => {
      const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", capture_method: "manual", confirm: true, payment_method: "pm_card_visa", return_url: RETURN_URL });
      const err = await stripeError(stripe.paymentIntents.incrementAuthorization(pi.id, { amount: 1500 }));
      expect(err.statusCode).toBe(400);
      expect(err.message).toMatch(/not eligible for incremental authorization/);
    });
  });
});
