// Subscribing in a real browser against `next start` and the emulator: the
// pricing page from the catalog; subscribe to the per-seat plan with 4242 and
// land on an active subscription; start the trial plan with no charge and the
// card saved, then age the customer past the trial end on a test clock and see
// the subscription convert to active with a paid invoice.
import { expect, signUp, test, uniqueEmail } from "./fixtures";
import { EMULATOR_URL } from "./servers";

const SECRET_KEY = "sk_test_emulator";

/** The emulator's API, as the server would call it (form-encoded, secret key). */
async function stripeApi<T = Record<string, unknown>>(method: "GET" | "POST", path: string, params: Record<string, string> = {}): Promise<T> {
  const body = new URLSearchParams(params).toString();
  const url = method === "GET" && body ? `${EMULATOR_URL}${path}?${body}` : `${EMULATOR_URL}${path}`;
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/x-www-form-urlencoded" },
    body: method === "POST" ? body : undefined,
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function control<T = Record<string, unknown>>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${EMULATOR_URL}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function customerIdFor(email: string): Promise<string> {
  const { data } = await stripeApi<{ data: { id: string }[] }>("GET", "/v1/customers", { email });
  expect(data).toHaveLength(1);
  return data[0].id;
}

test("the pricing page lists the plans from the catalog with a monthly/yearly switch, seats, the trial and the add-on", async ({ page }) => {
  await page.goto("/pricing");
  const cards = page.getByTestId("plan-card");
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(0)).toHaveAttribute("data-plan", "Starter");
  await expect(page.locator('[data-plan="Starter"]').getByTestId("plan-price")).toHaveText("$9.00");
  await page.getByTestId("interval-year").click();
  await expect(page.locator('[data-plan="Starter"]').getByTestId("plan-price")).toHaveText("$90.00");
  await page.getByTestId("interval-month").click();
  await expect(page.locator('[data-plan="Pro"]').getByTestId("trial-badge")).toHaveText("14-day free trial");
  const team = page.locator('[data-plan="Team"]');
  await team.getByRole("button", { name: "Add a seat" }).click();
  await expect(team.getByTestId("plan-total")).toHaveText("$48.00 / month for 4 seats");
  await expect(page.getByTestId("metered-addon")).toContainText("API requests");
  // A visitor choosing a plan signs in first and comes back to it.
  await page.locator('[data-plan="Starter"]').getByTestId("choose-plan").click();
  await page.waitForURL(/\/signin\?callbackUrl=%2Fsubscribe/);
  // The storefront still lists only goods.
  await page.goto("/");
  await expect(page.getByText("Starter")).toHaveCount(0);
});

test("subscribe to the per-seat plan with 4242: the first invoice is paid in the browser and the subscription is active", async ({ page }) => {
  const email = uniqueEmail("team");
  await signUp(page, email);
  await page.goto("/pricing");
  const team = page.locator('[data-plan="Team"]');
  await team.getByRole("button", { name: "Remove a seat" }).click(); // 3 -> 2 seats
  await team.getByTestId("choose-plan").click();
  await page.waitForURL(/\/subscribe\?/);
  await expect(page.getByTestId("seat-count")).toHaveText("2");
  await expect(page.getByTestId("due-today")).toHaveText("$24.00");

  // An unknown promotion code is refused clearly, and nothing is created.
  await page.getByLabel("Promotion code (optional)").fill("NOSUCHCODE");
  await page.getByTestId("subscribe-continue").click();
  await expect(page.getByText("The promotion code NOSUCHCODE is not valid or has expired.")).toBeVisible();
  await page.getByLabel("Promotion code (optional)").fill("");
  // The refusal was about that code: changing the code clears it.
  await expect(page.getByText("The promotion code NOSUCHCODE is not valid or has expired.")).toHaveCount(0);
  // The metered add-on rides along as a second item, billed in arrears: nothing more due today.
  await page.getByTestId("addon-checkbox").check();

  await page.getByTestId("subscribe-continue").click();
  await expect(page.getByTestId("subscribe-confirm")).toHaveText("Pay $24.00");
  await page.getByLabel("Test card").selectOption("4242424242424242");
  await page.getByTestId("subscribe-confirm").click();
  await page.waitForURL(/\/subscribe\/return\?subscription=sub_/);
  const result = page.getByTestId("subscription-result");
  await expect(result).toHaveAttribute("data-status", "active");
  await expect(page.getByRole("heading", { name: "You're subscribed to Team" })).toBeVisible();
  await expect(result).toContainText("Team × 2 seats");

  const customer = await customerIdFor(email);
  const subs = await stripeApi<{ data: { status: string; default_payment_method: string | null; items: { data: { quantity?: number; price: { recurring: { usage_type: string } } }[] } }[] }>(
    "GET",
    "/v1/subscriptions",
    { customer, status: "all" },
  );
  expect(subs.data).toHaveLength(1);
  expect(subs.data[0]).toMatchObject({ status: "active" });
  expect(subs.data[0].items.data.map((i) => i.price.recurring.usage_type).sort()).toEqual(["licensed", "metered"]);
  expect(subs.data[0].default_payment_method).toBeTruthy();

  // Subscribed: the subscribe page points to billing instead of a second subscription.
  await page.goto("/pricing");
  await expect(page.locator('[data-plan="Team"]').getByRole("link", { name: "Your current plan" })).toBeVisible();
});

test("double clicks create one subscription; a declined card shows the issuer's message and 4242 then pays the same subscription", async ({ page }) => {
  const email = uniqueEmail("double");
  await signUp(page, email);
  await page.goto("/pricing");
  await page.locator('[data-plan="Starter"]').getByTestId("choose-plan").click();
  await page.waitForURL(/\/subscribe\?/);
  await page.getByTestId("subscribe-continue").dblclick();
  await page.getByLabel("Test card").selectOption("4000000000000002");
  await page.getByTestId("subscribe-confirm").click();
  await expect(page.getByTestId("payment-error")).toHaveText("Your card was declined.");
  // Reloading and continuing again (a second tab, a retry) reuses the unpaid subscription.
  await page.reload();
  await page.getByTestId("subscribe-continue").click();
  await page.getByLabel("Test card").selectOption("4242424242424242");
  await page.getByTestId("subscribe-confirm").dblclick();
  await page.waitForURL(/\/subscribe\/return\?subscription=sub_/);
  await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");

  const customer = await customerIdFor(email);
  const subs = await stripeApi<{ data: { id: string; status: string }[] }>("GET", "/v1/subscriptions", { customer, status: "all" });
  expect(subs.data.map((s) => s.status)).toEqual(["active"]);
  const charges = await stripeApi<{ data: { status: string }[] }>("GET", "/v1/charges", { customer });
  expect(charges.data.map((c) => c.status).sort()).toEqual(["failed", "succeeded"]);
});

test("a promotion code discounts the first invoice paid in the browser", async ({ page }) => {
  await signUp(page, uniqueEmail("promo"));
  await page.goto("/pricing");
  await page.locator('[data-plan="Starter"]').getByTestId("choose-plan").click();
  await page.waitForURL(/\/subscribe\?/);
  await page.getByLabel("Promotion code (optional)").fill("launch25");
  await page.getByTestId("subscribe-continue").click();
  // The seeded LAUNCH25 takes 25% off $9.00.
  await expect(page.getByTestId("due-today")).toHaveText("$6.75");
  // Itemised before paying: the subtotal, the code and what it takes off.
  await expect(page.getByTestId("invoice-subtotal")).toHaveText("$9.00");
  await expect(page.getByTestId("invoice-discount")).toContainText(/launch25/i);
  await expect(page.getByTestId("invoice-discount")).toContainText("−$2.25");
  await expect(page.getByTestId("subscribe-confirm")).toHaveText("Pay $6.75");
  await page.getByLabel("Test card").selectOption("4242424242424242");
  await page.getByTestId("subscribe-confirm").click();
  await page.waitForURL(/\/subscribe\/return\?subscription=sub_/);
  await expect(page.getByTestId("subscription-result")).toHaveAttribute("data-status", "active");
});

test("start a trial: no charge, the card is saved; past the trial end on a test clock it converts to active with a paid invoice", async ({ page }) => {
  const email = uniqueEmail("trial");
  await signUp(page, email);
  await page.goto("/pricing");
  await page.locator('[data-plan="Pro"]').getByTestId("choose-plan").click();
  await page.waitForURL(/\/subscribe\?/);
  await expect(page.getByTestId("due-today")).toHaveText("$0.00");
  await page.getByTestId("subscribe-continue").click();
  await expect(page.getByTestId("subscribe-confirm")).toHaveText("Save card and start trial");
  await page.getByLabel("Test card").selectOption("4242424242424242");
  await page.getByTestId("subscribe-confirm").click();
  await page.waitForURL(/\/subscribe\/return\?subscription=sub_/);
  const result = page.getByTestId("subscription-result");
  await expect(result).toHaveAttribute("data-status", "trialing");
  await expect(result).toHaveAttribute("data-settled", "true");
  await expect(page.getByRole("heading", { name: "Your Pro trial has started" })).toBeVisible();

  const customer = await customerIdFor(email);
  expect((await stripeApi<{ data: unknown[] }>("GET", "/v1/charges", { customer })).data).toHaveLength(0);
  const cards = await stripeApi<{ data: { card: { last4: string } }[] }>("GET", "/v1/payment_methods", { customer, type: "card" });
  expect(cards.data.map((pm) => pm.card.last4)).toEqual(["4242"]);
  const subscriptionId = new URL(page.url()).searchParams.get("subscription")!;
  const trialing = await stripeApi<{ trial_end: number; status: string }>("GET", `/v1/subscriptions/${subscriptionId}`);
  expect(trialing.status).toBe("trialing");

  // Age the customer: onto a test clock, then past the trial end (renewal payment is attempted an hour later).
  const clock = await control<{ id: string }>(`/_emulator/customers/${customer}/test_clock`, {});
  await stripeApi("POST", `/v1/test_helpers/test_clocks/${clock.id}/advance`, { frozen_time: String(trialing.trial_end + 2 * 3600) });
  await expect
    .poll(async () => (await stripeApi<{ status: string }>("GET", `/v1/test_helpers/test_clocks/${clock.id}`)).status, { timeout: 30_000 })
    .toBe("ready");

  await page.reload();
  await expect(result).toHaveAttribute("data-status", "active");
  const invoices = await stripeApi<{ data: { status: string; amount_paid: number; billing_reason: string }[] }>("GET", "/v1/invoices", { customer });
  expect(invoices.data.find((i) => i.billing_reason === "subscription_cycle")).toMatchObject({ status: "paid", amount_paid: 4900 });
  expect((await stripeApi<{ data: unknown[] }>("GET", "/v1/charges", { customer })).data).toHaveLength(1);
});
