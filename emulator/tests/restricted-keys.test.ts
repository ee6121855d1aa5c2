import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { RESTRICTED_KEY_RESOURCES, routePermission, type RestrictedKey } from "../core/permissions.ts";
import { ROUTES } from "../router.ts";
import { useTestEmulator } from "./helpers.ts";

const t = useTestEmulator();

async function restrictedKey(permissions: Record<string, string>): Promise<Stripe> {
  const created = await t.control<RestrictedKey>("/_emulator/restricted_keys", { permissions, name: "test" });
  expect(created.status).toBe(200);
  expect(created.body.id).toMatch(/^rk_test_emulator_\w+$/);
  return new Stripe(created.body.id, { host: "127.0.0.1", port: t.emu.port, protocol: "http", maxNetworkRetries: 0 });
}

async function refusal(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

describe("restricted keys", () => {
  it("every /v1 route needs a named permission: GET read, POST and DELETE write", () => {
    for (const route of ROUTES) {
      const needed = routePermission(route.method, route.path);
      expect(needed, `${route.method} ${route.path}`).not.toBeNull();
      expect(Object.keys(RESTRICTED_KEY_RESOURCES)).toContain(needed!.resource);
      expect(needed!.access).toBe(route.method === "GET" ? "read" : "write");
    }
    expect(routePermission("GET", "/v1/prices/:id")).toEqual({ resource: "plan", access: "read" });
    expect(routePermission("GET", "/v1/customers/:id/payment_methods")).toEqual({ resource: "payment_method", access: "read" });
    expect(routePermission("GET", "/v1/balance_transactions")).toEqual({ resource: "balance", access: "read" });
  });

  it("a missing permission is Stripe's 403 naming the rak_ permission; the SDK raises StripePermissionError", async () => {
    const stripe = await restrictedKey({ payment_intent: "read" });
    await expect(stripe.paymentIntents.list({ limit: 1 })).resolves.toMatchObject({ object: "list" });
    const error = await refusal(stripe.paymentIntents.create({ amount: 2000, currency: "usd" }));
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(error.statusCode).toBe(403);
    expect(error.rawType).toBe("invalid_request_error");
    expect(error.code).toBeUndefined();
    expect(error.message).toMatch(
      /^The provided key 'rk_test_\*+\w{6}' does not have the required permissions for this endpoint on account 'acct_local_payport'\. Having the 'rak_payment_intent_write' permission would allow this request to continue\.$/,
    );
    const other = await refusal(stripe.customers.list({ limit: 1 }));
    expect(other.message).toContain("'rak_customer_read'");
  });

  it("write includes read; none is no access", async () => {
    const stripe = await restrictedKey({ customer: "write", product: "none" });
    const customer = await stripe.customers.create({ email: "rk@example.com" });
    await expect(stripe.customers.retrieve(customer.id)).resolves.toMatchObject({ id: customer.id });
    expect((await refusal(stripe.products.list())).message).toContain("'rak_product_read'");
  });

  it("the permission is checked before parameters and objects, and nothing is created", async () => {
    const readOnly = await restrictedKey({ customer: "read", refund: "read" });
    const writer = await restrictedKey({ customer: "write", refund: "write" });
    expect((await refusal(readOnly.customers.update("cus_missing", {}))).statusCode).toBe(403);
    expect((await refusal(writer.customers.update("cus_missing", {}))).statusCode).toBe(404);
    expect((await refusal(readOnly.refunds.create({}))).statusCode).toBe(403);
    expect((await refusal(writer.refunds.create({}))).statusCode).toBe(400);
    const before = (await t.stripe.refunds.list({ limit: 100 })).data.length;
    expect(before).toBe(0);
  });

  it("refused requests are not kept for idempotent replay", async () => {
    const stripe = await restrictedKey({});
    const options = { idempotencyKey: "rk-replay" };
    expect((await refusal(stripe.products.create({ name: "A" }, options))).statusCode).toBe(403);
    expect((await refusal(stripe.products.create({ name: "A" }, options))).statusCode).toBe(403);
  });

  it("the emulator's own keys (sk_test_emulator, rk_test_emulator) keep full access", async () => {
    const rk = new Stripe("rk_test_emulator", { host: "127.0.0.1", port: t.emu.port, protocol: "http" });
    await expect(rk.products.create({ name: "Full access" })).resolves.toMatchObject({ object: "product" });
  });

  it("keys are listed, survive a reset, and a revoked key is refused with 401", async () => {
    const created = await t.control<RestrictedKey>("/_emulator/restricted_keys", { permissions: { balance: "read" } });
    const key = created.body.id;
    const listed = await t.control<{ data: RestrictedKey[] }>("/_emulator/restricted_keys");
    expect(listed.body.data.map((k) => k.id)).toContain(key);
    await t.control("/_emulator/reset", {});
    const stripe = new Stripe(key, { host: "127.0.0.1", port: t.emu.port, protocol: "http", maxNetworkRetries: 0 });
    await expect(stripe.balance.retrieve()).resolves.toMatchObject({ object: "balance" });
    expect((await t.control(`/_emulator/restricted_keys/${key}`, undefined, "DELETE")).body).toEqual({ id: key, object: "restricted_key", deleted: true });
    const error = await refusal(stripe.balance.retrieve());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it("the control API refuses unknown resources and access levels", async () => {
    const unknown = await t.control<{ error: { message: string } }>("/_emulator/restricted_keys", { permissions: { payment_intents: "write" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown resource 'payment_intents'.*payment_intent/);
    const level = await t.control<{ error: { message: string } }>("/_emulator/restricted_keys", { permissions: { customer: "admin" } });
    expect(level.status).toBe(400);
    expect(level.body.error.message).toBe('permissions.customer must be "read", "write" or "none".');
  });
});
