// Accounts in a real browser against `next start` and the emulator: sign up,
// sign out, sign in (wrong then right password), buy with 4242 while signed
// in and find the order on /account, and another account cannot open it.
import type { Page } from "@playwright/test";
import { buyTee, CUSTOMER_PASSWORD as PASSWORD, expect, signIn, signUp, test, uniqueEmail } from "./fixtures";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).filter({ visible: true }).first().click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("account-nav")).toHaveCount(0);
}

test("sign up, sign out, sign in with a wrong then the right password", async ({ page }) => {
  const email = uniqueEmail("ada");
  await signUp(page, email);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByTestId("orders-empty")).toContainText("No orders yet");

  await signOut(page);
  // Signed out, /account asks to sign in and comes back afterwards.
  await page.goto("/account");
  await page.waitForURL(/\/signin\?callbackUrl=%2Faccount$/);

  await signIn(page, email, "not the password");
  await expect(page.getByRole("alert").filter({ hasText: "don't match" })).toHaveText(
    "That email and password don't match an account. Check them and try again.",
  );
  await expect(page).toHaveURL(/\/signin/);

  await signIn(page, email, PASSWORD);
  await page.waitForURL(/\/account$/);
  await expect(page.getByTestId("signed-in-email")).toHaveText(email);

  // Signing up again with the same email says what to do instead.
  await signOut(page);
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill("another long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("That email is already registered — sign in instead.")).toBeVisible();
  await page.getByRole("link", { name: "Sign in with this email" }).click();
  await expect(page).toHaveURL(/\/signin/);
});

test("a signed-in purchase with 4242 shows on /account, and another account cannot open it", async ({ page }) => {
  const alice = uniqueEmail("alice");
  await signUp(page, alice);
  const orderId = await buyTee(page, alice, { signedIn: true });

  await page.getByRole("link", { name: "Account" }).click();
  await page.waitForURL(/\/account$/);
  const row = page.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
  await expect(row).toContainText("Payport Tee");
  await expect(row.getByText("Paid").filter({ visible: true })).toBeVisible();
  await expect(row).toContainText("$25.00");
  await expect(page.getByTestId("order-row")).toHaveCount(1);

  // Signed out, the order's pages ask the owner to sign in instead of showing it.
  await signOut(page);
  await page.goto(`/checkout/${orderId}/complete`);
  await page.waitForURL(/\/signin\?callbackUrl=/);
  expect((await page.request.get(`/api/orders/${orderId}`)).status()).toBe(404);

  // Another account: the pages answer 404 (decided in the order's layout, before
  // anything streams) with nothing of the order, and the API says 404.
  const bob = uniqueEmail("bob");
  await signUp(page, bob);
  for (const path of [`/checkout/${orderId}`, `/checkout/${orderId}/complete`]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn’t find that page" })).toBeVisible();
    await expect(page.getByTestId("order-summary")).toHaveCount(0);
    await expect(page.getByText("Payport Tee")).toHaveCount(0);
  }
  const api = await page.request.get(`/api/orders/${orderId}`);
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ error: { message: "Order not found." } });
  await page.goto("/account");
  await expect(page.getByTestId("orders-empty")).toBeVisible();

  // The owner signs back in and still sees it.
  await signOut(page);
  await page.goto(`/checkout/${orderId}/complete`);
  await page.waitForURL(/\/signin\?callbackUrl=/);
  await signIn(page, alice, PASSWORD);
  await page.waitForURL(new RegExp(`/checkout/${orderId}/complete$`));
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "paid");
});

test("after five wrong passwords the sign-in page says how long to wait, and the right password waits too", async ({ page }) => {
  const email = uniqueEmail("guess");
  const formAlert = page.getByRole("form", { name: "Sign in" }).getByRole("alert");
  await signUp(page, email);
  await signOut(page);
  await page.goto("/signin");
  const attempt = async (password: string) => {
    const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
    await signIn(page, email, password);
    return (await answered).status();
  };
  for (let i = 1; i <= 5; i++) {
    expect(await attempt(`wrong guess ${i}`)).toBe(401);
    await expect(formAlert).toHaveText("That email and password don't match an account. Check them and try again.");
  }
  expect(await attempt(PASSWORD)).toBe(429);
  await expect(formAlert).toHaveText("Too many sign-in attempts. Try again in 15 minutes.");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});
