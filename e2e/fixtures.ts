// What every browser test shares: a guard that fails the test on any request
// that would leave the machine (js.stripe.com, fonts, telemetry…), on uncaught
// page errors or React errors (hydration mismatches included) and on anything
// the Content-Security-Policy blocked, plus the few journeys several specs
// start from.
import { expect, test as base, type Page } from "@playwright/test";

export const test = base.extend<{ localOnly: void }>({
  localOnly: [
    async ({ context, page }, use) => {
      const external: string[] = [];
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error" && /hydrat|Minified React error|Warning:/i.test(message.text())) pageErrors.push(message.text());
        // Chromium reports every CSP block as a console error ("Refused to load/execute/frame/connect…").
        if (/Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
      });
      // The same from the document's own event, with the directive that refused (frames included).
      await page.exposeFunction("__reportCspViolation", (text: string) => pageErrors.push(`CSP violation: ${text}`));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) =>
          (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
        );
      });
      await context.route("**/*", (route) => {
        const { hostname } = new URL(route.request().url());
        if (hostname === "127.0.0.1" || hostname === "localhost") return route.continue();
        external.push(route.request().url());
        return route.abort("blockedbyclient");
      });
      await use();
      expect(external, "requests to non-local hosts").toEqual([]);
      expect(pageErrors, "errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The admin seeded in local mode. */
export const ADMIN = { email: "admin@payport.local", password: "payport-admin" };

export const uniqueEmail = (who: string) => `${who}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/** The password every customer signed up by a spec uses. */
export const CUSTOMER_PASSWORD = "correct horse battery";

/**
 * Buys one Payport Tee ($25.00) with a test card (4242 unless told) and returns the order id once it is paid.
 * A guest types the receipt email; a signed-in customer finds it prefilled with the account's.
 */
export async function buyTee(page: Page, email: string, { card = "4242424242424242", signedIn = false }: { card?: string; signedIn?: boolean } = {}): Promise<string> {
  await page.goto("/");
  await page.getByRole("button", { name: "Add Payport Tee to cart" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.getByRole("link", { name: /^Cart/ }).click();
  if (signedIn) await expect(page.getByLabel("Email")).toHaveValue(email);
  else await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL(/\/checkout\/[^/?]+$/);
  const orderId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
  await page.getByLabel("Test card").selectOption(card);
  await page.getByRole("button", { name: /^Pay / }).click();
  await page.waitForURL(new RegExp(`/checkout/${orderId}/complete\\?`));
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "paid");
  return orderId;
}

/** Creates a customer account from /signup and lands signed in on /account. */
export async function signUp(page: Page, email: string, password = CUSTOMER_PASSWORD) {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/account$/);
  await expect(page.getByTestId("signed-in-email")).toHaveText(email);
}

/** Fills the sign-in form on the current page and submits it. */
export async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Opens an admin page signed out, signs in as the seeded admin (or another account) on the way and waits to be back in the admin. */
export async function signInAt(
  page: Page,
  target: string,
  { email = ADMIN.email, password = ADMIN.password, back }: { email?: string; password?: string; back?: RegExp } = {},
) {
  await page.goto(target);
  await page.waitForURL(/\/signin\?callbackUrl=/);
  await signIn(page, email, password);
  await page.waitForURL(back ?? ((url) => url.pathname.startsWith("/admin")));
}
