// Logs an operator can follow: every route answer carries an x-request-id (the
// caller's when it is a sane token), every line logged while handling it
// carries the same id, and every Stripe call logs Stripe's own request id.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { route } from "@/lib/http/route";
import { log, setLogSink } from "@/lib/observability/log";
import { getStripe } from "@/lib/stripe/client";
import { useEmulator } from "./helpers/emulator";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let lines: string[] = [];
const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeEach(() => {
  lines = [];
  process.env.LOG_FORMAT = "json";
  process.env.LOG_LEVEL = "info";
  setLogSink((line) => lines.push(line));
});
afterEach(() => {
  delete process.env.LOG_FORMAT;
  delete process.env.LOG_LEVEL;
  setLogSink(undefined);
});

const hello = route({ name: "GET /api/test/hello", auth: "public" }, async () => {
  log.info("saying hello", { to: "world" });
  return { hello: "world" };
});
const request = (headers: Record<string, string> = {}) => new Request("http://payport.test/api/test/hello", { headers });

describe("request ids", () => {
  it("a sane incoming x-request-id is echoed and stamped on the request's log lines", async () => {
    const res = await hello(request({ "x-request-id": "lb-7f3a.42:abc_DEF" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("lb-7f3a.42:abc_DEF");
    expect(entries()).toEqual([expect.objectContaining({ msg: "saying hello", to: "world", requestId: "lb-7f3a.42:abc_DEF" })]);
  });

  it("without one, a fresh UUID is generated, different for each request", async () => {
    const first = (await hello(request())).headers.get("x-request-id");
    const second = (await hello(request())).headers.get("x-request-id");
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(first).not.toBe(second);
    expect(entries().map((e) => e.requestId)).toEqual([first, second]);
  });

  it.each([
    ["spaces", "abc def"],
    ["markup", "<script>alert(1)</script>"],
    ["quotes and JSON", '{"level":"error"}'],
    ["too long", "a".repeat(129)],
    ["a leading dash", "-rf"],
    ["non-ASCII", "café"],
  ])("an incoming id with %s is replaced by a generated one", async (_, incoming) => {
    const res = await hello(request({ "x-request-id": incoming }));
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(UUID);
    expect(entries()[0].requestId).toBe(id);
  });

  it("error answers carry the id too, and the logged error names the route", async () => {
    const boom = route({ name: "POST /api/test/boom", auth: "public" }, async () => {
      throw new Error("disk on fire");
    });
    const res = await boom(new Request("http://payport.test/api/test/boom", { method: "POST", headers: { "x-request-id": "req-boom-1" } }));
    expect(res.status).toBe(500);
    expect(res.headers.get("x-request-id")).toBe("req-boom-1");
    const [entry] = entries();
    expect(entry).toMatchObject({ level: "error", msg: "unhandled error", route: "POST /api/test/boom", requestId: "req-boom-1", error: { name: "Error", message: "disk on fire" } });
  });

  it("a handler's own Response with immutable headers still gets the id", async () => {
    const redirect = route({ name: "GET /api/test/redirect", auth: "public" }, async () => Response.redirect("http://payport.test/elsewhere", 303));
    const res = await redirect(request({ "x-request-id": "req-redirect" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("http://payport.test/elsewhere");
    expect(res.headers.get("x-request-id")).toBe("req-redirect");
  });

  it("outside a request, lines have no request id", () => {
    log.warn("booting");
    expect(entries()[0]).not.toHaveProperty("requestId");
  });
});

describe("the logger", () => {
  it("writes one JSON object per line: time, level, msg, then the fields", () => {
    log.info("order paid", { orderId: "ord_1", amount: 2500, at: new Date("2026-12-07T10:00:00Z") });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    const entry = JSON.parse(lines[0]);
    expect(Object.keys(entry).slice(0, 3)).toEqual(["time", "level", "msg"]);
    expect(entry).toEqual({ time: expect.any(String), level: "info", msg: "order paid", orderId: "ord_1", amount: 2500, at: "2026-12-07T10:00:00.000Z" });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });

  it("redacts fields named like secrets, at any depth", () => {
    log.info("config", { stripeSecretKey: "sk_live_x", nested: { password: "p", authorization: "Bearer x", card_number: "4242424242424242", ok: 1 } });
    const text = lines[0];
    expect(text).not.toMatch(/sk_live_x|"p"|Bearer x|4242424242424242/);
    expect(JSON.parse(text).nested).toEqual({ password: "[redacted]", authorization: "[redacted]", card_number: "[redacted]", ok: 1 });
  });

  it("drops lines below LOG_LEVEL", () => {
    process.env.LOG_LEVEL = "warn";
    log.info("quiet");
    log.debug("quieter");
    log.warn("loud");
    expect(entries().map((e) => e.msg)).toEqual(["loud"]);
  });

  it("writes readable text outside production unless LOG_FORMAT=json", () => {
    process.env.LOG_FORMAT = "text";
    log.info("order paid", { orderId: "ord_1" });
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  order paid \{"orderId":"ord_1"\}$/);
  });
});

describe("Stripe calls", () => {
  useEmulator();

  it("each call logs Stripe's request id with the method, path and status, under our request id", async () => {
    let stripeRequestId: string | undefined;
    const createCustomer = route({ name: "POST /api/test/customer", auth: "public" }, async () => {
      const customer = await getStripe().customers.create({ email: "logged@example.com" }, { idempotencyKey: "payport:test:logged-customer" });
      stripeRequestId = customer.lastResponse.requestId;
      return { id: customer.id };
    });
    const res = await createCustomer(new Request("http://payport.test/api/test/customer", { method: "POST", headers: { "x-request-id": "req-ours-1" } }));
    expect(res.status).toBe(200);
    expect(stripeRequestId).toMatch(/^req_/);
    const stripeLines = entries().filter((e) => e.msg === "stripe request");
    expect(stripeLines).toEqual([
      {
        time: expect.any(String),
        level: "info",
        msg: "stripe request",
        requestId: "req-ours-1",
        stripeRequestId,
        method: "POST",
        path: "/v1/customers",
        status: 200,
        elapsedMs: expect.any(Number),
        idempotencyKey: "payport:test:logged-customer",
      },
    ]);
    // Parameters (the email) never reach the log.
    expect(lines.join("\n")).not.toContain("logged@example.com");
  });

  it("a refused call logs its status and request id too", async () => {
    await expect(getStripe().customers.retrieve("cus_does_not_exist")).rejects.toThrow();
    const [entry] = entries().filter((e) => e.msg === "stripe request");
    expect(entry).toMatchObject({ method: "GET", path: "/v1/customers/cus_does_not_exist", status: 404, stripeRequestId: expect.stringMatching(/^req_/) });
  });
});
