// Radar reviews in a real browser: a shopper pays with the elevated-risk test
// card, the payment succeeds but Radar opens a review; the admin finds it in
// the review queue, the order cannot be shipped meanwhile, the admin approves
// it, and the order becomes fulfillable.
import { buyTee, expect, signInAt, test, uniqueEmail } from "./fixtures";

test("a payment in Radar review waits in the queue; once the admin approves it, the order can ship", async ({ page }) => {
  const orderId = await buyTee(page, uniqueEmail("risky"), { card: "4000000000009235" });
  await signInAt(page, `/admin/payments/${orderId}`, { back: new RegExp(`/admin/payments/${orderId}$`) });

  // Radar's outcome on the payment, and the hold on fulfilment (the webhooks may land a moment later).
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("fulfilment-hold")).toContainText("under Radar review", { timeout: 1_000 });
  }).toPass();
  await expect(page.getByTestId("payment-risk")).toHaveText("elevated");
  await expect(page.getByTestId("payment-risk-score")).toHaveText("70");
  await expect(page.getByTestId("payment-outcome-type")).toHaveText("manual review");
  await expect(page.getByTestId("payment-network-status")).toHaveText("approved by network");
  await expect(page.getByTestId("payment-radar-rule")).toHaveText("manual_review_if_elevated_risk");
  await expect(page.getByTestId("payment-seller-message")).toContainText("manual review queue");
  await expect(page.getByTestId("payment-reviews").getByTestId("review-badge")).toHaveText("in review");
  await expect(page.getByTestId("payment-fulfilment").getByRole("button", { name: "Mark shipped…" })).toHaveCount(0);

  // The queue, from the admin navigation.
  await page.getByTestId("admin-nav").getByRole("link", { name: "Reviews" }).click();
  await page.waitForURL(/\/admin\/reviews$/);
  const row = page.getByTestId("review-row").filter({ has: page.locator(`a[href="/admin/payments/${orderId}"]`) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("$25.00");
  await expect(row.getByTestId("risk-badge")).toHaveText("elevated");

  await row.getByTestId("review-approve").click();
  const dialog = page.getByRole("dialog", { name: "Approve this payment?" });
  await expect(dialog).toContainText("$25.00");
  await dialog.getByTestId("confirm-review-approve").click();
  await expect(page.getByRole("status").getByText("Payment approved")).toBeVisible();
  await expect(row).toHaveCount(0);

  // Fulfillable now: the hold is gone and the order ships.
  await page.goto(`/admin/payments/${orderId}`);
  await expect(page.getByTestId("payment-reviews").getByTestId("review-badge")).toHaveText("approved");
  await expect(page.getByTestId("fulfilment-hold")).toHaveCount(0);
  const card = page.getByTestId("payment-fulfilment");
  await card.getByRole("button", { name: "Mark shipped…" }).click();
  const ship = page.getByRole("dialog", { name: "Mark this order shipped?" });
  await ship.getByLabel("Tracking number").fill("1Z999AA10123456784");
  await ship.getByRole("button", { name: "Mark shipped" }).click();
  await expect(page.getByRole("status").getByText("Order marked shipped")).toBeVisible();
  await expect(page.getByTestId("fulfilment-actions")).toHaveAttribute("data-status", "shipped");
});
