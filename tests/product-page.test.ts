// A product page per product the shop sells: found by its Stripe id, with its
// picture and prices; anything else (unknown, a plan, inactive, no price,
// not an id at all) is a 404 before any page is streamed.
import { beforeAll, describe, expect, it } from "vitest";
import ProductPage from "@/app/products/[id]/page";
import { productPicture } from "@/lib/catalog/pictures";
import { findStorefrontProduct, listStorefrontProducts } from "@/lib/catalog/queries";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { uniqueId } from "./helpers/stripe-events";

const digestOf = (error: unknown) => String((error as { digest?: string })?.digest ?? error);
const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe("productPicture", () => {
  it("is the catalog's own drawing, else a same-origin Stripe image, else none", () => {
    expect(productPicture("prod_payport_tee", "https://files.stripe.com/x.png")).toBe("/products/tee.svg");
    expect(productPicture("prod_other", "/uploads/x.png")).toBe("/uploads/x.png");
    expect(productPicture("prod_other", "https://files.stripe.com/x.png")).toBeNull();
    expect(productPicture("prod_other", "//evil.example/x.png")).toBeNull();
    expect(productPicture("prod_other", null)).toBeNull();
  });
});

describe.each(testDatabases())("product pages on %s", (kind) => {
  const test = useTestDatabase(kind);

  async function product(data: { stripeProductId?: string; kind?: string; active?: boolean; prices?: number }) {
    const row = await test.db.product.create({ data: { stripeProductId: data.stripeProductId ?? uniqueId("prod"), name: "Thing", kind: data.kind ?? "good", active: data.active ?? true } });
    for (let i = 0; i < (data.prices ?? 1); i++) {
      await test.db.price.create({ data: { stripePriceId: uniqueId("price"), productId: row.id, currency: i === 0 ? "jpy" : "usd", unitAmount: i === 0 ? 1500 : 999 } });
    }
    return row;
  }

  beforeAll(async () => {
    await product({ stripeProductId: "prod_payport_matcha", prices: 2 });
  });

  it("finds a product the shop sells, with its picture and every price, as the catalog lists it", async () => {
    const found = await findStorefrontProduct("prod_payport_matcha");
    expect(found).toMatchObject({ stripeProductId: "prod_payport_matcha", picture: "/products/matcha.svg" });
    expect(found!.prices.map((p) => p.currency)).toEqual(["jpy", "usd"]);
    expect((await listStorefrontProducts()).find((p) => p.stripeProductId === "prod_payport_matcha")).toEqual(found);
  });

  it("is a 404 for an unknown id, a plan, an inactive product, one with no price, and what is not an id", async () => {
    const plan = await product({ kind: "plan" });
    const inactive = await product({ active: false });
    const priceless = await product({ prices: 0 });
    for (const id of ["prod_unknown", plan.stripeProductId, inactive.stripeProductId, priceless.stripeProductId, "not an id", "prod_\u0000x", "x".repeat(5000)]) {
      await expect(ProductPage(params(id)), id.slice(0, 40)).rejects.toSatisfy((e) => digestOf(e) === "NEXT_HTTP_ERROR_FALLBACK;404");
    }
  });
});
