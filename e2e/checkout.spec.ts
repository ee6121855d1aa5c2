// The shopper's journey in a real browser: storefront → cart → Payment Element
// (the emulator's Stripe.js stand-in) → return page, against the standalone production server, the
// local Stripe emulator and its webhooks (servers in playwright.config.ts).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import Stripe from "stripe";
import { APP_URL, E2E_EMULATOR_PORT, EMULATOR_URL } from "./servers";

const stripe = new Stripe("sk_test_emulator", {
  host: "127.0.0.1",
  port: E2E_EMULATOR_PORT,
  protocol: "http",
  telemetry: false,
  maxNetworkRetries: 0,
});

const CARD = {
  visa: "4242424242424242",
  declined: "4000000000000002",
  threeDSecure: "4000002760003184",
} as const;

async function setChaos(settings: Record<string, unknown>) {
  const response = await fetch(`${EMULATOR_URL}/_emulator/chaos`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(settings),
  });
  expect(response.ok, `POST /_emulator/chaos ${response.status}`).toBe(true);
}

/** Adds products from the storefront, then creates the order from the cart; returns the order id. */
async function startCheckout(page: Page, products: string[], email = "shopper@example.com"): Promise<string> {
  const storefront = await page.goto("/");
  // No page of ours may be framed (clickjacking of the checkout), and the production build says so on every answer.
  expect(storefront?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(storefront?.headers()["x-frame-options"]).toBe("DENY");
  for (const name of products) {
    await page.getByRole("button", { name: `Add ${name} to cart` }).click();
  }
  await expect(page.getByTestId("cart-count")).toHaveText(String(products.length));
  await page.getByRole("link", { name: /^Cart/ }).click();
  await expect(page.getByRole("heading", { name: "Your cart" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL(/\/checkout\/[^/?]+$/);
  const orderId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
  await expect(page.getByLabel("Card number")).toBeVisible();
  return orderId;
}

async function chooseTestCard(page: Page, number: string) {
  await page.getByLabel("Test card").selectOption(number);
}

function payButton(page: Page) {
  return page.getByRole("button", { name: /^Pay / });
}

async function expectReturnPage(page: Page, orderId: string, status: string, headline: string) {
  await page.waitForURL(new RegExp(`/checkout/${orderId}/complete\\?`));
  const region = page.getByTestId("order-status");
  await expect(region).toHaveAttribute("data-status", status);
  await expect(region.getByRole("heading", { level: 1 })).toHaveText(headline);
}

async function paymentIntentForOrder(orderId: string): Promise<Stripe.PaymentIntent> {
  const { data } = await stripe.paymentIntents.list({ limit: 100 });
  const matches = data.filter((pi) => Object.values(pi.metadata ?? {}).includes(orderId));
  expect(matches, `PaymentIntents for order ${orderId}`).toHaveLength(1);
  return matches[0];
}

test("buying with 4242 lands on “Payment received” and the order is paid", async ({ page }) => {
  const orderId = await startCheckout(page, ["Payport Tee"]);
  await expect(page.getByTestId("order-total")).toHaveText("$25.00");
  await expect(payButton(page)).toHaveText("Pay $25.00");

  // Typed like a shopper would, not picked from the stand-in's list.
  await page.getByLabel("Card number").fill(CARD.visa);
  await page.getByLabel("Expiration date").fill("12 / 34");
  await page.getByLabel("Security code").fill("123");
  await payButton(page).click();

  await expectReturnPage(page, orderId, "paid", "Payment received");
  await expect(page.getByTestId("order-summary")).toContainText("Payport Tee");
  // The return page emptied the cart it was bought from.
  await expect(page.getByTestId("cart-count")).toHaveText("0");

  const order = await (await page.request.get(`/api/orders/${orderId}`)).json();
  expect(order.status).toBe("paid");
});

test("3-D Secure: completing the challenge pays the order", async ({ page }) => {
  const orderId = await startCheckout(page, ["Enamel Mug"]);
  await chooseTestCard(page, CARD.threeDSecure);
  await payButton(page).click();
  await page.getByRole("button", { name: "Complete authentication" }).click();
  await expectReturnPage(page, orderId, "paid", "Payment received");
});

test("3-D Secure: failing the challenge shows why and another card can pay the same order", async ({ page }) => {
  const orderId = await startCheckout(page, ["Sticker Pack"]);
  await chooseTestCard(page, CARD.threeDSecure);
  await payButton(page).click();
  await page.getByRole("button", { name: "Fail authentication" }).click();

  const error = page.getByTestId("payment-error");
  await expect(error).toBeVisible();
  await expect(error).toContainText(/authenticat/i);
  await expect(page).toHaveURL(new RegExp(`/checkout/${orderId}$`));
  await expect(payButton(page)).toBeEnabled();

  await chooseTestCard(page, CARD.visa);
  await payButton(page).click();
  await expectReturnPage(page, orderId, "paid", "Payment received");
});

test("a declined card shows the issuer's message, then 4242 pays the same order", async ({ page }) => {
  const orderId = await startCheckout(page, ["Zip Hoodie"]);
  await chooseTestCard(page, CARD.declined);
  await payButton(page).click();

  await expect(page.getByTestId("payment-error")).toHaveText("Your card was declined.");
  await expect(page).toHaveURL(new RegExp(`/checkout/${orderId}$`));

  await chooseTestCard(page, CARD.visa);
  await payButton(page).click();
  await expectReturnPage(page, orderId, "paid", "Payment received");

  const pi = await paymentIntentForOrder(orderId);
  expect(pi.status).toBe("succeeded");
  const charges = await stripe.charges.list({ payment_intent: pi.id });
  expect(charges.data.filter((c) => c.status === "succeeded")).toHaveLength(1);
});

test("after a decline the return page says “Payment failed” with the reason and leads back to pay", async ({ page }) => {
  const orderId = await startCheckout(page, ["Enamel Mug"]);
  await chooseTestCard(page, CARD.declined);
  await payButton(page).click();
  await expect(page.getByTestId("payment-error")).toHaveText("Your card was declined.");

  await page.goto(`/checkout/${orderId}/complete`);
  const region = page.getByTestId("order-status");
  await expect(region).toHaveAttribute("data-status", "failed");
  await expect(region.getByRole("heading", { level: 1 })).toHaveText("Payment failed");
  await expect(page.getByTestId("payment-failure-reason")).toContainText("Your card was declined.");

  await region.getByRole("link", { name: "Try another card" }).click();
  await expect(page).toHaveURL(new RegExp(`/checkout/${orderId}$`));
  await expect(page.getByText("Your last attempt didn’t go through: Your card was declined.")).toBeVisible();
  await chooseTestCard(page, CARD.visa);
  await payButton(page).click();
  await expectReturnPage(page, orderId, "paid", "Payment received");
});

test("a JPY purchase shows whole yen amounts and is paid", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("article", { name: "Uji Matcha Tin" })).toContainText("¥1,500");

  const orderId = await startCheckout(page, ["Uji Matcha Tin", "Uji Matcha Tin"]);
  await expect(page.getByTestId("order-total")).toHaveText("¥3,000");
  await expect(payButton(page)).toHaveText("Pay ¥3,000");
  await expect(page.getByTestId("order-summary")).not.toContainText(/¥[\d,]+\.\d/);

  await chooseTestCard(page, CARD.visa);
  await payButton(page).click();
  await expectReturnPage(page, orderId, "paid", "Payment received");
  await expect(page.getByTestId("order-total")).toHaveText("¥3,000");

  const pi = await paymentIntentForOrder(orderId);
  expect(pi).toMatchObject({ currency: "jpy", amount: 3000, status: "succeeded" });
});

test("double-clicking Pay charges the card exactly once", async ({ page }) => {
  const orderId = await startCheckout(page, ["Payport Tee", "Enamel Mug"]);
  await expect(payButton(page)).toHaveText("Pay $39.00");
  await chooseTestCard(page, CARD.visa);
  // A real double click, plus two clicks inside one task (before React can re-render the button as disabled).
  await payButton(page).evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await payButton(page).dblclick({ timeout: 1000 }).catch(() => {}); // already disabled or navigating: fine
  await expectReturnPage(page, orderId, "paid", "Payment received");

  const pi = await paymentIntentForOrder(orderId);
  const paymentIntentId = new URL(page.url()).searchParams.get("payment_intent");
  expect(paymentIntentId).toBe(pi.id);
  const charges = await stripe.charges.list({ payment_intent: pi.id });
  expect(charges.data).toHaveLength(1);
  // The second click never reached Stripe: one confirm request for this intent.
  const log = (await (await fetch(`${EMULATOR_URL}/_emulator/requests`)).json()) as { data: { method: string; path: string }[] };
  const confirms = log.data.filter((r) => r.method === "POST" && r.path.startsWith(`/v1/payment_intents/${pi.id}/confirm`));
  expect(confirms).toHaveLength(1);
  expect(charges.data[0]).toMatchObject({ status: "succeeded", amount: 3900, currency: "usd" });
});

test("the return page turns to “Payment received” by itself when the webhook arrives late", async ({ page }) => {
  const orderId = await startCheckout(page, ["Dot-Grid Notebook"]);
  const pi = await paymentIntentForOrder(orderId);

  await setChaos({ delivery_delay_ms: 4000 });
  try {
    // The return page is open while the order is still unpaid…
    await page.goto(`/checkout/${orderId}/complete`);
    const region = page.getByTestId("order-status");
    await expect(region).toHaveAttribute("data-status", "pending");
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // …the payment succeeds at Stripe, and only the (late) webhook tells the app.
    const confirmedAt = Date.now();
    const confirmed = await stripe.paymentIntents.confirm(pi.id, {
      payment_method: "pm_card_visa",
      return_url: `${APP_URL}/checkout/${orderId}/complete`,
    });
    expect(confirmed.status).toBe("succeeded");
    await expect(region).toHaveAttribute("data-status", "pending");

    await expect(region).toHaveAttribute("data-status", "paid", { timeout: 20_000 });
    expect(Date.now() - confirmedAt).toBeGreaterThanOrEqual(3000);
    await expect(region.getByRole("heading", { level: 1 })).toHaveText("Payment received");
    // Updated in place: no reload, no navigation.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  } finally {
    await setChaos({ delivery_delay_ms: 0 });
  }
});

test("the cart keeps one currency, edits quantities and shows the server's validation inline", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Add Payport Tee to cart" }).click();
  await page.getByRole("button", { name: "Add Uji Matcha Tin to cart" }).click();
  await expect(page.getByRole("article", { name: "Uji Matcha Tin" }).getByRole("alert")).toHaveText(
    "Your cart is in USD. Check out or empty it before adding items priced in JPY.",
  );
  await expect(page.getByTestId("cart-count")).toHaveText("1");

  await page.goto("/cart");
  await page.getByRole("button", { name: "Increase quantity of Payport Tee" }).click();
  await page.getByRole("button", { name: "Increase quantity of Payport Tee" }).click();
  await expect(page.getByTestId("cart-subtotal")).toHaveText("$75.00");
  await page.getByRole("button", { name: "Decrease quantity of Payport Tee" }).click();
  await expect(page.getByTestId("line-amount")).toHaveText("$50.00");
  await expect(page.getByTestId("cart-count")).toHaveText("2");

  // The server rejects the email; its message appears under the field, which gets focus.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toBeFocused();
  await expect(page).toHaveURL(/\/cart$/);

  // Emptying the cart asks first; Escape keeps everything and returns focus.
  const emptyButton = page.getByRole("button", { name: "Empty cart" });
  await emptyButton.click();
  const dialog = page.getByRole("dialog", { name: "Empty your cart?" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(emptyButton).toBeFocused();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);

  await page.getByRole("button", { name: "Remove Payport Tee from cart" }).click();
  await expect(page.getByRole("heading", { name: "Your cart is empty" })).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("0");
});

test("the return page falls back to polling when the event stream is unavailable", async ({ page }) => {
  const orderId = await startCheckout(page, ["Sticker Pack"]);
  const pi = await paymentIntentForOrder(orderId);
  let streamAttempts = 0;
  await page.route("**/api/orders/*/events", (route) => {
    streamAttempts += 1;
    return route.fulfill({ status: 503, body: "" });
  });
  const polled = page.waitForRequest((r) => new URL(r.url()).pathname === `/api/orders/${orderId}`);

  await page.goto(`/checkout/${orderId}/complete`);
  const region = page.getByTestId("order-status");
  await expect(region).toHaveAttribute("data-status", "pending");
  await polled;

  await stripe.paymentIntents.confirm(pi.id, {
    payment_method: "pm_card_visa",
    return_url: `${APP_URL}/checkout/${orderId}/complete`,
  });
  await expect(region).toHaveAttribute("data-status", "paid", { timeout: 15_000 });
  await expect(region.getByRole("heading", { level: 1 })).toHaveText("Payment received");
  expect(streamAttempts).toBe(1);
});
