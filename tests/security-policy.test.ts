// What the browser is allowed to load (the Content-Security-Policy built per
// request) and who gets into which page area before anything renders
// (proxy.ts): a visitor is redirected to sign in with the way back; everyone
// gets the policy with a fresh nonce.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { getAuthEnv, resetEnvCache } from "@/lib/env";
import { needsSignIn } from "@/lib/auth/page-gate";
import { contentSecurityPolicy } from "@/lib/http/content-security-policy";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";

const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  const nonce = "bm9uY2Utb2YtdGhpcy1yZXF1ZXN0";

  it("with real Stripe: scripts only by nonce (and what they load), Stripe's documented hosts for Stripe.js, Elements and 3-D Secure, no framing", () => {
    const csp = directives(contentSecurityPolicy({ nonce, stripeEmulatorUrl: null, https: true }));
    expect(csp["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "https://js.stripe.com", "https://*.js.stripe.com"]);
    expect(csp["frame-src"]).toEqual(["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"]);
    expect(csp["connect-src"]).toEqual(["'self'", "https://api.stripe.com", "https://m.stripe.network"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(csp).toHaveProperty("upgrade-insecure-requests");
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
    expect(csp["script-src"]).not.toContain("'unsafe-eval'");
  });

  it("in local mode the emulator's origin replaces every Stripe host; dev adds eval and the HMR socket", () => {
    const local = contentSecurityPolicy({ nonce, stripeEmulatorUrl: "http://127.0.0.1:12111", dev: true });
    expect(local).not.toContain("stripe.com");
    expect(local).not.toContain("upgrade-insecure-requests");
    const csp = directives(local);
    for (const name of ["script-src", "frame-src", "connect-src", "img-src"]) expect(csp[name], name).toContain("http://127.0.0.1:12111");
    expect(csp["script-src"]).toContain("'unsafe-eval'");
    expect(csp["connect-src"]).toContain("ws:");
  });
});

describe.each(testDatabases())("proxy.ts on %s", (kind) => {
  const test = useTestDatabase(kind);
  let cookie: string;

  beforeAll(async () => {
    useLocalStripeEnv({ STRIPE_EMULATOR_URL: "http://127.0.0.1:12999" });
    const user = await test.db.user.create({ data: { email: `proxy-${kind}@example.com` } });
    const token = await encode({ token: { sub: user.id }, secret: getAuthEnv().secret });
    cookie = `next-auth.session-token=${token}`;
  });
  afterAll(() => resetEnvCache());

  const visit = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { headers }));

  it("a visitor on an account area is redirected to sign in with the exact way back (307), before any page renders", async () => {
    for (const path of ["/account", "/account/billing", "/subscribe?price=p_1&seats=2", "/subscribe/return?subscription=sub_1", "/admin", "/admin/payments/ord_1"]) {
      const res = await visit(path);
      expect(res.status, path).toBe(307);
      expect(new URL(res.headers.get("location")!).pathname + new URL(res.headers.get("location")!).search).toBe(`/signin?callbackUrl=${encodeURIComponent(path)}`);
    }
  });

  it("a signed-in account passes (roles are the pages' to check); a token for a deleted account counts as signed out", async () => {
    for (const path of ["/account", "/admin/payments"]) expect((await visit(path, { cookie })).headers.get("x-middleware-next"), path).toBe("1");
    const ghost = await encode({ token: { sub: "no-such-user" }, secret: getAuthEnv().secret });
    expect((await visit("/account", { cookie: `next-auth.session-token=${ghost}` })).status).toBe(307);
  });

  it("the admin API: 401 for a visitor, 403 for a customer, JSON error only", async () => {
    const visitor = await visit("/api/admin/payments");
    expect(visitor.status).toBe(401);
    const customer = await visit("/api/admin/payments", { cookie });
    expect(customer.status).toBe(403);
    expect(Object.keys(await customer.json())).toEqual(["error"]);
  });

  it("every page answer carries the policy with a fresh nonce, which Next.js reads from the forwarded request", async () => {
    const [a, b] = [await visit("/"), await visit("/cart")];
    const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonceOf(a)).toBeTruthy();
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(a.headers.get("content-security-policy"));
    // Layouts are not told their URL; the proxy forwards it (its own value, whatever the client sent).
    const spoofed = await visit("/checkout/ord_1/complete?payment_intent=pi_1", { "x-payport-path": "https://evil.example" });
    expect(spoofed.headers.get("x-middleware-request-x-payport-path")).toBe("/checkout/ord_1/complete?payment_intent=pi_1");
    expect(a.headers.get("content-security-policy")).toContain("http://127.0.0.1:12999");
    // The redirect to sign in carries it too.
    expect((await visit("/account")).headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("only the account areas need sign-in", () => {
    expect(["/", "/cart", "/pricing", "/checkout/ord_1", "/signin", "/administrator", "/accounts"].filter(needsSignIn)).toEqual([]);
    expect(["/admin", "/admin/x", "/account", "/account/billing", "/subscribe", "/subscribe/return"].every(needsSignIn)).toBe(true);
  });
});
