// On a phone the header fits: the logo never touches the navigation, and a
// signed-in customer signs out from the header's Account menu on any page.
import { CUSTOMER_PASSWORD, expect, signUp, test, uniqueEmail } from "./fixtures";

test.use({ viewport: { width: 360, height: 740 } });

test("the phone header keeps the logo clear of the navigation, and Sign out is in its Account menu on every page", async ({ page }) => {
  await signUp(page, uniqueEmail("phone"), CUSTOMER_PASSWORD);
  for (const path of ["/", "/pricing", "/cart"]) {
    await page.goto(path);
    const logo = await page.getByRole("link", { name: "Payport" }).first().boundingBox();
    const nav = await page.getByRole("navigation", { name: "Main" }).boundingBox();
    expect(logo && nav && logo.x + logo.width + 8 <= nav.x, `${path}: the logo touches the navigation`).toBe(true);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 5)
        .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    );
    expect(wide, `${path} scrolls sideways`).toEqual([]);
  }
  await page.getByLabel("Account menu").click();
  await page.getByTestId("account-menu").getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("account-nav")).toHaveCount(0);
});
