// Input that cannot be stored (a NUL byte, broken Unicode) and signed bodies
// that are not events are the caller's mistakes: 400s that change nothing,
// never a 5xx, on SQLite and on PostgreSQL (which refuses NUL in text).
import { describe, expect, it } from "vitest";
import { GET as adminPaymentsRoute } from "@/app/api/admin/payments/route";
import { GET as exportPaymentsRoute } from "@/app/api/admin/payments/export/route";
import { POST as nextAuthRoute } from "@/app/api/auth/[...nextauth]/route";
import { POST as signupRoute } from "@/app/api/auth/signup/route";
import { POST as checkoutRoute } from "@/app/api/checkout/route";
import { GET as orderRoute } from "@/app/api/orders/[id]/route";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { useAdminTest } from "./helpers/admin";
import { testDatabases } from "./helpers/db";
import { signatureFor, uniqueId, webhookRequest } from "./helpers/stripe-events";

const json = (url: string, body: unknown) => new Request(`http://payport.test${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const authPost = (path: string, body: string, type = "application/x-www-form-urlencoded") =>
  nextAuthRoute(new Request(`http://payport.test/api/auth/${path}`, { method: "POST", headers: { "content-type": type }, body }), {
    params: Promise.resolve({ nextauth: path.split("/") }),
  });

describe.each(testDatabases())("unstorable input on %s", (kind) => {
  const { test, signInAdmin } = useAdminTest(kind);

  it("a NUL byte or a lone surrogate in a JSON body is a 400 naming the field, and nothing is written", async () => {
    const users = await test.db.user.count();
    for (const email of ["a\u0000@example.com", "a\uD800@example.com"]) {
      const res = await signupRoute(json("/api/auth/signup", { email, password: "correct horse battery" }));
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ field: "email", message: expect.stringMatching(/cannot be stored/) });
    }
    const checkout = await checkoutRoute(json("/api/checkout", { email: "ada@example.com", cartId: "cart_nul_1234", items: [{ priceId: "x\u0000y", quantity: 1 }] }));
    expect(checkout.status).toBe(400);
    expect((await checkout.json()).error.field).toBe("items[0].priceId");
    expect(await test.db.user.count()).toBe(users);
    expect(await test.db.order.count({ where: { cartId: "cart_nul_1234" } })).toBe(0);
  });

  it("a NUL byte in a path segment or a query value is a 400, not a 500", async () => {
    const order = await orderRoute(new Request("http://payport.test/api/orders/x%00y"), { params: Promise.resolve({ id: "x\u0000y" }) });
    expect(order.status).toBe(400);
    signInAdmin();
    const search = await adminPaymentsRoute(new Request("http://payport.test/api/admin/payments?q=a%00b"));
    expect(search.status).toBe(400);
    expect((await search.json()).error.field).toBe("q");
  });

  it("next-auth POSTs with an empty body, broken JSON or a NUL byte in a field are 400s", async () => {
    expect((await authPost("session", "")).status).toBe(400);
    expect((await authPost("session", "{not json", "application/json")).status).toBe(400);
    const nul = await authPost("callback/credentials", new URLSearchParams({ email: "a\u0000@example.com", password: "x", csrfToken: "t" }).toString());
    expect(nul.status).toBe(400);
    expect(JSON.stringify(await nul.json())).not.toMatch(/invalid byte sequence|0x00/);
  });

  it("signed bodies that are not events are refused with 400 and nothing is stored in the ledger", async () => {
    const events = await test.db.stripeEvent.count();
    for (const payload of ["[]", "{}", JSON.stringify({ id: uniqueId("evt"), object: "event", type: "payment_intent.succeeded", created: 1, data: { object: null } })]) {
      const res = await webhookRoute(webhookRequest(payload, signatureFor(payload)));
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/^Not a Stripe event/);
    }
    expect(await test.db.stripeEvent.count()).toBe(events);
  });
});

describe.each(testDatabases())("admin list filters on %s", (kind) => {
  const { signInAdmin } = useAdminTest(kind);

  it("impossible dates and extreme or forged cursors are 400s naming the field, never 500s", async () => {
    signInAdmin();
    const forged = (text: string) => Buffer.from(text, "utf8").toString("base64url");
    const cases: [string, string][] = [
      ["from=2024-13-45", "from"],
      ["to=9999-99-99", "to"],
      ["from=2024-02-30", "from"],
      [`cursor=${forged("+275760-09-13T00:00:00.000Z|abc")}`, "cursor"],
      [`cursor=${forged("2024-01-01T00:00:00.000Z|a\u0000b")}`, "cursor"],
      ["cursor=%%%", "cursor"],
    ];
    for (const [query, field] of cases) {
      const res = await adminPaymentsRoute(new Request(`http://payport.test/api/admin/payments?${query}`));
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.field, query).toBe(field);
    }
    const exportRes = await exportPaymentsRoute(new Request("http://payport.test/api/admin/payments/export?from=2024-13-45"));
    expect(exportRes.status).toBe(400);
    expect(exportRes.headers.get("content-type")).toMatch(/json/);
    expect((await adminPaymentsRoute(new Request("http://payport.test/api/admin/payments?from=2024-02-29&to=2024-03-01"))).status).toBe(200);
  });
});
