// Real HTTP statuses for pages, over plain HTTP (no browser): every decision
// (unknown id, sign in first, access refused) is made before the first byte
// streams, so the status line tells the truth to browsers, crawlers and
// monitors alike.
import type { APIRequestContext } from "@playwright/test";
import { ADMIN, CUSTOMER_PASSWORD, expect, test, uniqueEmail } from "./fixtures";

/** Signs the request context in through next-auth's own CSRF-protected form post. */
async function signInRequest(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(res.ok(), `sign in as ${email}`).toBe(true);
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(email);
}

const statusOf = async (request: APIRequestContext, path: string) => (await request.get(path, { maxRedirects: 0 })).status();

test("a visitor: public pages 200, unknown orders 404, account areas redirect to sign in with the way back", async ({ request }) => {
  for (const path of ["/", "/cart", "/pricing", "/signin", "/signup"]) expect(await statusOf(request, path), path).toBe(200);
  for (const path of ["/checkout/ord_does_not_exist", "/checkout/ord_does_not_exist/complete", "/no-such-page"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(404);
    expect(await res.text(), path).toContain("couldn’t find that page");
  }
  for (const path of ["/account", "/account/billing", "/subscribe?price=x", "/subscribe/return?subscription=sub_x", "/admin", "/admin/payments", "/admin/payments/ord_x"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(307);
    expect(res.headers().location, path).toBe(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
});

test("a customer: the account pages 200, every admin page 403 with the access-refused page, unknown ids 404", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  try {
    const email = uniqueEmail("status");
    expect((await request.post("/api/auth/signup", { data: { email, password: CUSTOMER_PASSWORD } })).status()).toBe(201);
    await signInRequest(request, email, CUSTOMER_PASSWORD);
    for (const path of ["/account", "/account/billing", "/pricing"]) expect(await statusOf(request, path), path).toBe(200);
    for (const path of ["/admin", "/admin/dashboard", "/admin/payments", "/admin/payments/ord_x", "/admin/customers", "/admin/events"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(403);
      const html = await res.text();
      expect(html, path).toContain("Access refused");
      expect(html, path).not.toContain('data-testid="admin-shell"');
    }
    for (const path of ["/subscribe/return?subscription=sub_does_not_exist", "/checkout/ord_does_not_exist"]) expect(await statusOf(request, path), path).toBe(404);
    // An unknown plan is not an error page: the customer is sent to choose one, with a real redirect.
    const unknownPlan = await request.get("/subscribe?price=price_nope", { maxRedirects: 0 });
    expect(unknownPlan.status()).toBe(307);
    expect(unknownPlan.headers().location).toBe("/pricing");
  } finally {
    await request.dispose();
  }
});

test("the admin: pages 200, /admin redirects (307) to the dashboard, unknown payment/customer/dispute/event ids 404", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  try {
    await signInRequest(request, ADMIN.email, ADMIN.password);
    for (const path of ["/admin/dashboard", "/admin/payments", "/admin/customers", "/admin/events", "/admin/audit", "/admin/disputes", "/admin/subscriptions"]) {
      expect(await statusOf(request, path), path).toBe(200);
    }
    // A server redirect: the status line says 307 and no page (no loading screen, no client-side redirect) is sent.
    const index = await request.get("/admin", { maxRedirects: 0, headers: { accept: "text/html" } });
    expect(index.status()).toBe(307);
    expect(index.headers().location).toBe("/admin/dashboard");
    expect(await index.text()).not.toMatch(/<html|<body|<script/i);
    for (const path of ["/admin/payments/ord_does_not_exist", "/admin/customers/user_does_not_exist", "/admin/disputes/du_does_not_exist", "/admin/events/evt_does_not_exist"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
      expect(await res.text(), path).toContain("couldn’t find that page");
    }
  } finally {
    await request.dispose();
  }
});
