// The shopper's order page tells the truth in every state, in a real browser
// against the standalone build, the emulator and its webhooks: paid, processing,
// partly refunded, refunded, disputed and failed, each made the way it happens
// (a card payment, refunds and a dispute through Stripe's API and webhooks, a
// decline); "processing" (no emulator card rests there) is the paid order's row
// set back while Stripe is unreachable, so the page shows what the database
// knows. Also: a paid order's checkout page shows its state, not the pay form,
// and the admin tables fit a 1024 px window.
import path from "node:path";
import Database from "better-sqlite3";
import type { APIRequestContext, Page } from "@playwright/test";
import { buyTee, expect, signInAt, test, uniqueEmail } from "./fixtures";
import { EMULATOR_URL } from "./servers";

const E2E_DB = path.join(process.cwd(), "prisma", "e2e.db");
const SECRET = { authorization: "Bearer sk_test_emulator" };

function paymentIntentOf(orderId: string): string {
  const db = new Database(E2E_DB, { readonly: true });
  try {
    return (db.prepare('SELECT stripePaymentIntentId FROM "Order" WHERE id = ?').get(orderId) as { stripePaymentIntentId: string }).stripePaymentIntentId;
  } finally {
    db.close();
  }
}

async function expectState(page: Page, orderId: string, state: string) {
  await expect(async () => {
    await page.goto(`/checkout/${orderId}/complete`);
    await expect(page.getByTestId("order-status")).toHaveAttribute("data-state", state, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

async function refund(request: APIRequestContext, paymentIntent: string, amount?: number) {
  const res = await request.post(`${EMULATOR_URL}/v1/refunds`, { headers: SECRET, form: { payment_intent: paymentIntent, ...(amount && { amount: String(amount) }) } });
  expect(res.ok()).toBe(true);
}

test("a paid order says so, promises no email Payport does not send, and its checkout page shows the paid state", async ({ page }) => {
  const orderId = await buyTee(page, uniqueEmail("paid"));
  await expect(page.getByTestId("order-headline")).toHaveText("Payment received");
  await expect(page.getByTestId("order-status-body")).toHaveText("We received $25.00.");
  await expect(page.getByTestId("order-next")).toContainText("We pack and ship your order within two working days.");
  await expect(page.getByTestId("order-status")).not.toContainText("receipt");
  await expect(page.getByTestId("order-total").locator("..")).toContainText("Total paid");

  await page.goto(`/checkout/${orderId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payment received");
  await expect(page.getByTestId("checkout-settled")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Back to cart/ })).toHaveCount(0);
});

test("a partly refunded order, then a fully refunded one, say what was refunded and stop promising shipping", async ({ page, request }) => {
  const orderId = await buyTee(page, uniqueEmail("refunded"));
  const pi = paymentIntentOf(orderId);

  await refund(request, pi, 1000);
  await expectState(page, orderId, "partially_refunded");
  await expect(page.getByTestId("order-headline")).toHaveText("Partly refunded");
  await expect(page.getByTestId("order-status-body")).toContainText("We refunded $10.00 of your $25.00 payment");
  await expect(page.getByTestId("order-refunded")).toContainText("$10.00");

  await refund(request, pi);
  await expectState(page, orderId, "refunded");
  await expect(page.getByTestId("order-headline")).toHaveText("Payment refunded");
  await expect(page.getByTestId("order-status-body")).toContainText("We refunded $25.00 to your card");
  await expect(page.getByTestId("order-status")).not.toContainText("ship");
  await expect(page.getByTestId("order-summary")).toContainText("Total paid");
  await expect(page.getByTestId("order-summary")).not.toContainText("Total due");
});

test("a disputed order says the bank is reviewing it", async ({ page, request }) => {
  const orderId = await buyTee(page, uniqueEmail("disputed"));
  const created = await request.post(`${EMULATOR_URL}/_emulator/disputes`, { data: { payment_intent: paymentIntentOf(orderId), reason: "fraudulent" }, headers: SECRET });
  expect(created.ok()).toBe(true);
  await expectState(page, orderId, "disputed");
  await expect(page.getByTestId("order-headline")).toHaveText("Payment disputed");
  await expect(page.getByTestId("order-status-body")).toContainText("Your bank told us this $25.00 payment is disputed.");
  await expect(page.getByTestId("order-status")).not.toContainText("ship");
});

test("a processing order says the bank is confirming it and that nothing ships yet", async ({ page, request }) => {
  const orderId = await buyTee(page, uniqueEmail("processing"));
  const pi = paymentIntentOf(orderId);
  const db = new Database(E2E_DB);
  db.prepare(`UPDATE "Order" SET status = 'processing', paymentStatus = 'processing' WHERE id = ?`).run(orderId);
  db.close();
  // Stripe unreachable for this intent: the page shows what the database knows.
  const fault = await request.post(`${EMULATOR_URL}/_emulator/faults`, { data: { path: `/v1/payment_intents/${pi}`, method: "GET", count: 20, mode: "500" } });
  expect(fault.ok()).toBe(true);
  await page.goto(`/checkout/${orderId}/complete`);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-state", "processing");
  await expect(page.getByTestId("order-headline")).toHaveText("Processing payment");
  await expect(page.getByTestId("order-status-body")).toContainText("Your bank is confirming the payment of $25.00.");
  await expect(page.getByTestId("order-next")).toContainText("We ship once the payment is confirmed.");
  await expect(page.getByTestId("order-summary")).toContainText("Total due");
});

test("a failed order gives the issuer's reason and a way to try another card", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Add Payport Tee to cart" }).click();
  await page.getByRole("link", { name: /^Cart/ }).click();
  await page.getByLabel("Email").fill(uniqueEmail("failed"));
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL(/\/checkout\/[^/?]+$/);
  const orderId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
  await page.getByLabel("Test card").selectOption("4000000000000002");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expectState(page, orderId, "failed");
  await expect(page.getByTestId("order-headline")).toHaveText("Payment failed");
  await expect(page.getByTestId("payment-failure-reason")).toContainText("No money was taken.");
  await expect(page.getByRole("link", { name: "Try another card" })).toBeVisible();
  await expect(page.getByTestId("order-summary")).toContainText("Total due");
});

test("admin tables fit a 1024 px window: the last column or the row's folded detail is on screen, nothing scrolls sideways", async ({ page, request }) => {
  const orderId = await buyTee(page, uniqueEmail("wide"));
  await request.post(`${EMULATOR_URL}/v1/refunds`, { headers: SECRET, form: { payment_intent: paymentIntentOf(orderId), amount: "500" } });
  await page.setViewportSize({ width: 1024, height: 800 });
  await signInAt(page, "/admin/payments");
  const tables: [string, string][] = [
    ["/admin/payments", "payments-table"],
    ["/admin/disputes", "disputes-table"],
    ["/admin/subscriptions", "subscriptions-table"],
    ["/admin/customers", "customers-table"],
    ["/admin/events", "events-table"],
    ["/admin/audit", "audit-table"],
    [`/admin/payments/${orderId}`, "refunds-table"],
  ];
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const [url, testId] of tables) {
      await page.goto(url);
      const table = page.getByTestId(testId);
      await expect(table).toBeVisible();
      const fit = await table.evaluate((el) => {
        const scroller = el.parentElement!;
        const headers = [...el.querySelectorAll("thead th")].filter((th) => getComputedStyle(th).display !== "none");
        const last = headers[headers.length - 1]!.getBoundingClientRect();
        return { overflow: scroller.scrollWidth - scroller.clientWidth, lastRight: last.right, scrollerRight: scroller.getBoundingClientRect().right };
      });
      expect(fit.overflow, `${url} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
      expect(fit.lastRight, `${url} at ${width} px clips its last column`).toBeLessThanOrEqual(fit.scrollerRight + 1);
    }
  }
  // A folded column is in the row's detail at 1024 px, and the row opens its payment.
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.goto(`/admin/payments?q=${orderId}`);
  const row = page.getByTestId("payment-row");
  await expect(row.locator("[data-folded]").getByText("Created")).toBeVisible();
  await row.locator("[data-status]").first().click(); // the badge: a click anywhere on the row opens it
  await page.waitForURL(new RegExp(`/admin/payments/${orderId}$`));
});
