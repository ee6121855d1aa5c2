// Disputes in the admin, in a real browser against `next start`, the emulator
// and its webhooks: the dispute card (0259) opens a dispute that shows up with
// its evidence deadline, and winning evidence submitted through the
// confirmation dialog moves it to under review, then won. A dispute opened
// through the emulator's control API can be accepted (lost). The dashboard
// shows the day's volume.
import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { buyTee, expect, signInAt, test, uniqueEmail } from "./fixtures";
import { EMULATOR_URL } from "./servers";

const E2E_DB = path.join(process.cwd(), "prisma", "e2e.db");

async function expectDisputeStatus(page: Page, statuses: string[]) {
  await expect(async () => {
    await page.reload();
    const status = await page.getByTestId("dispute-detail").getByTestId("dispute-status").first().getAttribute("data-status");
    expect(statuses).toContain(status);
  }).toPass({ timeout: 15_000 });
}

test("a dispute from the dispute card shows with its deadline, and winning evidence can be submitted", async ({ page }) => {
  const email = uniqueEmail("disputer");
  await buyTee(page, email, { card: "4000000000000259" });
  await signInAt(page, "/admin/disputes?status=open");

  const row = page.getByTestId("dispute-row").filter({ hasText: email });
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(row.getByTestId("dispute-status")).toHaveAttribute("data-status", "needs_response");
  // Due seven days after opening: "6 d 23 h left" and the exact UTC deadline under it.
  await expect(row.getByTestId("evidence-due")).toContainText(/[67] d \d+ h left/);
  await expect(row.getByTestId("evidence-due")).toContainText("UTC");
  await expect(row).toContainText("$25.00");

  await row.getByRole("link", { name: "$25.00" }).click();
  await page.waitForURL(/\/admin\/disputes\/[^/?]+$/);
  const detail = page.getByTestId("dispute-detail");
  await expect(detail.getByTestId("dispute-status").first()).toHaveAttribute("data-status", "needs_response");
  await expect(detail.getByTestId("dispute-order-link")).toContainText(email);

  // Submitting nothing is refused in the form, before any dialog.
  await page.getByRole("button", { name: "Submit evidence…" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Fill in at least one evidence field." })).toBeVisible();

  await page.getByLabel("Product description").fill("One Payport Tee, shipped to the cardholder's address.");
  await page.getByLabel("Additional information").fill("winning_evidence");
  await page.getByRole("button", { name: "Submit evidence…" }).click();
  const dialog = page.getByRole("dialog", { name: "Submit this evidence?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Submit evidence" }).click();
  await expect(page.getByRole("status").getByText("Evidence submitted")).toBeVisible();
  await expect(detail.getByTestId("dispute-status").first()).toHaveAttribute("data-status", /^(under_review|won)$/);

  await expectDisputeStatus(page, ["won"]);
  await expect(page.getByTestId("dispute-timeline")).toContainText("dispute.evidence by admin@payport.local");
  await expect(page.getByTestId("dispute-timeline")).toContainText("charge.dispute.closed");
});

test("a dispute opened through the emulator's control API can be accepted after confirming", async ({ page, request }) => {
  const email = uniqueEmail("accepted");
  const orderId = await buyTee(page, email);
  const db = new Database(E2E_DB, { readonly: true });
  const { stripePaymentIntentId } = db.prepare('SELECT stripePaymentIntentId FROM "Order" WHERE id = ?').get(orderId) as { stripePaymentIntentId: string };
  db.close();
  const created = await request.post(`${EMULATOR_URL}/_emulator/disputes`, {
    data: { payment_intent: stripePaymentIntentId, reason: "product_not_received" },
    headers: { authorization: "Bearer sk_test_emulator" },
  });
  expect(created.ok()).toBe(true);

  await signInAt(page, "/admin/disputes");
  const row = page.getByTestId("dispute-row").filter({ hasText: email });
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(row).toContainText("product not received");
  await row.getByRole("link", { name: "$25.00" }).click();
  await page.waitForURL(/\/admin\/disputes\/[^/?]+$/);

  await page.getByRole("button", { name: "Accept dispute…" }).click();
  const dialog = page.getByRole("dialog", { name: "Accept this dispute?" });
  await expect(dialog).toContainText("$25.00");
  await dialog.getByRole("button", { name: "Keep disputing" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Accept dispute…" }).click();
  await dialog.getByRole("button", { name: "Accept dispute" }).click();
  await expect(page.getByRole("status").getByText("Dispute accepted")).toBeVisible();
  await expectDisputeStatus(page, ["lost"]);
  await expect(page.getByTestId("dispute-closed-note")).toContainText("closed");
});

test("the dashboard shows the period's volume per currency with a chart", async ({ page }) => {
  await buyTee(page, uniqueEmail("dashboard"));
  await signInAt(page, "/admin/dashboard?period=7");
  const usd = page.getByTestId("dashboard-usd");
  await expect(usd.getByTestId("stat-gross")).toContainText("$");
  await expect(usd.getByTestId("volume-chart-usd")).toBeVisible();
  await page.getByTestId("period-picker").getByRole("link", { name: "90 days" }).click();
  await page.waitForURL(/period=90/);
  await expect(page.getByTestId("period-picker").getByRole("link", { name: "90 days" })).toHaveAttribute("aria-current", "page");
});
