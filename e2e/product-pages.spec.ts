// The shop's own pictures and icons: every product has a page with its
// picture (served through next/image), prices and add-to-cart, linked from
// the catalog; the browser finds a favicon, an apple-touch icon and a manifest;
// the development-only mail outbox is absent from the production build.
import { expect, test } from "./fixtures";

test("favicon, apple-touch icon and manifest icons answer 200", async ({ request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const { icons } = (await manifest.json()) as { icons: { src: string }[] };
  expect(icons.length).toBeGreaterThanOrEqual(3);
  for (const path of ["/icon.svg", "/apple-icon.png", ...icons.map((i) => i.src)]) expect((await request.get(path)).status(), path).toBe(200);
});

test("the catalog links each product to its page, which shows its picture, price and add-to-cart", async ({ page }) => {
  await page.goto("/");
  const card = page.getByTestId("product-card").filter({ hasText: "Uji Matcha Tin" });
  await expect(card.locator("img")).toBeVisible();
  await card.getByRole("link", { name: "Uji Matcha Tin" }).click();
  await expect(page).toHaveURL(/\/products\/prod_payport_matcha$/);
  await expect(page.getByRole("heading", { level: 1, name: "Uji Matcha Tin" })).toBeVisible();
  await expect(page.getByTestId("product-price")).toHaveText("¥1,500JPY");

  const picture = page.getByRole("img", { name: "Uji Matcha Tin" });
  await expect(picture).toBeVisible();
  // Loaded, not a broken image.
  expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const src = await picture.getAttribute("src");
  expect(src).toContain("/products/matcha.svg");
  expect((await page.request.get(src!)).status()).toBe(200);

  await page.getByRole("button", { name: "Add Uji Matcha Tin to cart" }).click();
  await expect(page.getByText("Added to cart")).toBeVisible();
});

test("an unknown product is a 404", async ({ request }) => {
  for (const path of ["/products/prod_does_not_exist", "/products/not-an-id", "/products/prod_payport_plan_pro"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

test("the local mail outbox does not exist in a production build", async ({ request }) => {
  for (const path of ["/dev/mail", "/dev/mail/some-id", "/dev/mail/some-id/html"]) expect((await request.get(path)).status(), path).toBe(404);
});
