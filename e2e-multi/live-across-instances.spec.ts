// A shopper on instance B, Stripe's webhooks on instance A, one PostgreSQL:
// the order page on B turns "paid" (and a subscription's return page
// "active") live, though only A received the webhooks and B could not read the
// payment from Stripe itself. What carries the change
// is A's NOTIFY and B's LISTEN (lib/live/bus.ts); the page never polls.
import Stripe from "stripe";
import { expect, signUp, test, uniqueEmail } from "../e2e/fixtures";
import { APP_A_URL, APP_B_URL, EMULATOR_URL, MULTI_EMULATOR_PORT } from "./servers";

const stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: MULTI_EMULATOR_PORT, protocol: "http", telemetry: false, maxNetworkRetries: 0 });

async function control(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${EMULATOR_URL}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.ok, `POST ${path} → ${response.status}`).toBe(true);
  return response.json();
}

test.afterEach(async () => {
  await control("/_emulator/chaos", { delivery_delay_ms: 0 });
  await fetch(`${EMULATOR_URL}/_emulator/faults`, { method: "DELETE" });
});

test("an order paid on instance B turns paid live on B while the webhook reaches only instance A", async ({ page }) => {
  // Only A is a webhook endpoint.
  const endpoints = await stripe.webhookEndpoints.list();
  expect(endpoints.data.map((e) => e.url)).toEqual([`${APP_A_URL}/api/webhooks/stripe`]);

  await page.goto(`${APP_B_URL}/`);
  await page.getByRole("button", { name: "Add Payport Tee to cart" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.getByRole("link", { name: /^Cart/ }).click();
  await page.getByLabel("Email").fill(`multi.${Date.now().toString(36)}@example.com`);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL(/\/checkout\/[^/?]+$/);
  const orderId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
  const intents = (await stripe.paymentIntents.list({ limit: 100 })).data.filter((pi) => Object.values(pi.metadata ?? {}).includes(orderId));
  expect(intents).toHaveLength(1);
  const pi = intents[0];

  // B's return page must not learn the outcome from Stripe: every read of the
  // intent fails until B's page is up, so it shows what the database knows.
  // The webhooks to A are held back until then too.
  await control("/_emulator/faults", { path: `/v1/payment_intents/${pi.id}`, method: "GET", count: 50, mode: "500" });
  await control("/_emulator/chaos", { delivery_delay_ms: 4_000 });

  const polls: string[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === `/api/orders/${orderId}`) polls.push(request.url());
  });
  const stream = page.waitForRequest((request) => request.url() === `${APP_B_URL}/api/orders/${orderId}/events`);

  await page.getByLabel("Test card").selectOption("4242424242424242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await page.waitForURL(new RegExp(`^${APP_B_URL}/checkout/${orderId}/complete\\?`));
  const region = page.getByTestId("order-status");
  await expect(region).toBeVisible();
  expect(await region.getAttribute("data-status"), "B rendered the page before A heard of the payment").not.toBe("paid");
  await stream;
  // Stripe's request log: after the confirm, B's server read the intent and every read failed.
  const log = (await (await fetch(`${EMULATOR_URL}/_emulator/requests`)).json()) as { data: { method: string; path: string; status: number }[] };
  const forIntent = log.data.filter((r) => r.path.startsWith(`/v1/payment_intents/${pi.id}`));
  const afterConfirm = forIntent.slice(forIntent.findIndex((r) => r.method === "POST" && r.path.endsWith("/confirm")) + 1);
  expect(afterConfirm.length, "B's return page tried to read the intent").toBeGreaterThan(0);
  expect(afterConfirm.map((r) => `${r.method} ${r.status}`)).toEqual(afterConfirm.map(() => "GET 500"));

  // Now Stripe answers again (for A's charge handler) and the webhooks go through to A.
  await fetch(`${EMULATOR_URL}/_emulator/faults`, { method: "DELETE" });
  await control("/_emulator/chaos", { delivery_delay_ms: 0 });
  await expect(region).toHaveAttribute("data-status", "paid", { timeout: 45_000 });
  await expect(region.getByRole("heading", { level: 1 })).toHaveText("Payment received");

  // Stripe's delivery record: payment_intent.succeeded was acknowledged by its one endpoint, A.
  await expect
    .poll(async () => {
      const events = await stripe.events.list({ type: "payment_intent.succeeded", limit: 100 });
      return events.data.find((e) => (e.data.object as Stripe.PaymentIntent).id === pi.id)?.pending_webhooks;
    })
    .toBe(0);
  expect(polls, "the page followed the event stream, not the polling fallback").toEqual([]);
});

test("a subscription paid on instance B shows active live on B while the webhooks reach only instance A", async ({ page }) => {
  const email = uniqueEmail("multi-sub");
  await signUp(page, email);
  await page.goto("/pricing");
  await page.locator('[data-plan="Starter"]').getByTestId("choose-plan").click();
  await page.waitForURL(/\/subscribe\?/);
  await page.getByTestId("subscribe-continue").click();
  await expect(page.getByTestId("subscribe-confirm")).toHaveText("Pay $9.00");
  const customer = (await stripe.customers.list({ email })).data[0];
  const [subscription] = (await stripe.subscriptions.list({ customer: customer.id, status: "all" })).data;
  expect(subscription.status).toBe("incomplete");

  // As for the order: B cannot read the subscription from Stripe, and A hears nothing yet.
  await control("/_emulator/faults", { path: `/v1/subscriptions/${subscription.id}`, method: "GET", count: 50, mode: "500" });
  await control("/_emulator/chaos", { delivery_delay_ms: 4_000 });
  const polls: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === `/api/billing/subscribe/${subscription.id}`) polls.push(request.url());
  });
  const stream = page.waitForRequest((request) => request.url() === `${APP_B_URL}/api/billing/subscribe/${subscription.id}/events`);

  await page.getByLabel("Test card").selectOption("4242424242424242");
  await page.getByTestId("subscribe-confirm").click();
  await page.waitForURL(new RegExp(`^${APP_B_URL}/subscribe/return\\?subscription=${subscription.id}`));
  const result = page.getByTestId("subscription-result");
  await expect(result).toBeVisible();
  expect(await result.getAttribute("data-status"), "B rendered the page before A heard of the payment").toBe("incomplete");
  await stream;

  await fetch(`${EMULATOR_URL}/_emulator/faults`, { method: "DELETE" });
  await control("/_emulator/chaos", { delivery_delay_ms: 0 });
  await expect(result).toHaveAttribute("data-status", "active", { timeout: 45_000 });
  await expect(page.getByRole("heading", { name: "You're subscribed to Starter" })).toBeVisible();
  expect(polls, "the page followed the event stream, not the polling fallback").toEqual([]);
});
