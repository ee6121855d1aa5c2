// The Content-Security-Policy is really enforced, and the app still works
// under it (every other spec fails on any CSP violation through fixtures.ts;
// checkout.spec.ts and stripejs-standin.spec.ts drive the Payment Element).
import { expect, test } from "@playwright/test";
import { EMULATOR_URL } from "./servers";

test("Next's scripts carry the request's nonce; injected markup cannot run script, and the attempt is reported", async ({ page }) => {
  const response = await page.goto("/");
  const csp = response?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
  expect(csp).toContain(EMULATOR_URL); // local mode: the emulator stands in for Stripe's hosts
  expect(csp).not.toContain("stripe.com");

  // Every script in the server's HTML carries this request's nonce (chunks loaded later come in through 'strict-dynamic').
  const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);
  // Hydrated: the storefront's buttons work.
  await page.getByRole("button", { name: "Add Payport Tee to cart" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");

  const violation = page.evaluate(
    () => new Promise<string>((resolve) => document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), { once: true })),
  );
  // What an HTML injection looks like: markup with an inline handler (no nonce can be on it).
  await page.evaluate(() => {
    const box = document.createElement("div");
    box.innerHTML = '<img src="data:," onload="window.__injected = true" onerror="window.__injected = true">';
    document.body.append(box);
  });
  expect(await violation).toBe("script-src-attr");
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("the next page load gets a different nonce", async ({ page }) => {
  const nonceOf = async () => /'nonce-([^']+)'/.exec((await page.goto("/cart"))?.headers()["content-security-policy"] ?? "")?.[1];
  const [a, b] = [await nonceOf(), await nonceOf()];
  expect(a).toBeTruthy();
  expect(a).not.toBe(b);
});
