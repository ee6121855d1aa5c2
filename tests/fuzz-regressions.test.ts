// Inputs the route fuzzer (tests/fuzz-routes.test.ts) found answered with a
// 5xx, a non-JSON error or a write, pinned here one by one after the fix.
import { inNextRequestScope } from "./helpers/next-request-scope";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as nextAuthGet, POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";
import { useAdminTest } from "./helpers/admin";
import { testDatabases } from "./helpers/db";

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

  it("what next-auth serves still works: csrf, session and providers as JSON, sign-in page as a redirect", async () => {
    expect((await auth(nextAuthGet, "GET", ["csrf"])).text).toMatch(/csrfToken/);
    expect((await auth(nextAuthGet, "GET", ["session"])).status).toBe(200);
    expect((await auth(nextAuthGet, "GET", ["providers"])).text).toMatch(/credentials/);
    expect((await auth(nextAuthGet, "GET", ["signin"])).status).toBe(302);
  });
});
