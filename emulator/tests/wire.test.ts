import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { decodeForm } from "../core/form.ts";
import { RETURN_URL, SECRET_KEY, stripeError, useTestEmulator } from "./helpers.ts";

const t = useTestEmulator();

async function raw(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${t.emu.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/x-www-form-urlencoded", ...init.headers },
    body: init.body,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

describe("form decoding", () => {
  it("reads nested brackets, indexed arrays and [] arrays as stripe-node and curl send them", () => {
    expect(decodeForm("items[0][price]=price_a&items[0][quantity]=2&items[1][price]=price_b&expand[0]=customer&expand[1]=latest_invoice.confirmation_secret")).toEqual({
      items: [{ price: "price_a", quantity: "2" }, { price: "price_b" }],
      expand: ["customer", "latest_invoice.confirmation_secret"],
    });
    expect(decodeForm("expand[]=a&expand[]=b&lookup_keys%5B%5D=x&lookup_keys%5B%5D=y")).toEqual({ expand: ["a", "b"], lookup_keys: ["x", "y"] });
    expect(decodeForm("metadata[note]=a+b%26c&metadata[empty]=&card[number]=4242")).toEqual({ metadata: { note: "a b&c", empty: "" }, card: { number: "4242" } });
    expect(decodeForm("a%5Bb%5D%5Bc%5D=1")).toEqual({ a: { b: { c: "1" } } });
    expect(decodeForm("items[][price]=p1&items[][quantity]=1&items[][price]=p2")).toEqual({ items: [{ price: "p1", quantity: "1" }, { price: "p2" }] });
  });

  it("accepts curl-style [] arrays and percent-encoded brackets over HTTP", async () => {
    await t.stripe.prices.create({ currency: "usd", unit_amount: 500, product_data: { name: "Tee" }, lookup_key: "wire_tee" });
    const res = await raw("GET", "/v1/prices?lookup_keys%5B%5D=wire_tee&expand[]=data.product");
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0].product.name).toBe("Tee");
  });
});

describe("authentication", () => {
  it("missing key → 401 with Stripe's message", async () => {
    const res = await fetch(`${t.emu.url}/v1/customers`);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toMatch(/^You did not provide an API key/);
  });

  it("invalid key → StripeAuthenticationError with the key masked", async () => {
    const bad = new Stripe("sk_live_wrongkey1234", { host: "127.0.0.1", port: t.emu.port, protocol: "http" });
    const err = await stripeError(bad.customers.list());
    expect(err.type).toBe("StripeAuthenticationError");
    expect(err.statusCode).toBe(401);
    expect(err.message).toBe("Invalid API Key provided: sk_live_********1234");
  });

  it("HTTP Basic with the key as username works", async () => {
    const res = await fetch(`${t.emu.url}/v1/customers`, { headers: { authorization: `Basic ${Buffer.from(`${SECRET_KEY}:`).toString("base64")}` } });
    expect(res.status).toBe(200);
  });
});

describe("headers and errors", () => {
  it("every response carries Request-Id and Stripe-Version; POSTs echo Idempotency-Key", async () => {
    const customer = await t.stripe.customers.create({ email: "h@example.com" });
    expect(customer.lastResponse.requestId).toMatch(/^req_[A-Za-z0-9]{14,}$/);
    expect(customer.lastResponse.apiVersion).toBe("2026-10-28.endive");
    expect(customer.lastResponse.idempotencyKey).toMatch(/^stripe-node-retry-/);
    const missing = await raw("GET", "/v1/customers/cus_nope");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("request-id")).toMatch(/^req_/);
    expect(missing.body.error).toMatchObject({ type: "invalid_request_error", code: "resource_missing", param: "id", message: "No such customer: 'cus_nope'" });
  });

  it("unknown parameters → 400 parameter_unknown, top-level and nested", async () => {
    const err = await stripeError(t.stripe.customers.create({ emial: "typo@example.com" } as Stripe.CustomerCreateParams));
    expect(err).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, code: "parameter_unknown", param: "emial", message: "Received unknown parameter: emial" });
    const nested = await stripeError(t.stripe.customers.create({ address: { line1: "x", planet: "Mars" } } as unknown as Stripe.CustomerCreateParams));
    expect(nested.param).toBe("address[planet]");
    const several = await raw("POST", "/v1/customers", { body: "a=1&b=2" });
    expect(several.body.error.message).toBe("Received unknown parameters: a, b");
  });

  it("missing required parameters → 400 parameter_missing", async () => {
    const err = await stripeError(t.stripe.paymentIntents.create({ currency: "usd" } as Stripe.PaymentIntentCreateParams));
    expect(err).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "amount" });
    const nested = await stripeError(t.stripe.prices.create({ currency: "usd", unit_amount: 100, product_data: { active: true } } as Stripe.PriceCreateParams));
    expect(nested.param).toBe("product_data[name]");
  });

  it("type errors name the parameter", async () => {
    const res = await raw("POST", "/v1/payment_intents", { body: "amount=ten&currency=usd" });
    expect(res.body.error).toMatchObject({ code: "parameter_invalid_integer", param: "amount", message: "Invalid integer: ten" });
  });

  it("a reference to a missing object inside params is a 400 resource_missing", async () => {
    const err = await stripeError(t.stripe.prices.create({ currency: "usd", unit_amount: 100, product: "prod_missing" }));
    expect(err).toMatchObject({ statusCode: 400, code: "resource_missing", param: "product", message: "No such product: 'prod_missing'" });
  });

  it("unknown URLs are Stripe-shaped 404s", async () => {
    const res = await raw("GET", "/v1/nothing_here");
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^Unrecognized request URL \(GET: \/v1\/nothing_here\)/);
  });

  it("answers CORS preflights for the browser", async () => {
    const res = await fetch(`${t.emu.url}/v1/payment_methods`, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
  });
});

describe("pagination", () => {
  it("lists newest first with limit, starting_after, ending_before and has_more; auto-pagination walks everything", async () => {
    const tag = `page-${Date.now()}`;
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await t.stripe.customers.create({ email: `${tag}-${i}@example.com` })).id);
    const newestFirst = [...created].reverse();
    const all = (await t.stripe.customers.list({ limit: 100 })).data.map((c) => c.id).filter((id) => created.includes(id));
    expect(all).toEqual(newestFirst);

    const page1 = await t.stripe.customers.list({ limit: 3 });
    expect(page1.has_more).toBe(true);
    expect(page1.url).toBe("/v1/customers");
    expect(page1.data.map((c) => c.id)).toEqual(newestFirst.slice(0, 3));
    const page2 = await t.stripe.customers.list({ limit: 3, starting_after: page1.data[2].id });
    expect(page2.data.map((c) => c.id)).toEqual(newestFirst.slice(3, 6));
    const back = await t.stripe.customers.list({ limit: 2, ending_before: page2.data[0].id });
    expect(back.data.map((c) => c.id)).toEqual(newestFirst.slice(1, 3));
    expect(back.has_more).toBe(true);

    const walked: string[] = [];
    for await (const c of t.stripe.customers.list({ limit: 2 })) if (created.includes(c.id)) walked.push(c.id);
    expect(walked).toEqual(newestFirst);
  });

  it("rejects limit outside 1–100 and both cursors together", async () => {
    expect((await stripeError(t.stripe.customers.list({ limit: 101 }))).param).toBe("limit");
    expect((await stripeError(t.stripe.customers.list({ limit: 0 }))).param).toBe("limit");
    const c = await t.stripe.customers.create();
    expect((await stripeError(t.stripe.customers.list({ starting_after: c.id, ending_before: c.id }))).statusCode).toBe(400);
  });

  it("filters by created range", async () => {
    const c = await t.stripe.customers.create({ email: "created@example.com" });
    const hit = await t.stripe.customers.list({ created: { gte: c.created, lte: c.created }, email: "created@example.com" });
    expect(hit.data.map((x) => x.id)).toEqual([c.id]);
    const miss = await t.stripe.customers.list({ created: { gt: c.created + 10 }, email: "created@example.com" });
    expect(miss.data).toHaveLength(0);
  });
});

describe("expand", () => {
  it("expands ids, dotted paths, data.-prefixed list paths, and the includable charge.refunds", async () => {
    const customer = await t.stripe.customers.create({ email: "exp@example.com" });
    const pi = await t.stripe.paymentIntents.create({ amount: 1200, currency: "usd", customer: customer.id, confirm: true, payment_method: "pm_card_visa", return_url: RETURN_URL, expand: ["latest_charge.customer", "payment_method"] });
    const charge = pi.latest_charge as Stripe.Charge;
    expect((charge.customer as Stripe.Customer).email).toBe("exp@example.com");
    expect((pi.payment_method as Stripe.PaymentMethod).object).toBe("payment_method");
    expect(pi.customer).toBe(customer.id);

    const plain = await t.stripe.charges.retrieve(charge.id);
    expect(plain).not.toHaveProperty("refunds");
    await t.stripe.refunds.create({ charge: charge.id, amount: 200 });
    const withRefunds = await t.stripe.charges.retrieve(charge.id, { expand: ["refunds"] });
    expect(withRefunds.refunds?.data.map((r) => r.amount)).toEqual([200]);
    expect(withRefunds.refunds?.url).toBe(`/v1/charges/${charge.id}/refunds`);

    const list = await t.stripe.paymentIntents.list({ customer: customer.id, expand: ["data.customer"] });
    expect((list.data[0].customer as Stripe.Customer).id).toBe(customer.id);
  });

  it("rejects expanding something that is not expandable", async () => {
    const c = await t.stripe.customers.create();
    const err = await stripeError(t.stripe.customers.retrieve(c.id, { expand: ["nonsense"] }));
    expect(err.statusCode).toBe(400);
    expect(err.message).toBe("This property cannot be expanded because it doesn't exist: nonsense.");
    const notId = await stripeError(t.stripe.customers.retrieve(c.id, { expand: ["balance"] }));
    expect(notId.statusCode).toBe(400);
  });
});

describe("idempotency", () => {
  it("replays the stored status and body with Idempotent-Replayed, creating nothing new", async () => {
    const key = `idem-${Date.now()}`;
    const first = await raw("POST", "/v1/customers", { body: "email=once%40example.com", headers: { "idempotency-key": key } });
    const second = await raw("POST", "/v1/customers", { body: "email=once%40example.com", headers: { "idempotency-key": key } });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("original-request")).toBe(first.headers.get("request-id"));
    const events = await t.stripe.events.list({ type: "customer.created", limit: 100 });
    expect(events.data.filter((e) => (e.data.object as Stripe.Customer).id === first.body.id)).toHaveLength(1);
    expect(events.data.find((e) => (e.data.object as Stripe.Customer).id === first.body.id)?.request).toEqual({ id: first.headers.get("request-id"), idempotency_key: key });
  });

  it("replays a 402 decline verbatim", async () => {
    const key = `decline-${Date.now()}`;
    const params = { amount: 1000, currency: "usd", confirm: true, payment_method: "pm_card_visa_chargeDeclined", return_url: RETURN_URL };
    const a = await stripeError(t.stripe.paymentIntents.create(params, { idempotencyKey: key }));
    const b = await stripeError(t.stripe.paymentIntents.create(params, { idempotencyKey: key }));
    expect(b.statusCode).toBe(402);
    const body = (e: Stripe.errors.StripeError) => {
      const { headers: _h, requestId: _r, ...rest } = e.raw as Record<string, unknown>;
      void _h;
      void _r;
      return rest;
    };
    expect(body(b)).toEqual(body(a));
    expect(b.headers?.["idempotent-replayed"]).toBe("true");
    expect((await t.stripe.charges.list({ payment_intent: a.payment_intent!.id })).data).toHaveLength(1);
  });

  it("same key with other parameters → 400 idempotency_error", async () => {
    const key = `mismatch-${Date.now()}`;
    await t.stripe.customers.create({ email: "a@example.com" }, { idempotencyKey: key });
    const err = await stripeError(t.stripe.customers.create({ email: "b@example.com" }, { idempotencyKey: key }));
    expect(err.type).toBe("StripeIdempotencyError");
    expect(err.statusCode).toBe(400);
    expect(err.message).toBe(`Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`);
    const otherPath = await stripeError(t.stripe.products.create({ name: "x" }, { idempotencyKey: key }));
    expect(otherPath.type).toBe("StripeIdempotencyError");
  });

  it("validation failures are not stored: the same key can be used again with fixed params", async () => {
    const key = `fixable-${Date.now()}`;
    const bad = await raw("POST", "/v1/customers", { body: "emial=x", headers: { "idempotency-key": key } });
    expect(bad.status).toBe(400);
    const good = await raw("POST", "/v1/customers", { body: "email=x%40example.com", headers: { "idempotency-key": key } });
    expect(good.status).toBe(200);
    expect(good.headers.get("idempotent-replayed")).toBeNull();
  });

  it("a concurrent request with the same key → 409", async () => {
    const key = `concurrent-${Date.now()}`;
    await t.control("/_emulator/faults", { path: "/v1/customers", method: "POST", count: 1, mode: "delay", delay_ms: 300 });
    const slow = raw("POST", "/v1/customers", { body: "email=slow%40example.com", headers: { "idempotency-key": key } });
    await new Promise((r) => setTimeout(r, 50));
    const second = await raw("POST", "/v1/customers", { body: "email=slow%40example.com", headers: { "idempotency-key": key } });
    expect(second.status).toBe(409);
    expect(second.body.error.type).toBe("idempotency_error");
    expect((await slow).status).toBe(200);
    const third = await raw("POST", "/v1/customers", { body: "email=slow%40example.com", headers: { "idempotency-key": key } });
    expect(third.headers.get("idempotent-replayed")).toBe("true");
  });
});

describe("fault injection", () => {
  it("500 with Stripe-Should-Retry: the SDK retries with the same idempotency key and one object is created", async () => {
    const stripe = t.sdk({ maxNetworkRetries: 2 });
    await t.control("/_emulator/faults", { path: "/v1/payment_intents", method: "POST", count: 1, mode: "500" });
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", metadata: { fault: "500" } });
    const log = (await t.control<{ data: { path: string; status: number; idempotency_key: string }[] }>("/_emulator/requests")).body.data;
    const attempts = log.filter((r) => r.idempotency_key === pi.lastResponse.idempotencyKey);
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
    const all = await stripe.paymentIntents.list({ limit: 100 });
    expect(all.data.filter((p) => p.metadata.fault === "500")).toHaveLength(1);
  });

  it("429 rate_limit is retried by the SDK", async () => {
    const stripe = t.sdk({ maxNetworkRetries: 2 });
    await t.control("/_emulator/faults", { path: "/v1/customers", count: 1, mode: "429" });
    const c = await stripe.customers.create({ email: "rate@example.com" });
    expect(c.id).toMatch(/^cus_/);
    const noRetry = t.sdk({ maxNetworkRetries: 0 });
    await t.control("/_emulator/faults", { path: "/v1/customers", count: 1, mode: "429" });
    const err = await stripeError(noRetry.customers.create({ email: "rate@example.com" }));
    expect(err.type).toBe("StripeRateLimitError");
    expect(err.code).toBe("rate_limit");
  });

  it("a dropped response after the work was done is replayed on the SDK's retry (no double charge)", async () => {
    const stripe = t.sdk({ maxNetworkRetries: 2 });
    await t.control("/_emulator/faults", { path: "/v1/payment_intents", method: "POST", count: 1, mode: "drop_after" });
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", confirm: true, payment_method: "pm_card_visa", return_url: RETURN_URL, metadata: { fault: "drop" } });
    expect(pi.status).toBe("succeeded");
    expect(pi.lastResponse.headers["idempotent-replayed"]).toBe("true");
    const all = await stripe.paymentIntents.list({ limit: 100 });
    expect(all.data.filter((p) => p.metadata.fault === "drop")).toHaveLength(1);
  });

  it("a hung request times out and the SDK's retry succeeds", async () => {
    const stripe = t.sdk({ maxNetworkRetries: 2, timeout: 1000 });
    await t.control("/_emulator/faults", { path: "/v1/customers", method: "POST", count: 1, mode: "hang" });
    const c = await stripe.customers.create({ email: "hang@example.com" });
    expect(c.email).toBe("hang@example.com");
    const log = (await t.control<{ data: { status: number; idempotency_key: string }[] }>("/_emulator/requests")).body.data;
    expect(log.filter((r) => r.idempotency_key === c.lastResponse.idempotencyKey).map((r) => r.status)).toEqual([0, 200]);
  });
});

describe("resources", () => {
  it("products accept a custom id; prices resolve by lookup_keys and transfer lookup keys", async () => {
    const product = await t.stripe.products.create({ id: "prod_custom_tee", name: "Custom Tee", default_price_data: { currency: "usd", unit_amount: 2500 } });
    expect(product.id).toBe("prod_custom_tee");
    expect(product.default_price).toMatch(/^price_/);
    const dup = await stripeError(t.stripe.products.create({ id: "prod_custom_tee", name: "again" }));
    expect(dup.statusCode).toBe(400);
    const a = await t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 2600, lookup_key: "tee_std" });
    const conflict = await stripeError(t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 2700, lookup_key: "tee_std" }));
    expect(conflict.statusCode).toBe(400);
    const b = await t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 2700, lookup_key: "tee_std", transfer_lookup_key: true });
    const found = await t.stripe.prices.list({ lookup_keys: ["tee_std"] });
    expect(found.data.map((p) => p.id)).toEqual([b.id]);
    expect((await t.stripe.prices.retrieve(a.id)).lookup_key).toBeNull();
    const recurring = await t.stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 900, recurring: { interval: "month" } });
    expect(recurring).toMatchObject({ type: "recurring", recurring: { interval: "month", interval_count: 1, usage_type: "licensed" } });
    expect((await t.stripe.prices.list({ product: product.id, type: "recurring" })).data.map((p) => p.id)).toEqual([recurring.id]);
    const undeletable = await stripeError(t.stripe.products.del(product.id));
    expect(undeletable.statusCode).toBe(400);
    const archived = await t.stripe.products.update(product.id, { active: false });
    expect(archived.active).toBe(false);
  });

  it("customers: update merges metadata, delete returns the deleted stub", async () => {
    const c = await t.stripe.customers.create({ email: "m@example.com", metadata: { a: "1", b: "2" } });
    const u = await t.stripe.customers.update(c.id, { metadata: { a: "", c: "3" }, name: "Ada" });
    expect(u.metadata).toEqual({ b: "2", c: "3" });
    expect(u.name).toBe("Ada");
    const d = await t.stripe.customers.del(c.id);
    expect(d).toMatchObject({ id: c.id, object: "customer", deleted: true });
    expect(await t.stripe.customers.retrieve(c.id)).toMatchObject({ id: c.id, deleted: true });
  });

  it("payment methods: attach, list, set as default, detach clears the default", async () => {
    const c = await t.stripe.customers.create();
    const pm = await t.stripe.paymentMethods.attach("pm_card_mastercard", { customer: c.id });
    await t.stripe.customers.update(c.id, { invoice_settings: { default_payment_method: pm.id } });
    expect((await t.stripe.paymentMethods.list({ customer: c.id })).data.map((p) => p.id)).toEqual([pm.id]);
    const detached = await t.stripe.paymentMethods.detach(pm.id);
    expect(detached.customer).toBeNull();
    expect((await t.stripe.customers.retrieve(c.id) as Stripe.Customer).invoice_settings.default_payment_method).toBeNull();
    const again = await stripeError(t.stripe.paymentMethods.attach(pm.id, { customer: c.id }));
    expect(again.statusCode).toBe(400);
  });

  it("webhook endpoints: create returns a whsec_ secret once; list, retrieve, update, delete", async () => {
    const we = await t.stripe.webhookEndpoints.create({ url: "http://127.0.0.1:9/hook", enabled_events: ["payment_intent.succeeded"] });
    expect(we.secret).toMatch(/^whsec_/);
    const got = await t.stripe.webhookEndpoints.retrieve(we.id);
    expect(got).not.toHaveProperty("secret");
    const updated = await t.stripe.webhookEndpoints.update(we.id, { disabled: true, enabled_events: ["*"] });
    expect(updated).toMatchObject({ status: "disabled", enabled_events: ["*"] });
    expect((await t.stripe.webhookEndpoints.list()).data.map((w) => w.id)).toContain(we.id);
    expect(await t.stripe.webhookEndpoints.del(we.id)).toMatchObject({ id: we.id, deleted: true });
  });
});
