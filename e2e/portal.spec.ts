// The customer portal in a real browser against `next start`, the emulator and
// its webhooks: upgrade with the proration shown equal to what is invoiced;
// cancel at period end then resume; a renewal a month later (test clock) with
// a working PDF link; a renewal on the 0341 card goes past due, and a new card
// plus "Pay now" recovers it.
import type { Page } from "@playwright/test";
import { expect, signUp, test, uniqueEmail } from "./fixtures";
import Stripe from "stripe";
import { E2E_EMULATOR_PORT, EMULATOR_URL } from "./servers";

const stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: E2E_EMULATOR_PORT, protocol: "http", telemetry: false, maxNetworkRetries: 0 });

/** Subscribes the signed-in user through the app's subscribe route and pays the first invoice with 4242; returns the Stripe ids. */
async function subscribe(page: Page, planName: string): Promise<{ subscriptionId: string; customer: string }> {
  const plans = (await (await page.request.get("/api/billing/plans")).json()) as { plans: { name: string; prices: { id: string; interval: string }[] }[] };
  const price = plans.plans.find((p) => p.name === planName)!.prices.find((p) => p.interval === "month")!;
  const res = await page.request.post("/api/billing/subscribe", { data: { priceId: price.id } });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { subscriptionId: string; intent: { clientSecret: string } };
  await stripe.paymentIntents.confirm(body.intent.clientSecret.split("_secret_")[0], { payment_method: "pm_card_visa", return_url: "http://127.0.0.1/return" });
  const sub = await stripe.subscriptions.retrieve(body.subscriptionId);
  return { subscriptionId: sub.id, customer: sub.customer as string };
}

async function openBilling(page: Page, status: string) {
  await page.goto("/account/billing");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("subscription-status")).toHaveText(status, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

/** Puts the customer on a test clock and moves it past the period end (+2 h: the renewal is finalized and charged an hour after). */
async function renew(subscriptionId: string, customer: string) {
  const sub = await stripe.subscriptions.retrieve(subscriptionId);
  const res = await fetch(`${EMULATOR_URL}/_emulator/customers/${customer}/test_clock`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk_test_emulator" },
    body: "{}",
  });
  expect(res.status).toBe(200);
  const clock = (await res.json()) as { id: string };
  await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: sub.items.data[0].current_period_end + 2 * 3600 });
  await expect.poll(async () => (await stripe.testHelpers.testClocks.retrieve(clock.id)).status, { timeout: 20_000 }).toBe("ready");
}

async function addCardInDialog(page: Page, number: string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Test card")).toBeVisible();
  await dialog.getByLabel("Test card").selectOption(number);
  await dialog.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
}

test("an upgrade shows the proration, and exactly that amount is invoiced and paid", async ({ page }) => {
  await signUp(page, uniqueEmail("upgrade"));
  await page.getByRole("link", { name: "Manage billing" }).click();
  await expect(page.getByTestId("no-subscription")).toBeVisible();
  await subscribe(page, "Starter");
  await openBilling(page, "Active");
  await expect(page.getByTestId("plan-name")).toHaveText("Starter");
  await expect(page.getByTestId("plan-price")).toHaveText("$9.00 / month");
  await expect(page.getByTestId("renewal")).toContainText("Renews on");

  await page.getByLabel("Plan").selectOption({ label: "Pro — $49.00 / month" });
  await page.getByRole("button", { name: "Preview change" }).click();
  const preview = page.getByTestId("proration-preview");
  await expect(preview).toBeVisible();
  const due = (await preview.getByTestId("preview-total-due").textContent())!;
  expect(due).toMatch(/^\$(39|40)\.\d\d$/); // $49 − $9 for (almost) the whole month
  await expect(preview.getByTestId("preview-next-renewal")).toHaveText("$49.00");
  await page.getByTestId("confirm-change").click();
  await expect(page.getByText(`Plan changed. ${due} charged.`)).toBeVisible();

  await expect(page.getByTestId("plan-name")).toHaveText("Pro");
  const row = page.locator('[data-testid="invoice-row"][data-billing-reason="subscription_update"]');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("invoice-amount")).toHaveText(due);
  await expect(row).toHaveAttribute("data-status", "paid");
});

test("cancel at period end, then resume", async ({ page }) => {
  await signUp(page, uniqueEmail("cancel"));
  await subscribe(page, "Starter");
  await openBilling(page, "Active");

  await page.getByRole("button", { name: "Cancel at period end" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("then it ends and you won't be charged again");
  await dialog.getByRole("button", { name: "Cancel at period end" }).click();
  await expect(page.getByTestId("cancel-notice")).toContainText("Your plan is set to end on");
  await expect(page.getByTestId("renewal")).toContainText("Ends on");
  await expect(page.getByTestId("subscription-status")).toHaveText("Active");
  await expect(page.getByTestId("cancels-on")).toContainText("Cancels on");
  await expect(page.getByTestId("subscription-explanation")).not.toContainText("paid up");

  await page.getByTestId("cancel-notice").getByRole("button", { name: "Resume subscription" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Resume subscription" }).click();
  await expect(page.getByTestId("cancel-notice")).toHaveCount(0);
  await expect(page.getByTestId("renewal")).toContainText("Renews on");
});

test("a renewal a month later shows a new paid invoice whose PDF link works", async ({ page }) => {
  await signUp(page, uniqueEmail("renewal"));
  const { subscriptionId, customer } = await subscribe(page, "Starter");
  await openBilling(page, "Active");
  await expect(page.getByTestId("invoice-row")).toHaveCount(1);

  await renew(subscriptionId, customer);
  const renewal = page.locator('[data-testid="invoice-row"][data-billing-reason="subscription_cycle"]');
  await expect(async () => {
    await page.reload();
    await expect(renewal).toHaveAttribute("data-status", "paid", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("invoice-row")).toHaveCount(2);
  await expect(renewal.getByTestId("invoice-amount")).toHaveText("$9.00");
  await expect(page.getByTestId("subscription-status")).toHaveText("Active");

  const pdfUrl = (await renewal.getByTestId("invoice-pdf").getAttribute("href"))!;
  const pdf = await page.request.get(pdfUrl);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("a renewal on the 0341 card goes past due; a new card and Pay now make it active again", async ({ page }) => {
  await signUp(page, uniqueEmail("dunning"));
  const { subscriptionId, customer } = await subscribe(page, "Starter");
  await openBilling(page, "Active");

  // Add the card that attaches but always fails, and make it the default.
  await page.getByRole("button", { name: "Add card" }).click();
  await addCardInDialog(page, "4000000000000341");
  const failing = page.locator('[data-testid="payment-method"][data-last4="0341"]');
  await expect(failing).toBeVisible();
  await failing.getByRole("button", { name: "Make default" }).click();
  await expect(failing.getByText("Default", { exact: true })).toBeVisible();

  await renew(subscriptionId, customer);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("past-due-banner")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("subscription-status")).toHaveText("Past due");
  await expect(page.getByTestId("past-due-banner")).toContainText("$9.00");

  await page.getByTestId("past-due-banner").getByRole("button", { name: "Update payment method" }).click();
  await addCardInDialog(page, "4242424242424242");
  await expect(page.locator('[data-testid="payment-method"][data-last4="4242"]').getByText("Default", { exact: true })).toBeVisible();
  await expect(failing.getByText("Default", { exact: true })).toHaveCount(0);

  await page.getByTestId("past-due-banner").getByRole("button", { name: "Pay now" }).click();
  await expect(page.getByRole("dialog")).toContainText("Pay $9.00 now?");
  await expect(page.getByRole("dialog")).toContainText("•••• 4242");
  await page.getByTestId("confirm-pay").click();
  await expect(page.getByText("Payment of $9.00 received. Thank you!")).toBeVisible();
  await expect(page.getByTestId("past-due-banner")).toHaveCount(0);
  await expect(page.getByTestId("subscription-status")).toHaveText("Active");
  await expect(page.locator('[data-testid="invoice-row"][data-billing-reason="subscription_cycle"]')).toHaveAttribute("data-status", "paid");
});
