// The billing mirror fed only by the emulator's real webhook stream (signed
// deliveries to our route, in Stripe's order, with chaos shuffling when
// asked): a paid subscription, a trial converting on a test clock, a failed
// renewal going past_due, and the cards, all end in Stripe's state.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { seedCatalog } from "@/lib/catalog/seed";
import { listPlans } from "@/lib/catalog/plans";
import { subscribe } from "@/lib/subscriptions/subscribe";
import { subscribeRequestSchema } from "@/lib/subscriptions/schemas";
import { getEntitlements } from "@/lib/subscriptions/entitlements";
import { listInvoices, listPaymentMethods } from "@/lib/subscriptions/queries";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually, useEmulator } from "./helpers/emulator";

describe.each(testDatabases())("billing event stream on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator({ webhooks: true });
  let prices: Record<string, string>;

  beforeAll(async () => {
    await seedCatalog();
    const plans = await listPlans();
    prices = Object.fromEntries(plans.map((p) => [p.name, p.prices.find((x) => x.interval === "month")!.id]));
  });
  afterEach(async () => {
    await emu.control("/_emulator/chaos", { duplicate_rate: 0, shuffle: false, delivery_delay_ms: 0 });
    // Every delivery was handled (a failing handler answers 500 and Stripe would retry).
    expect(emu.deliveries.filter((d) => d.status !== 200)).toEqual([]);
  });

  let seq = 0;
  const newUser = () => test.db.user.create({ data: { email: `stream${++seq}.${Date.now().toString(36)}@example.com` } });
  const customerOf = async (userId: string) => (await test.db.user.findUniqueOrThrow({ where: { id: userId } })).stripeCustomerId!;

  async function advance(customer: string, to: number) {
    const clock = (await emu.control(`/_emulator/customers/${customer}/test_clock`, {})) as { id: string };
    await emu.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: to });
    await eventually(async () => (await emu.stripe.testHelpers.testClocks.retrieve(clock.id)).status === "ready", { timeoutMs: 20_000 });
    return clock.id;
  }

  it("duplicated and shuffled deliveries of a paid first invoice end active, with the paid invoice and the default card", async () => {
    await emu.control("/_emulator/chaos", { duplicate_rate: 0.5, shuffle: true });
    const user = await newUser();
    const result = await subscribe(subscribeRequestSchema.parse({ priceId: prices.Team, quantity: 2 }), user.id);
    await emu.stripe.paymentIntents.confirm(result.intent!.clientSecret.split("_secret_")[0], { payment_method: "pm_card_visa", return_url: "http://payport.test/r" });
    await eventually(async () => (await getEntitlements(user.id)).status === "active" && (await listInvoices(user.id))[0]?.status === "paid");
    await eventually(async () => (await listPaymentMethods(user.id))[0]?.isDefault === true);
    expect(await getEntitlements(user.id)).toMatchObject({ hasPaidAccess: true, seats: 2, planName: "Team" });
    expect((await listInvoices(user.id))[0]).toMatchObject({ amountPaid: 2400, billingReason: "subscription_create" });
  });

  it("a trial converts when the test clock passes its end: a paid subscription_cycle invoice, status active", async () => {
    const user = await newUser();
    const result = await subscribe(subscribeRequestSchema.parse({ priceId: prices.Pro }), user.id);
    expect(result.status).toBe("trialing");
    await emu.stripe.setupIntents.confirm(result.intent!.clientSecret.split("_secret_")[0], { payment_method: "pm_card_visa", return_url: "http://payport.test/r" });
    await eventually(async () => (await listPaymentMethods(user.id)).length === 1);
    await advance(await customerOf(user.id), result.trialEnd! + 2 * 3600);
    await eventually(async () => (await getEntitlements(user.id)).status === "active");
    await eventually(async () => (await listInvoices(user.id)).some((i) => i.billingReason === "subscription_cycle" && i.status === "paid"));
    const cycle = (await listInvoices(user.id)).find((i) => i.billingReason === "subscription_cycle")!;
    expect(cycle).toMatchObject({ amountPaid: 4900, currency: "usd" });
    expect(cycle.invoicePdf).toBeTruthy();
  });

  it("a renewal on a card that always fails goes past_due (access kept in grace) with the failed invoice mirrored", async () => {
    const user = await newUser();
    const result = await subscribe(subscribeRequestSchema.parse({ priceId: prices.Starter }), user.id);
    await emu.stripe.paymentIntents.confirm(result.intent!.clientSecret.split("_secret_")[0], { payment_method: "pm_card_visa", return_url: "http://payport.test/r" });
    await eventually(async () => (await getEntitlements(user.id)).status === "active");
    const customer = await customerOf(user.id);
    // Swap the subscription's card for 4000 0000 0000 0341 (attaches, every charge fails).
    const pm = await emu.stripe.paymentMethods.create({ type: "card", card: { token: "tok_chargeCustomerFail" } } as Stripe.PaymentMethodCreateParams);
    await emu.stripe.paymentMethods.attach(pm.id, { customer });
    await emu.stripe.subscriptions.update(result.subscriptionId, { default_payment_method: pm.id });
    const sub = await emu.stripe.subscriptions.retrieve(result.subscriptionId);
    await advance(customer, sub.items.data[0].current_period_end + 2 * 3600);
    await eventually(async () => (await getEntitlements(user.id)).status === "past_due");
    const entitlements = await getEntitlements(user.id);
    expect(entitlements).toMatchObject({ hasPaidAccess: true, inGracePeriod: true });
    const failed = await eventually(async () => (await listInvoices(user.id)).find((i) => i.billingReason === "subscription_cycle" && i.attemptCount === 1));
    expect(failed).toMatchObject({ status: "open", attemptCount: 1, amountRemaining: 900 });
    expect(failed.nextPaymentAttempt).not.toBeNull();
  });
});
