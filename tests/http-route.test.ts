// The HTTP kernel (lib/http/route.ts) on its own: who gets through each auth
// mode, how params / query / body are validated, and what every error looks
// like, on throwaway routes built here rather than on the app's own.
import Stripe from "stripe";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { HttpError } from "@/lib/errors";
import { created, route, withStatus } from "@/lib/http/route";
import { setLogSink } from "@/lib/observability/log";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useSignedInAs } from "./helpers/session";
import { appRequest, signedAppRequest, useStripeAppEnv } from "./stripe-app/helpers";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";

beforeAll(() => useStripeAppEnv());
afterEach(() => vi.restoreAllMocks());

const url = (path: string) => `http://payport.test${path}`;
const get = (path = "/api/test") => new Request(url(path));
const post = (body: string, path = "/api/test") => new Request(url(path), { method: "POST", headers: { "content-type": "application/json" }, body });
const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

const whoAmI = (auth: "public" | "optional-user" | "user" | "admin") =>
  route({ name: `GET /api/test/${auth}`, auth }, async ({ user }) => ({ userId: user?.id ?? null }));

describe.each(testDatabases())("route() auth modes on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();
  let admin: { id: string };
  let customer: { id: string };

  beforeAll(async () => {
    admin = await test.db.user.create({ data: { email: `kernel-admin-${kind}@example.com`, role: "admin" } });
    customer = await test.db.user.create({ data: { email: `kernel-customer-${kind}@example.com` } });
  });

  const answers = async (auth: Parameters<typeof whoAmI>[0], who: { id: string } | null) => {
    signInAs(who);
    const res = await whoAmI(auth)(get());
    return { status: res.status, body: await res.json() };
  };

  it("public and optional-user let a visitor through; optional-user also names a signed-in user", async () => {
    expect(await answers("public", null)).toEqual({ status: 200, body: { userId: null } });
    expect(await answers("public", customer)).toEqual({ status: 200, body: { userId: null } });
    expect(await answers("optional-user", null)).toEqual({ status: 200, body: { userId: null } });
    expect(await answers("optional-user", customer)).toEqual({ status: 200, body: { userId: customer.id } });
  });

  it("user: a visitor gets 401 with only an error; a customer gets through", async () => {
    const visitor = await answers("user", null);
    expect(visitor.status).toBe(401);
    expect(Object.keys(visitor.body)).toEqual(["error"]);
    expect(await answers("user", customer)).toEqual({ status: 200, body: { userId: customer.id } });
  });

  it("admin: a visitor gets 401 and a customer 403, both with no data and before the body is read; an admin gets through", async () => {
    const handler = vi.fn(async () => ({ secret: "admin data" }));
    const adminOnly = route({ name: "POST /api/test/admin", auth: "admin", body: z.object({ n: z.number() }) }, handler);
    for (const [who, status] of [[null, 401], [customer, 403]] as const) {
      signInAs(who);
      const res = await adminOnly(post("not json"));
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(Object.keys(body)).toEqual(["error"]);
      expect(JSON.stringify(body)).not.toContain("admin data");
    }
    expect(handler).not.toHaveBeenCalled();
    expect(await answers("admin", admin)).toEqual({ status: 200, body: { userId: admin.id } });
  });
});

describe("route() input validation", () => {
  const items = route(
    {
      name: "POST /api/test/items",
      auth: "public",
      body: z.object({ items: z.array(z.object({ quantity: z.number().int().min(1, "quantity must be at least 1.") })).min(1) }),
    },
    async ({ body }) => ({ count: body.items.length }),
  );

  it("a body field error is a 400 naming the field as items[0].quantity", async () => {
    const res = await items(post(JSON.stringify({ items: [{ quantity: 0 }] })));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: "quantity must be at least 1.", field: "items[0].quantity" } });
  });

  it("malformed and empty JSON bodies are 400s, never 500s", async () => {
    for (const text of ["{not json", "", "   "]) {
      const res = await items(post(text));
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/JSON/);
    }
  });

  it("a valid body reaches the handler parsed", async () => {
    const res = await items(post(JSON.stringify({ items: [{ quantity: 2 }, { quantity: 1 }], ignored: true })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ count: 2 });
  });

  const list = route(
    { name: "GET /api/test/list", auth: "public", query: z.object({ status: z.enum(["open", "closed"], { error: "Unknown status filter." }).optional(), limit: z.coerce.number().int().max(100).default(25) }) },
    async ({ query }) => query,
  );

  it("the query string: empty values are no filter, unknown keys are ignored, a bad value is a 400 naming it", async () => {
    expect(await (await list(get("/api/test/list?status=&limit=&other=x"))).json()).toEqual({ limit: 25 });
    expect(await (await list(get("/api/test/list?status=open&limit=10"))).json()).toEqual({ status: "open", limit: 10 });
    const bad = await list(get("/api/test/list?status=lost"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { message: "Unknown status filter.", field: "status" } });
  });

  it("route params are validated too", async () => {
    const order = route({ name: "GET /api/test/[id]", auth: "public", params: z.object({ id: z.string().regex(/^ord_/, "Not an order id.") }) }, async ({ params }) => params);
    expect(await (await order(get(), ctx({ id: "ord_1" }))).json()).toEqual({ id: "ord_1" });
    const bad = await order(get(), ctx({ id: "x" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { message: "Not an order id.", field: "id" } });
  });

  it('body: "raw" hands over the text exactly as sent', async () => {
    const raw = route({ name: "POST /api/test/raw", auth: "public", body: "raw" }, async ({ rawBody }) => ({ rawBody }));
    expect(await (await raw(post('{ "a":1 }'))).json()).toEqual({ rawBody: '{ "a":1 }' });
  });
});

describe("route() answers", () => {
  it("data is JSON 200 with cache-control: no-store; created() is a 201, withStatus() any status", async () => {
    for (const [handler, status] of [
      [async () => ({ ok: true }), 200],
      [async () => created({ ok: true }), 201],
      [async () => withStatus(202, { ok: true }), 202],
    ] as const) {
      const res = await route({ name: "GET /api/test", auth: "public" }, handler)(get());
      expect(res.status).toBe(status);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ ok: true });
    }
  });

  it("a Response from the handler (a stream, a CSV) is passed on untouched", async () => {
    const res = await route({ name: "GET /api/test/csv", auth: "public" }, async () => new Response("a,b\r\n", { headers: { "content-type": "text/csv" } }))(get());
    expect(res.headers.get("content-type")).toBe("text/csv");
    expect(res.headers.get("cache-control")).toBeNull();
    expect(await res.text()).toBe("a,b\r\n");
  });

  it("an HttpError becomes its status with { error: { message, field } }, no-store too", async () => {
    const res = await route({ name: "POST /api/test", auth: "public" }, async () => {
      throw new HttpError(409, "That email is taken.", "email");
    })(get());
    expect(res.status).toBe(409);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ error: { message: "That email is taken.", field: "email" } });
  });

  it("Stripe's card decline is a 402 and its 400 refusal a 400, in Stripe's words", async () => {
    const decline = await route({ name: "POST /api/test", auth: "public" }, async () => {
      throw new Stripe.errors.StripeCardError({ message: "Your card was declined.", type: "card_error", statusCode: 402 });
    })(get());
    expect(decline.status).toBe(402);
    expect(await decline.json()).toEqual({ error: { message: "Your card was declined." } });
    const refused = await route({ name: "POST /api/test", auth: "public" }, async () => {
      throw new Stripe.errors.StripeInvalidRequestError({ message: "No such price: 'price_x'", type: "invalid_request_error", statusCode: 400 });
    })(get());
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: { message: "No such price: 'price_x'" } });
  });

  it("any other error is logged and answered with a generic 500 that leaks nothing", async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    const res = await route({ name: "GET /api/test/boom", auth: "public" }, async () => {
      throw new Error("connection to db-internal:5432 refused, password=hunter2");
    })(get()).finally(() => setLogSink(undefined));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/db-internal|hunter2|refused/);
    expect(JSON.parse(text)).toEqual({ error: { message: expect.any(String) } });
    expect(lines.join("\n")).toMatch(/ERROR.*unhandled error.*GET \/api\/test\/boom[\s\S]*db-internal:5432 refused/);
  });
});

describe("route() with auth: stripe-app", () => {
  const expectCors = (res: Response) => expect(res.headers.get("access-control-allow-origin")).toBe("*");
  const lookup = route({ name: "POST /api/stripe-app/test", auth: stripeAppAuth, body: z.strictObject({ customer_id: z.string().regex(/^cus_/, "customer_id must be cus_….") }) }, async ({ body, caller }) => ({
    customer: body.customer_id,
    user: caller.userId,
  }));

  it("a signed request gets through with the caller, its envelope taken off the body", async () => {
    const res = await lookup(signedAppRequest("test", { customer_id: "cus_1" }));
    expect(res.status).toBe(200);
    expectCors(res);
    expect(await res.json()).toEqual({ customer: "cus_1", user: "usr_support_1" });
  });

  it("every error carries CORS: 401 unsigned, 403 another account, 400 bad field, and the service's field names in this API's spelling", async () => {
    const unsigned = await lookup(appRequest("test", JSON.stringify({ customer_id: "cus_1" }), null));
    expect(unsigned.status).toBe(401);
    expectCors(unsigned);
    const foreign = await lookup(signedAppRequest("test", { customer_id: "cus_1" }, { accountId: "acct_someoneelse" }));
    expect(foreign.status).toBe(403);
    expectCors(foreign);
    const bad = await lookup(signedAppRequest("test", { customer_id: "x" }));
    expect(bad.status).toBe(400);
    expectCors(bad);
    expect((await bad.json()).error.field).toBe("customer_id");
    const service = route({ name: "POST /api/stripe-app/test", auth: stripeAppAuth, body: z.object({}) }, async () => {
      throw new HttpError(404, "No Payport order ord_x.", "orderId");
    });
    const missing = await service(signedAppRequest("test", {}));
    expect(missing.status).toBe(404);
    expectCors(missing);
    expect((await missing.json()).error.field).toBe("order_id");
  });

  it("writes: a view-only Dashboard role is refused with 403", async () => {
    const write = route({ name: "POST /api/stripe-app/test", auth: stripeAppAuth, writes: true, body: z.object({}) }, async () => ({ ok: true }));
    const res = await write(signedAppRequest("test", { stripe_roles: ["view_only"] }));
    expect(res.status).toBe(403);
    expectCors(res);
    expect((await route({ name: "POST /api/stripe-app/test", auth: stripeAppAuth, body: z.object({}) }, async () => ({ ok: true }))(signedAppRequest("test", { stripe_roles: ["view_only"] }))).status).toBe(200);
  });

  it("the OPTIONS preflight is a 204 with CORS", async () => {
    const res = await stripeAppOptions();
    expect(res.status).toBe(204);
    expectCors(res);
  });
});
