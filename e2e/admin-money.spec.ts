// A subscriber pays a plan in the browser; the admin then finds that
// subscription payment in Payments (source, link to the subscription and to
// its own page) and in the dashboard's gross volume.
import type { Page } from "@playwright/test";
import { expect, signInAt, signUp, test, uniqueEmail } from "./fixtures";

/** The USD gross volume on the dashboard, in cents. */
async function usdGross(page: Page): Promise<number> {
  await page.goto("/admin/dashboard?period=7");
  const usd = page.getByTestId("dashboard-usd");
  if ((await usd.count()) === 0) return 0;
  const text = (await usd.getByTestId("stat-gross").locator("dd").first().textContent()) ?? "";
  return Math.round(Number(text.replace(/[^0-9.]/g, "")) * 100);
}

test("a subscriber's first invoice payment shows in admin Payments and in the dashboard's gross", async ({ page, browser }) => {
  const admin = await browser.newPage();
  await signInAt(admin, "/admin/dashboard?period=7");
  const grossBefore = await usdGross(admin);

  await signUp(page, uniqueEmail("subscriber"));
  await page.goto("/pricing");
  await page.locator('[data-plan="Starter"]').getByTestId("choose-plan").click();
  await page.waitForURL(/\/subscribe\?/);
  await page.getByTestId("subscribe-continue").click();
  await expect(page.getByTestId("subscribe-confirm")).toHaveText("Pay $9.00");
  await page.getByLabel("Test card").selectOption("4242424242424242");
  await page.getByTestId("subscribe-confirm").click();
  await page.waitForURL(/\/subscribe\/return\?subscription=sub_/);
  await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");
  const subscriptionId = new URL(page.url()).searchParams.get("subscription")!;

  // Webhooks mirror the payment; the list is read per request.
  const row = admin.getByTestId("payment-row");
  await expect(async () => {
    await admin.goto(`/admin/payments?q=${subscriptionId}`);
    await expect(row).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // The source is its own column at this width (its folded copy under the first cell is hidden).
  await expect(row.getByTestId("payment-source").filter({ visible: true })).toHaveText("Subscription");
  await expect(row).toContainText("$9.00");
  await expect(row).toContainText("Succeeded");
  await expect(row.getByRole("link", { name: subscriptionId })).toHaveAttribute("href", `/admin/subscriptions?q=${subscriptionId}`);

  // Its own page says what it paid for, and links back to the subscription.
  await row.click();
  await admin.waitForURL(/\/admin\/payments\/charges\//);
  await expect(admin.getByTestId("charge-payment-detail")).toHaveAttribute("data-source", "subscription");
  await expect(admin.getByTestId("payment-amount")).toHaveText("$9.00");
  await admin.getByTestId("payment-subscription-link").click();
  await admin.waitForURL(/\/admin\/subscriptions\?q=sub_/);
  // …and the subscription links to its payments.
  await admin.getByTestId("subscription-payments-link").filter({ visible: true }).click();
  await admin.waitForURL(new RegExp(`/admin/payments\\?q=${subscriptionId}`));
  await expect(admin.getByTestId("payment-row")).toHaveCount(1);

  // The dashboard's gross volume counts it.
  expect((await usdGross(admin)) - grossBefore).toBeGreaterThanOrEqual(900);
  await expect(admin.getByTestId("dashboard-usd").getByTestId("stat-fees")).toBeVisible();
  await admin.close();
});
