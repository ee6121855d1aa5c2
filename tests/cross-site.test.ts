// Cross-site request forgery: a changing request (POST/PUT/PATCH/DELETE) to a
// session-cookie route is refused with 403 when a browser says it came from
// another site, before the handler runs; requests without any browser
// provenance header (curl, servers, tests) go through.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { POST as checkout } from "@/app/api/checkout/route";
import { resetEnvCache } from "@/lib/env";
import { CROSS_SITE_REFUSED } from "@/lib/http/same-origin";
import { created, route } from "@/lib/http/route";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { useSignedInAs } from "./helpers/session";

const APP_URL = "https://shop.example.com";
// Behind a proxy the server sees its own address, not the public one.
const INTERNAL = "http://10.0.0.5:3000";

beforeAll(() => useLocalStripeEnv({ APP_URL }));
afterAll(() => {
  delete process.env.APP_URL;
  resetEnvCache();
});

const send = (headers: Record<string, string>, method = "POST", body: string | undefined = JSON.stringify({ note: "hello" })) =>
  new Request(`${INTERNAL}/api/test/notes`, { method, headers: { "content-type": "application/json", ...headers }, body: method === "GET" ? undefined : body });

describe.each(testDatabases())("same-origin check on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();
  let customer: { id: string; email: string };

  beforeAll(async () => {
    customer = await test.db.user.create({ data: { email: `csrf-${kind}@example.com` } });
  });

  // A handler that changes something we can count: it renames the signed-in user.
  const rename = vi.fn(async ({ user, body }: { user: { id: string }; body: { note: string } }) => {
    await test.db.user.update({ where: { id: user.id }, data: { name: body.note } });
    return created({ ok: true });
  });
  const notes = route({ name: "POST /api/test/notes", auth: "user", body: z.object({ note: z.string() }) }, rename);
  const nameOf = async () => (await test.db.user.findUniqueOrThrow({ where: { id: customer.id } })).name;

  it("a signed-in POST from another site is 403 with a clear message, and nothing changes", async () => {
    signInAs(customer);
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" }, // sandboxed frame or data: page
      { origin: "https://shop.example.com.evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" }, // a sibling subdomain is someone else's site
      { referer: "https://evil.example/page" },
      { referer: "not a url" },
    ];
    for (const headers of crossSite) {
      const res = await notes(send(headers));
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({ error: { message: CROSS_SITE_REFUSED } });
    }
    expect(rename).not.toHaveBeenCalled();
    expect(await nameOf()).toBeNull();
  });

  it("PUT, PATCH and DELETE are checked like POST; GET is not (it changes nothing)", async () => {
    signInAs(customer);
    for (const method of ["PUT", "PATCH", "DELETE"]) expect((await notes(send({ origin: "https://evil.example" }, method))).status, method).toBe(403);
    const read = route({ name: "GET /api/test/me", auth: "user" }, async ({ user }) => ({ id: user.id }));
    expect((await read(send({ origin: "https://evil.example" }, "GET"))).status).toBe(200);
  });

  it("from our own pages it works: Origin of the public URL or of the address the server sees, or Sec-Fetch-Site same-origin", async () => {
    signInAs(customer);
    const ownPages: Record<string, string>[] = [{ origin: APP_URL }, { origin: INTERNAL }, { "sec-fetch-site": "same-origin" }, { referer: `${APP_URL}/account` }];
    for (const [i, headers] of ownPages.entries()) {
      const res = await notes(send(headers, "POST", JSON.stringify({ note: `own ${i}` })));
      expect(res.status, JSON.stringify(headers)).toBe(201);
      expect(await nameOf()).toBe(`own ${i}`);
    }
  });

  it("without Origin, Sec-Fetch-Site or Referer (curl, a server) the request goes through: only a browser page can forge, and browsers send them", async () => {
    signInAs(customer);
    const res = await notes(send({}, "POST", JSON.stringify({ note: "from curl" })));
    expect(res.status).toBe(201);
    expect(await nameOf()).toBe("from curl");
  });

  it("the check comes before authentication: a cross-site visitor gets 403, not 401", async () => {
    signInAs(null);
    expect((await notes(send({ origin: "https://evil.example" }))).status).toBe(403);
    expect((await notes(send({}))).status).toBe(401);
  });

  it("public and signed routes are not checked (the webhook and the Stripe App prove themselves by signature)", async () => {
    const open = route({ name: "POST /api/test/public", auth: "public" }, async () => created({ ok: true }));
    expect((await open(send({ origin: "https://dashboard.stripe.com" }))).status).toBe(201);
  });

  it("the real checkout route: a cross-site POST with a session creates no order", async () => {
    signInAs(customer);
    const before = await test.db.order.count();
    const res = await checkout(
      new Request(`${INTERNAL}/api/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://evil.example" },
        body: JSON.stringify({ email: customer.email, cartId: "cart_csrf", items: [{ priceId: "price_x", quantity: 1 }] }),
      }),
    );
    expect(res.status).toBe(403);
    expect(await test.db.order.count()).toBe(before);
  });
});
