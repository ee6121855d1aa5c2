// Which signed events Payport applies: only those of its own mode (livemode
// against the key's mode) and of its own account. Others are acknowledged
// (2xx, so Stripe stops resending), recorded as other_mode / foreign_account
// and never applied, replayed or not. Events of another API version are
// applied and flagged for the admin's health panel.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { POST } from "@/app/api/webhooks/stripe/route";
import { startEmulator, type RunningEmulator } from "@/emulator";
import { LOCAL_STRIPE_ACCOUNT_ID, LOCAL_WEBHOOK_SECRET } from "@/lib/env";
import { createStripeClient, setStripe } from "@/lib/stripe/client";
import { replayStripeEvent } from "@/lib/webhooks/process";
import { getWebhookHealth } from "@/lib/webhooks/queries";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { buildEvent, buildPaymentIntent, settleStripeEvents, signedWebhookRequest, uniqueId } from "./helpers/stripe-events";
import { useStripeAppEnv } from "./stripe-app/helpers";

const LIVE_KEYS = { STRIPE_PUBLISHABLE_KEY: "pk_live_payport_modes", STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET };

describe.each(testDatabases())("webhook scope on %s", (kind) => {
  const test = useTestDatabase(kind);
  beforeAll(() => useStripeAppEnv());
  afterEach(() => useStripeAppEnv());
  afterAll(() => useLocalStripeEnv());

  async function newOrder() {
    const piId = uniqueId("pi");
    const order = await test.db.order.create({ data: { email: "ada@example.com", currency: "usd", amount: 2500, stripePaymentIntentId: piId } });
    return { order, piId };
  }
  const reload = (id: string) => test.db.order.findUniqueOrThrow({ where: { id } });
  const ledger = (id: string) => test.db.stripeEvent.findUniqueOrThrow({ where: { id } });
  const succeeded = (piId: string, extra: Partial<Stripe.Event> = {}) => ({
    ...buildEvent("payment_intent.succeeded", buildPaymentIntent({ id: piId, status: "succeeded", amount_received: 2500, latest_charge: "ch_1" })),
    ...extra,
  }) as Stripe.Event;
  async function deliver(...events: Stripe.Event[]) {
    for (const event of events) {
      const res = await POST(signedWebhookRequest(event));
      expect(res.status, event.id).toBe(200);
      expect(await res.json()).toEqual({ received: true });
    }
    await settleStripeEvents();
  }

  describe("live and test mode apart", () => {
    it("a livemode: true payment_intent.succeeded does not mark a test-mode order paid: acknowledged, recorded as other_mode", async () => {
      const { order, piId } = await newOrder();
      const event = succeeded(piId, { livemode: true });
      await deliver(event);
      expect(await reload(order.id)).toMatchObject({ status: "pending", paidAt: null, stripeChargeId: null });
      expect(await ledger(event.id)).toMatchObject({ status: "other_mode", nextAttemptAt: null, attempts: 0 });
      expect((await ledger(event.id)).handledAt).toBeInstanceOf(Date);
      // The same payment in our own mode is applied as always.
      await deliver(succeeded(piId));
      expect(await reload(order.id)).toMatchObject({ status: "paid", stripeChargeId: "ch_1" });
    });

    it("in one worker batch, the other mode's events are set aside and ours are applied together", async () => {
      const ours = await newOrder();
      const theirs = await newOrder();
      const live = succeeded(theirs.piId, { livemode: true });
      const test1 = succeeded(ours.piId);
      await deliver(live, test1);
      expect(await reload(ours.order.id)).toMatchObject({ status: "paid" });
      expect(await reload(theirs.order.id)).toMatchObject({ status: "pending" });
      expect(await ledger(live.id)).toMatchObject({ status: "other_mode" });
      expect(await ledger(test1.id)).toMatchObject({ status: "processed" });
    });

    it.each([["sk_live_payport_modes"], ["rk_live_payport_modes"]])("with a live key (%s), a test-mode event is other_mode and a live one is applied", async (key) => {
      useStripeAppEnv({ STRIPE_SECRET_KEY: key, ...LIVE_KEYS });
      const { order, piId } = await newOrder();
      const testEvent = succeeded(piId, { livemode: false });
      await deliver(testEvent);
      expect(await ledger(testEvent.id)).toMatchObject({ status: "other_mode" });
      expect(await reload(order.id)).toMatchObject({ status: "pending" });
      const liveEvent = succeeded(piId, { livemode: true });
      await deliver(liveEvent);
      expect(await ledger(liveEvent.id)).toMatchObject({ status: "processed" });
      expect(await reload(order.id)).toMatchObject({ status: "paid" });
    });

    it("an admin replay of an other_mode event still applies nothing", async () => {
      const { order, piId } = await newOrder();
      const event = succeeded(piId, { livemode: true });
      await deliver(event);
      expect(await replayStripeEvent(event.id)).toEqual({ status: "other_mode" });
      expect(await reload(order.id)).toMatchObject({ status: "pending" });
      expect(await ledger(event.id)).toMatchObject({ status: "other_mode" });
    });
  });

  describe("accounts that are not ours", () => {
    it("an event of another account is acknowledged, recorded as foreign_account and never applied; our own account's is applied", async () => {
      const { order, piId } = await newOrder();
      const foreign = succeeded(piId, { account: "acct_someone_else" });
      await deliver(foreign);
      expect(await ledger(foreign.id)).toMatchObject({ status: "foreign_account", nextAttemptAt: null });
      expect(await reload(order.id)).toMatchObject({ status: "pending" });
      expect(await replayStripeEvent(foreign.id)).toEqual({ status: "foreign_account" });
      expect(await reload(order.id)).toMatchObject({ status: "pending" });

      const own = succeeded(piId, { account: LOCAL_STRIPE_ACCOUNT_ID });
      await deliver(own);
      expect(await ledger(own.id)).toMatchObject({ status: "processed" });
      expect(await reload(order.id)).toMatchObject({ status: "paid" });
    });

    it("the other mode is decided before the account: a live event of a foreign account is other_mode", async () => {
      const { piId } = await newOrder();
      const event = succeeded(piId, { livemode: true, account: "acct_someone_else" });
      await deliver(event);
      expect(await ledger(event.id)).toMatchObject({ status: "other_mode" });
    });

    describe("without STRIPE_ACCOUNT_ID, our account is learned once from Stripe (GET /v1/account)", () => {
      let emu: RunningEmulator;
      const KEY = "sk_test_payport_scope";
      beforeAll(async () => {
        emu = await startEmulator({ port: 0, apiKeys: [KEY], accountId: "acct_platform_scope" });
      });
      afterAll(async () => {
        setStripe(undefined);
        await emu.close();
      });

      it("the key's own account is ours, any other is foreign, and Stripe is asked once", async () => {
        useStripeAppEnv({ STRIPE_SECRET_KEY: KEY, STRIPE_PUBLISHABLE_KEY: "pk_test_payport_scope", STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET });
        setStripe(createStripeClient({ stripeSecretKey: KEY, stripeEmulatorUrl: emu.url }));
        const { order, piId } = await newOrder();
        const foreign = succeeded(piId, { account: "acct_someone_else" });
        const own = succeeded(piId, { account: "acct_platform_scope" });
        await deliver(foreign);
        await deliver(own);
        expect(await ledger(foreign.id)).toMatchObject({ status: "foreign_account" });
        expect(await ledger(own.id)).toMatchObject({ status: "processed" });
        expect(await reload(order.id)).toMatchObject({ status: "paid" });
        expect(emu.emulator.requestLog.filter((r) => r.path === "/v1/account")).toHaveLength(1);
      });
    });
  });

  describe("API versions", () => {
    it("an event of another API version is applied and flagged; the health panel counts it by version", async () => {
      const { order, piId } = await newOrder();
      const older = succeeded(piId, { api_version: "2025-03-31.basil" });
      const pinned = succeeded((await newOrder()).piId);
      await deliver(older, pinned);
      expect(await reload(order.id)).toMatchObject({ status: "paid" });
      expect(await ledger(older.id)).toMatchObject({ status: "processed", otherApiVersion: "2025-03-31.basil" });
      expect(await ledger(pinned.id)).toMatchObject({ status: "processed", otherApiVersion: null });

      const health = await getWebhookHealth();
      expect(health.apiVersions.pinned).toBe(Stripe.API_VERSION);
      expect(health.apiVersions.other).toEqual([{ version: "2025-03-31.basil", events: 1, lastReceivedAt: expect.any(String) }]);
    });

    it("the health panel counts other_mode and foreign_account events", async () => {
      const before = await getWebhookHealth();
      const { piId } = await newOrder();
      await deliver(succeeded(piId, { livemode: true }), succeeded(piId, { account: "acct_someone_else" }));
      const after = await getWebhookHealth();
      expect(after.otherMode).toBe(before.otherMode + 1);
      expect(after.foreignAccount).toBe(before.foreignAccount + 1);
      expect(after.failures).toBe(before.failures);
    });
  });
});
