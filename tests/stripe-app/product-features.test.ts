// Product detail page: a plan's features, shown to everyone, edited only by
// the Super Administrator, Administrator and Developer roles (from the signed
// stripe_roles). A save goes to Stripe (marketing_features, idempotent per
// request_id), is mirrored at once (what /pricing and the portal read) and audited.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type Stripe from "stripe";
import { POST as productRoute } from "@/app/api/stripe-app/product/route";
import { POST as featuresRoute } from "@/app/api/stripe-app/product-features/route";
import { listPlans } from "@/lib/catalog/plans";
import { getStripe } from "@/lib/stripe/client";
import { testDatabases, useTestDatabase } from "../helpers/db";
import { nowSeconds, uniqueId } from "../helpers/stripe-events";
import { appRequest, signedAppRequest, stripeSignedPayload, useStripeAppEnv, USER_ID } from "./helpers";

beforeAll(() => useStripeAppEnv());
afterEach(() => vi.restoreAllMocks());

/** Stripe's answer to products.update: the product with the features it was sent. */
function stripeAcceptsUpdates() {
  return vi.spyOn(getStripe().products, "update").mockImplementation((async (id: string, params: Stripe.ProductUpdateParams) =>
    ({
      id,
      object: "product",
      name: "Team",
      description: null,
      images: [],
      active: true,
      metadata: { payport_kind: "plan" },
      marketing_features: Array.isArray(params.marketing_features) ? params.marketing_features : [],
      updated: nowSeconds(),
      lastResponse: { requestId: "req_features_1" },
    }) as unknown as Stripe.Response<Stripe.Product>) as never);
}

describe.each(testDatabases())("Stripe App product features on %s", (kind) => {
  const test = useTestDatabase(kind);

  async function seedPlan(kindOfProduct = "plan") {
    const product = await test.db.product.create({
      data: { stripeProductId: uniqueId("prod"), name: "Team", kind: kindOfProduct, features: JSON.stringify(["Unlimited projects", "Email support"]), stripeSyncedAt: 1 },
    });
    await test.db.price.create({
      data: { stripePriceId: uniqueId("price"), productId: product.id, currency: "usd", unitAmount: 1200, type: "recurring", interval: "month", intervalCount: 1, usageType: "licensed" },
    });
    return product;
  }

  const view = (productId: string, roles?: string[]) => productRoute(signedAppRequest("product", { product_id: productId, ...(roles && { stripe_roles: roles }) }));
  const save = (productId: string, features: unknown, roles: string[] | null = ["admin"], requestId = uniqueId("req")) =>
    featuresRoute(signedAppRequest("product-features", { product_id: productId, features, request_id: requestId, ...(roles && { stripe_roles: roles }) }));

  it("shows the plan's features; canEdit follows the signed roles", async () => {
    const plan = await seedPlan();
    for (const role of ["super_admin", "admin", "developer"]) {
      const res = await view(plan.stripeProductId, [role]);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        product: { id: plan.stripeProductId, name: "Team", kind: "plan", active: true, features: ["Unlimited projects", "Email support"] },
        canEdit: true,
        editRefusal: null,
        maxFeatures: 15,
        maxFeatureLength: 80,
      });
    }
    const support = await (await view(plan.stripeProductId, ["support_specialist", "analyst"])).json();
    expect(support).toMatchObject({ canEdit: false, editRefusal: expect.stringMatching(/super_admin, admin, developer role.*your roles: support_specialist, analyst/) });
    const noRoles = await (await view(plan.stripeProductId)).json();
    expect(noRoles).toMatchObject({ canEdit: false, editRefusal: expect.stringMatching(/did not carry them/) });
  });

  it("a product Payport does not sell, and a storefront item, are shown read-only", async () => {
    expect(await (await view("prod_unknown", ["admin"])).json()).toEqual({ product: null, canEdit: false, editRefusal: "Payport does not sell this product.", maxFeatures: 15, maxFeatureLength: 80 });
    const good = await seedPlan("good");
    expect(await (await view(good.stripeProductId, ["admin"])).json()).toMatchObject({ product: { kind: "good" }, canEdit: false, editRefusal: expect.stringMatching(/storefront item/) });
  });

  it("an administrator's save goes to Stripe with an idempotency key, shows on /pricing at once, and is audited", async () => {
    const plan = await seedPlan();
    const update = stripeAcceptsUpdates();
    const res = await save(plan.stripeProductId, [" Unlimited projects ", "Priority support", "SSO"], ["admin"], "req_save_000001");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ product: { features: ["Unlimited projects", "Priority support", "SSO"] }, canEdit: true });

    expect(update).toHaveBeenCalledTimes(1);
    expect(update.mock.calls[0]).toEqual([
      plan.stripeProductId,
      { marketing_features: [{ name: "Unlimited projects" }, { name: "Priority support" }, { name: "SSO" }] },
      { idempotencyKey: `payport:product:${plan.id}:features:req_save_000001` },
    ]);
    // What /pricing and the portal read, on the very next request.
    expect((await listPlans()).find((p) => p.productId === plan.id)?.features).toEqual(["Unlimited projects", "Priority support", "SSO"]);

    const audit = await test.db.auditLog.findFirstOrThrow({ where: { action: "product.features_update", targetId: plan.id } });
    expect(audit).toMatchObject({ actorEmail: USER_ID, targetType: "product", stripeRequestId: "req_features_1" });
    expect(JSON.parse(audit.details)).toMatchObject({ before: ["Unlimited projects", "Email support"], after: ["Unlimited projects", "Priority support", "SSO"], outcome: "updated" });
  });

  it("an empty list clears the features (Stripe's empty value)", async () => {
    const plan = await seedPlan();
    const update = stripeAcceptsUpdates();
    expect((await save(plan.stripeProductId, [])).status).toBe(200);
    expect(update.mock.calls[0]![1]).toEqual({ marketing_features: "" });
    expect((await test.db.product.findUniqueOrThrow({ where: { id: plan.id } })).features).toBe("[]");
  });

  it.each([
    [["support_specialist"], /Only Dashboard users with the super_admin, admin, developer role/],
    [["analyst", "refund_analyst"], /your roles: analyst, refund_analyst/],
    [null, /did not carry them \(stripe_roles\)/],
    [["view_only"], /view-only/],
  ])("roles %j may not edit: 403, Stripe not called, nothing changed", async (roles, message) => {
    const plan = await seedPlan();
    const update = stripeAcceptsUpdates();
    const res = await save(plan.stripeProductId, ["Everything"], roles);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(message);
    expect(update).not.toHaveBeenCalled();
    expect((await test.db.product.findUniqueOrThrow({ where: { id: plan.id } })).features).toBe(plan.features);
    expect(await test.db.auditLog.count({ where: { targetId: plan.id } })).toBe(0);
  });

  it.each([
    [Array.from({ length: 16 }, (_, i) => `Feature ${i}`), "features", /at most 15 features/],
    [["SSO", "sso"], "features", /only once/],
    [["SSO", "  "], "features[1]", /cannot be empty/],
    [["x".repeat(81)], "features[0]", /at most 80 characters/],
    ["SSO", "features", /list of feature names/],
    [[42], "features[0]", /must be text/],
  ])("features %j → 400 on %s, nothing changed", async (features, field, message) => {
    const plan = await seedPlan();
    const update = stripeAcceptsUpdates();
    const res = await save(plan.stripeProductId, features);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: expect.stringMatching(message), field } });
    expect(update).not.toHaveBeenCalled();
  });

  it("a missing request_id, an unknown product and a storefront item are refused with what to do", async () => {
    const noRequest = await featuresRoute(signedAppRequest("product-features", { product_id: "prod_x", features: [], stripe_roles: ["admin"] }));
    expect(noRequest.status).toBe(400);
    expect((await noRequest.json()).error).toMatchObject({ field: "request_id", message: expect.stringMatching(/a new id \(e\.g\. a UUID\) per save/) });

    const unknown = await save("prod_missing", ["SSO"]);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/Payport has no product prod_missing/);

    const good = await seedPlan("good");
    const refused = await save(good.stripeProductId, ["SSO"]);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/storefront item, not a plan or add-on/);
  });

  it("Stripe refusing the change is a 400 with its message, audited as failed; the mirror keeps the old features", async () => {
    const plan = await seedPlan();
    const { default: StripeSdk } = await import("stripe");
    vi.spyOn(getStripe().products, "update").mockRejectedValue(new StripeSdk.errors.StripeInvalidRequestError({ message: "Invalid marketing feature", type: "invalid_request_error", statusCode: 400 } as never));
    const res = await save(plan.stripeProductId, ["SSO"]);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("Stripe refused: Invalid marketing feature");
    expect((await test.db.product.findUniqueOrThrow({ where: { id: plan.id } })).features).toBe(plan.features);
    expect(JSON.parse((await test.db.auditLog.findFirstOrThrow({ where: { targetId: plan.id } })).details)).toMatchObject({ outcome: "failed" });
  });

  it("unsigned → 401 and another account → 403, for the view and the edit, before anything is read", async () => {
    const plan = await seedPlan();
    const update = stripeAcceptsUpdates();
    for (const [route, path, extra] of [
      [productRoute, "product", { product_id: plan.stripeProductId }],
      [featuresRoute, "product-features", { product_id: plan.stripeProductId, features: ["SSO"], request_id: "req_unsigned_01", stripe_roles: ["admin"] }],
    ] as const) {
      const unsigned = await route(appRequest(path, stripeSignedPayload(extra), null));
      expect(unsigned.status).toBe(401);
      const other = await route(signedAppRequest(path, extra, { accountId: "acct_someone_else" }));
      expect(other.status).toBe(403);
      expect((await other.json()).error.message).toMatch(/acct_someone_else is not the account this Payport serves/);
    }
    expect(update).not.toHaveBeenCalled();
  });
});
