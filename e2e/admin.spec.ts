// The merchant admin in a real browser against `next start`, the emulator and
// its webhooks: the seeded local admin refunds part of a payment and then the
// rest (the payment turns fully refunded once the webhooks land), replays a
// failed event to fix the record, and a customer is refused everywhere.
import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { ADMIN, buyTee, expect, signInAt, test, uniqueEmail } from "./fixtures";

const E2E_DB = path.join(process.cwd(), "prisma", "e2e.db");

async function refund(page: Page, amount: string, label: string) {
  const form = page.getByTestId("refund-form");
  await form.getByLabel(/^Amount/).fill(amount);
  await form.getByLabel("Reason").selectOption("requested_by_customer");
  await form.getByRole("button", { name: "Refund…" }).click();
  const dialog = page.getByRole("dialog", { name: `Refund ${label}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: `Refund ${label}` }).click();
  await expect(page.getByRole("status").getByText(`Refunded ${label}`)).toBeVisible();
}

test("an admin refunds part of a payment, then the rest, and the payment shows fully refunded after the webhooks", async ({ page }) => {
  const orderId = await buyTee(page, uniqueEmail("refundee"));
  await signInAt(page, `/admin/payments/${orderId}`);
  await page.waitForURL(new RegExp(`/admin/payments/${orderId}$`));

  const detail = page.getByTestId("payment-detail");
  await expect(detail).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("payment-amount")).toHaveText("$25.00");
  await expect(page.getByTestId("payment-card")).toHaveText(/visa •••• 4242/);
  await expect(page.getByTestId("payment-timeline")).toContainText("payment_intent.succeeded");

  // More than remains is refused on the spot (and again on the server).
  await page.getByTestId("refund-form").getByLabel(/^Amount/).fill("30");
  await page.getByRole("button", { name: "Refund…" }).click();
  await expect(page.getByText("At most $25.00 can still be refunded.")).toBeVisible();

  await refund(page, "10.00", "$10.00");
  await expect(detail).toHaveAttribute("data-status", "partially_refunded");
  await expect(page.getByTestId("amount-refunded")).toHaveText("$10.00");
  await expect(page.getByTestId("amount-refundable")).toHaveText("$15.00");

  // The form now offers what remains.
  await expect(page.getByTestId("refund-form").getByLabel(/^Amount/)).toHaveValue("15");
  await refund(page, "15", "$15.00");
  await expect(detail).toHaveAttribute("data-status", "refunded");
  await expect(page.getByTestId("amount-refunded")).toHaveText("$25.00");
  await expect(page.getByTestId("refund-blocked")).toHaveText("This payment is fully refunded.");
  await expect(page.getByTestId("refund-row")).toHaveCount(2);
  await expect(page.getByTestId("refund-row").locator('[data-status="succeeded"]')).toHaveCount(2);
  await expect(page.getByTestId("payment-timeline")).toContainText("charge.refunded");

  // The table agrees, found by the top-bar search.
  await page.getByLabel("Search payments").fill(orderId);
  await page.getByLabel("Search payments").press("Enter");
  await page.waitForURL(/\/admin\/payments\?q=/);
  const row = page.getByTestId("payment-row");
  await expect(row).toHaveCount(1);
  await expect(row.locator('[data-status="refunded"]')).toHaveText("Refunded");

  // The CSV export of the same search says so too.
  const csv = await page.request.get(`/api/admin/payments/export?q=${orderId}`);
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,${orderId},refunded,25.00,25.00,USD,`);

  // Both refunds are in the audit log with Stripe's request ids.
  await page.getByRole("link", { name: "Audit log" }).click();
  await page.waitForURL(/\/admin\/audit$/);
  const audits = page.getByTestId("audit-row").filter({ hasText: orderId });
  await expect(audits).toHaveCount(2);
  await expect(audits.first()).toContainText("refund.create");
  await expect(audits.first()).toContainText(/req_/);
  await expect(audits.first()).toContainText(ADMIN.email);
});

test("replaying a failed event fixes the record", async ({ page }) => {
  const orderId = await buyTee(page, uniqueEmail("replay"));

  // Simulate a handler that failed: the charge details never reached the order and its event is marked failed.
  const db = new Database(E2E_DB);
  let eventId: string;
  try {
    db.pragma("busy_timeout = 5000");
    const order = db.prepare("SELECT stripePaymentIntentId FROM \"Order\" WHERE id = ?").get(orderId) as { stripePaymentIntentId: string };
    const event = db
      .prepare("SELECT id FROM StripeEvent WHERE type = 'charge.succeeded' AND payload LIKE ? ORDER BY created DESC LIMIT 1")
      .get(`%${order.stripePaymentIntentId}%`) as { id: string };
    eventId = event.id;
    db.prepare("UPDATE \"Order\" SET cardBrand = NULL, cardLast4 = NULL, riskLevel = NULL WHERE id = ?").run(orderId);
    db.prepare("UPDATE StripeEvent SET status = 'failed', lastError = 'Error: simulated outage' WHERE id = ?").run(eventId);
  } finally {
    db.close();
  }

  await signInAt(page, `/admin/payments/${orderId}`);
  await expect(page.getByTestId("payment-card")).toHaveText("—");

  await page.goto("/admin/events?status=failed");
  await expect(page.getByTestId("health-failures")).not.toHaveText("0");
  const row = page.getByTestId("event-row").filter({ hasText: eventId });
  await expect(row).toContainText("simulated outage");
  await row.getByRole("button", { name: `Replay ${eventId}` }).click();
  await expect(page.getByRole("status").getByText("Event replayed")).toBeVisible();
  await expect(page.getByTestId("event-row").filter({ hasText: eventId })).toHaveCount(0); // no longer failed

  await page.goto(`/admin/events/${eventId}`);
  await expect(page.getByTestId("event-detail")).toHaveAttribute("data-status", "processed");
  await expect(page.getByTestId("event-payload")).toContainText('"type": "charge.succeeded"');

  await page.goto(`/admin/payments/${orderId}`);
  await expect(page.getByTestId("payment-card")).toHaveText(/visa •••• 4242/);
  await expect(page.getByTestId("payment-risk")).not.toHaveText("—");

  await page.goto(`/admin/audit?action=event.replay&targetId=${eventId}`);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
});

const ADMIN_URLS = [
  "/admin",
  "/admin/dashboard",
  "/admin/payments",
  "/admin/payments/some-order",
  "/admin/subscriptions",
  "/admin/customers",
  "/admin/customers/some-user",
  "/admin/disputes",
  "/admin/events",
  "/admin/events/evt_123",
  "/admin/audit",
];

const ADMIN_APIS = ["/api/admin/payments", "/api/admin/payments/export", "/api/admin/customers", "/api/admin/events", "/api/admin/audit", "/api/admin/audit/export"];

test("a customer opening any admin URL is refused, and a visitor is sent to sign in", async ({ page, browser }) => {
  const email = uniqueEmail("customer");
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/account$/);

  // The admin shell refuses (forbidden()) before anything streams, so the status is a real 403.
  for (const url of ADMIN_URLS) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { name: "Access refused" }), url).toBeVisible();
    await expect(page.getByTestId("admin-shell"), url).toHaveCount(0);
    await expect(page.getByTestId("admin-nav"), url).toHaveCount(0);
  }
  for (const url of ADMIN_APIS) {
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(403);
    expect(await res.json()).toEqual({ error: { message: "You don't have access to this." } });
  }
  const refund = await page.request.post("/api/admin/refunds", { data: { orderId: "x", amount: 100, currency: "usd", reason: "duplicate" } });
  expect(refund.status()).toBe(403);

  const visitor = await browser.newContext();
  try {
    const anon = await visitor.newPage();
    for (const url of ["/admin/payments?status=refunded", "/admin/dashboard", "/admin/events"]) {
      await anon.goto(url);
      await anon.waitForURL(`**/signin?callbackUrl=${encodeURIComponent(url)}`);
    }
    expect((await anon.request.get("/api/admin/payments")).status()).toBe(401);
  } finally {
    await visitor.close();
  }
});
