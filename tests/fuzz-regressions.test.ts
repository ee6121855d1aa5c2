// Inputs the route fuzzer (tests/fuzz-routes.test.ts) found answered with a
// 5xx, a non-JSON error or a write, pinned here one by one after the fix.
import { inNextRequestScope } from "./helpers/next-request-scope";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as nextAuthGet, POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as reconcileRoute } from "@/app/api/admin/reconcile/route";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { reshapeAuthRefusal } from "@/lib/auth/next-auth-guard";
import { useAdminTest } from "./helpers/admin";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { signatureFor, uniqueId, webhookRequest } from "./helpers/stripe-events";

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

async function auth(handler: Handler, method: "GET" | "POST", nextauth: string[], body?: string) {
  const request = new NextRequest(`http://payport.test/api/auth/${nextauth.join("/")}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  const res = await inNextRequestScope(request, () => handler(request, { params: Promise.resolve({ nextauth }) }));
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

describe.each(testDatabases())("next-auth's refusals on %s", (kind) => {
  useAdminTest(kind);

  it("an action next-auth does not have is a JSON 404, not its plain-text 400", async () => {
    for (const [handler, method] of [[nextAuthGet, "GET"], [nextAuthPost, "POST"]] as const) {
      const res = await auth(handler, method, ["constructor"], method === "POST" ? "csrfToken=x" : undefined);
      expect(res.status, method).toBe(404);
      expect(res.type).toMatch(/application\/json/);
      expect(JSON.parse(res.text).error.message).toBe("No such sign-in endpoint.");
    }
  });

  it("GET of the credentials callback is a JSON 405, not next-auth's 500", async () => {
    const res = await auth(nextAuthGet, "GET", ["callback", "credentials"]);
    expect(res.status).toBe(405);
    expect(JSON.parse(res.text).error.message).toMatch(/by POST/);
  });

  it("its own 4xx (a session update without csrfToken, a callback for an unknown provider) come back as { error: { message } }", async () => {
    for (const [method, path] of [["POST", ["session"]], ["GET", ["callback", "nope"]]] as const) {
      const res = await auth(method === "GET" ? nextAuthGet : nextAuthPost, method, [...path], method === "POST" ? "data=x" : undefined);
      expect(res.status, path.join("/")).toBe(400);
      expect(res.type).toMatch(/application\/json/);
      expect(JSON.parse(res.text).error.message, path.join("/")).toEqual(expect.any(String));
    }
  });

  it("next-auth's own JSON refusals pass untouched: a wrong password stays 401 { url: …error=CredentialsSignin }, which the sign-in form reads", async () => {
    const url = "http://payport.test/signin?error=CredentialsSignin&provider=credentials";
    const wrongPassword = await reshapeAuthRefusal(Response.json({ url }, { status: 401 }));
    expect(wrongPassword.status).toBe(401);
    expect(await wrongPassword.json()).toEqual({ url });
    for (const bare of [new Response("Error: This action with HTTP GET is not supported.", { status: 400 }), Response.json({}, { status: 400 })]) {
      const reshaped = await reshapeAuthRefusal(bare);
      expect(reshaped.status).toBe(400);
      expect((await reshaped.json()).error.message).toEqual(expect.any(String));
    }
  });

  it("what next-auth serves still works: csrf, session and providers as JSON, sign-in page as a redirect", async () => {
    expect((await auth(nextAuthGet, "GET", ["csrf"])).text).toMatch(/csrfToken/);
    expect((await auth(nextAuthGet, "GET", ["session"])).status).toBe(200);
    expect((await auth(nextAuthGet, "GET", ["providers"])).text).toMatch(/credentials/);
    expect((await auth(nextAuthGet, "GET", ["signin"])).status).toBe(302);
  });
});

describe.each(testDatabases())("admin reconcile on %s", (kind) => {
  const { test, signInAdmin } = useAdminTest(kind);

  it("a since past now, however spelled, is a 400 naming since, not a 500 (RangeError: Invalid time value), and nothing is audited", async () => {
    // Found as: {"since": 9007199254740993} (a unix-seconds number far past any Date) → 500.
    signInAdmin();
    const audits = await test.db.auditLog.count();
    for (const since of [9007199254740993, 8.64e15, "99999999999", "9999-12-31", Math.floor(Date.now() / 1000) + 3600]) {
      const res = await reconcileRoute(new Request("http://payport.test/api/admin/reconcile", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ since }) }));
      expect(res.status, String(since)).toBe(400);
      expect((await res.json()).error).toEqual({ message: "since is in the future.", field: "since" });
    }
    expect(await test.db.auditLog.count()).toBe(audits);
  });
});

describe.each(testDatabases())("known webhook intake findings on %s", (kind) => {
  const test = useTestDatabase(kind);

  // Found as: {"id":"evt_…","type":"\u0001","created":-9223372036854776000,…} (also -2147483648.9999995): the
  // ledger's 32-bit column refused the insert and the delivery was answered 503.
  it("a signed event whose created is not a 32-bit whole number is a 400 with nothing stored", async () => {
    const events = await test.db.stripeEvent.count();
    for (const created of [-9223372036854776000, -2147483648.9999995, 1.5]) {
      const payload = JSON.stringify({ id: uniqueId("evt"), object: "event", type: "payment_intent.created", created, data: { object: { id: "pi_x", object: "payment_intent" } } });
      const res = await webhookRoute(webhookRequest(payload, signatureFor(payload)));
      expect(res.status, String(created)).toBe(400);
    }
    expect(await test.db.stripeEvent.count()).toBe(events);
  });
});
