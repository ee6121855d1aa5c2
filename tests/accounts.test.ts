// Accounts: sign-up API, password sign-in, the authorization helpers pages and
// route handlers call, next-auth's JWT/session callbacks, and the admin tools.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as signupRoute } from "@/app/api/auth/signup/route";
import { getAuthOptions } from "@/lib/auth/options";
import { encode } from "next-auth/jwt";
import { getCurrentUser, requireAdmin, requireUser, safeCallbackPath, setSessionReader } from "@/lib/auth/session";
import { verifyPassword } from "@/lib/auth/password";
import {
  authenticateWithPassword,
  createOrPromoteAdmin,
  DUPLICATE_EMAIL_MESSAGE,
  findOrCreateOAuthUser,
  oauthMayUseEmail,
  LOCAL_ADMIN,
  seedLocalAdmin,
} from "@/lib/auth/users";
import { HttpError } from "@/lib/errors";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { useSignedInAs } from "./helpers/session";

beforeAll(() => useLocalStripeEnv());

async function postSignup(body: unknown): Promise<{ status: number; json: any }> {
  const res = await signupRoute(
    new Request("http://payport.test/api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  return { status: res.status, json: await res.json() };
}

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error("expected an HttpError");
}

const useDefaultSessionReader = () => setSessionReader(undefined);

describe.each(testDatabases())("accounts on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();

  beforeEach(async () => {
    await test.db.order.deleteMany();
    await test.db.user.deleteMany();
  });

  describe("POST /api/auth/signup", () => {
    it("creates a customer with a normalised email and an scrypt hash, never the password, and answers 201", async () => {
      const { status, json } = await postSignup({ email: "  Ada@Example.COM ", password: "correct horse battery", name: " Ada " });
      expect(status).toBe(201);
      expect(json).toEqual({ id: expect.any(String), email: "ada@example.com", name: "Ada" });
      const user = await test.db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
      expect(user.role).toBe("customer");
      expect(user.passwordHash).toMatch(/^scrypt\$/);
      expect(user.passwordHash).not.toContain("correct horse battery");
      expect(await verifyPassword("correct horse battery", user.passwordHash!)).toBe(true);
    });

    it.each([
      [{ password: "long enough password" }, "email", /Enter your email/],
      [{ email: "not-an-email", password: "long enough password" }, "email", /valid email/],
      [{ email: "ada@example.com", password: "short" }, "password", /at least 10 characters/],
      [{ email: "ada@example.com" }, "password", /Choose a password/],
      [{ email: "ada@example.com", password: "x".repeat(201) }, "password", /at most 200/],
      [{ email: "ada@example.com", password: "long enough password", name: "n".repeat(101) }, "name", /under 100/],
    ])("bad input %j → 400 on field %s, nothing written", async (body, field, message) => {
      const { status, json } = await postSignup(body);
      expect(status).toBe(400);
      expect(json.error.field).toBe(field);
      expect(json.error.message).toMatch(message);
      expect(await test.db.user.count()).toBe(0);
    });

    it("malformed JSON → 400, nothing written", async () => {
      const { status, json } = await postSignup("{nope");
      expect(status).toBe(400);
      expect(json.error.message).toMatch(/not valid JSON/);
      expect(await test.db.user.count()).toBe(0);
    });

    it("a registered email (any capitalisation) → 409 'sign in instead', and the first account is untouched", async () => {
      expect((await postSignup({ email: "ada@example.com", password: "first password!" })).status).toBe(201);
      const before = await test.db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
      const { status, json } = await postSignup({ email: "ADA@example.com", password: "second password", name: "Mallory" });
      expect(status).toBe(409);
      expect(json).toEqual({ error: { message: DUPLICATE_EMAIL_MESSAGE, field: "email" } });
      expect(await test.db.user.count()).toBe(1);
      expect(await test.db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } })).toEqual(before);
    });

    it("two sign-ups for one email at the same time create one account; the other gets 409", async () => {
      const results = await Promise.all([
        postSignup({ email: "race@example.com", password: "password one!" }),
        postSignup({ email: "race@example.com", password: "password two!" }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await test.db.user.count()).toBe(1);
    });
  });

  describe("OAuth linking", () => {
    it("a provider may use a new email or an OAuth-only account, never an account with a password", async () => {
      await postSignup({ email: "ada@example.com", password: "correct horse battery" });
      await findOrCreateOAuthUser("octo@example.com", "Octo");
      expect(await oauthMayUseEmail("ADA@example.com")).toBe(false);
      expect(await oauthMayUseEmail("octo@example.com")).toBe(true);
      expect(await oauthMayUseEmail("new@example.com")).toBe(true);
      const options = getAuthOptions();
      const signIn = options.callbacks!.signIn!;
      const github = { provider: "github", type: "oauth", providerAccountId: "1" } as never;
      expect(await signIn({ user: { id: "1", email: "ada@example.com" }, account: github } as never)).toBe("/signin?error=PasswordAccountExists");
      expect(await signIn({ user: { id: "2", email: "octo@example.com" }, account: github } as never)).toBe(true);
      expect(await test.db.user.count()).toBe(2);
    });
  });

  describe("password sign-in", () => {
    it("accepts the right password (email in any case) and refuses a wrong one, an unknown email and an OAuth-only account alike", async () => {
      await postSignup({ email: "ada@example.com", password: "correct horse battery" });
      await findOrCreateOAuthUser("oauth@example.com", "Octo");
      expect(await authenticateWithPassword("ADA@example.com ", "correct horse battery")).toMatchObject({ email: "ada@example.com", role: "customer" });
      expect(await authenticateWithPassword("ada@example.com", "wrong horse battery")).toBeNull();
      expect(await authenticateWithPassword("nobody@example.com", "correct horse battery")).toBeNull();
      expect(await authenticateWithPassword("oauth@example.com", "anything at all")).toBeNull();
      expect(await authenticateWithPassword(undefined, "x")).toBeNull();
    });

    it("the credentials provider's authorize returns the user id and role for the JWT", async () => {
      await postSignup({ email: "ada@example.com", password: "correct horse battery" });
      const provider = getAuthOptions().providers.find((p) => p.id === "credentials") as unknown as {
        options: { authorize: (c: Record<string, string>, req: unknown) => Promise<unknown> };
      };
      expect(await provider.options.authorize({ email: "ada@example.com", password: "correct horse battery" }, {})).toMatchObject({
        email: "ada@example.com",
        role: "customer",
      });
      expect(await provider.options.authorize({ email: "ada@example.com", password: "nope nope nope" }, {})).toBeNull();
    });

    it("JWT and session callbacks carry the user id and role; an OAuth sign-in links to the account with that email", async () => {
      const { callbacks } = getAuthOptions();
      await postSignup({ email: "ada@example.com", password: "correct horse battery" });
      const user = await test.db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });

      const token = await callbacks!.jwt!({
        token: { email: user.email },
        user: { id: user.id, email: user.email, role: "customer" } as never,
        account: { provider: "credentials", type: "credentials", providerAccountId: user.id },
      } as never);
      expect(token).toMatchObject({ sub: user.id, role: "customer" });
      const session = await callbacks!.session!({ session: { expires: "x", user: {} }, token } as never);
      expect(session.user).toEqual({ id: user.id, email: "ada@example.com", name: null, role: "customer" });

      const linked = await callbacks!.jwt!({
        token: {},
        user: { id: "github-123", email: "ADA@example.com", name: "Ada L" },
        account: { provider: "github", type: "oauth", providerAccountId: "123" },
      } as never);
      expect(linked.sub).toBe(user.id);
      const created = await callbacks!.jwt!({
        token: {},
        user: { id: "github-456", email: "grace@example.com", name: "Grace" },
        account: { provider: "github", type: "oauth", providerAccountId: "456" },
      } as never);
      expect(await test.db.user.findUniqueOrThrow({ where: { id: created.sub! } })).toMatchObject({ email: "grace@example.com", passwordHash: null, role: "customer" });
      expect(await callbacks!.signIn!({ user: { id: "gh", email: null }, account: { provider: "github" } } as never)).toBe(false);
    });
  });

  describe("authorization helpers", () => {
    async function users() {
      const customer = await test.db.user.create({ data: { email: "customer@example.com" } });
      const admin = await test.db.user.create({ data: { email: "admin@example.com", role: "admin" } });
      return { customer, admin };
    }

    it("anonymous: no current user, requireUser → 401, requireAdmin → 401", async () => {
      signInAs(null);
      expect(await getCurrentUser()).toBeNull();
      expect(await rejection(requireUser())).toMatchObject({ status: 401 });
      expect(await rejection(requireAdmin())).toMatchObject({ status: 401 });
    });

    it("customer: requireUser returns them, requireAdmin → 403 with no data", async () => {
      const { customer } = await users();
      signInAs(customer);
      expect(await requireUser()).toMatchObject({ id: customer.id, role: "customer" });
      const denied = await rejection(requireAdmin());
      expect(denied.status).toBe(403);
      expect(denied.message).not.toContain(customer.email);
    });

    it("admin: requireAdmin returns them", async () => {
      const { admin } = await users();
      signInAs(admin);
      expect(await requireAdmin()).toMatchObject({ id: admin.id, role: "admin" });
    });

    it("route handlers read next-auth's session cookie; the role comes from the database, not the cookie", async () => {
      const { customer, admin } = await users();
      signInAs(null);
      const { secret } = getAuthOptions();
      const withSession = async (token: Record<string, unknown>) =>
        new Request("http://payport.test/api/x", { headers: { cookie: `other=1; next-auth.session-token=${await encode({ token, secret: secret! })}` } });
      useDefaultSessionReader();

      expect(await requireUser(await withSession({ sub: customer.id, email: customer.email, role: "customer" }))).toMatchObject({ id: customer.id });
      expect(await requireAdmin(await withSession({ sub: admin.id, email: admin.email, role: "admin" }))).toMatchObject({ id: admin.id });
      // A (validly signed) token claiming admin for a customer is still refused: the database decides.
      expect(await rejection(requireAdmin(await withSession({ sub: customer.id, role: "admin" })))).toMatchObject({ status: 403 });
      // Forged or foreign cookies are no session at all.
      const forged = new Request("http://payport.test/api/x", { headers: { cookie: "next-auth.session-token=eyJhbGciOiJkaXIifQ.forged" } });
      expect(await getCurrentUser(forged)).toBeNull();
      expect(await getCurrentUser(new Request("http://payport.test/api/x"))).toBeNull();
    });

    it("a session whose account was deleted counts as signed out", async () => {
      const { customer } = await users();
      signInAs(customer);
      await test.db.user.delete({ where: { id: customer.id } });
      expect(await getCurrentUser()).toBeNull();
      expect(await rejection(requireUser())).toMatchObject({ status: 401 });
    });
  });

  describe("admin tools", () => {
    it("admin:create creates an admin that can sign in, and promotes an existing customer", async () => {
      const { user, created } = await createOrPromoteAdmin("Boss@Example.com", "admin password 1");
      expect(created).toBe(true);
      expect(user).toMatchObject({ email: "boss@example.com", role: "admin" });
      expect(await authenticateWithPassword("boss@example.com", "admin password 1")).toMatchObject({ role: "admin" });

      await postSignup({ email: "ada@example.com", password: "correct horse battery" });
      const promoted = await createOrPromoteAdmin("ada@example.com", undefined);
      expect(promoted).toMatchObject({ created: false, user: { role: "admin" } });
      expect(await authenticateWithPassword("ada@example.com", "correct horse battery")).toMatchObject({ role: "admin" });
    });

    it("admin:create refuses a short password, a bad email, and a new account without a password", async () => {
      expect(await rejection(createOrPromoteAdmin("boss@example.com", "short"))).toMatchObject({ status: 400, field: "password" });
      expect(await rejection(createOrPromoteAdmin("nope", "long enough password"))).toMatchObject({ status: 400, field: "email" });
      expect(await rejection(createOrPromoteAdmin("new@example.com", undefined))).toMatchObject({ status: 400, field: "password" });
      expect(await test.db.user.count()).toBe(0);
    });

    it("with real Stripe keys the local admin's published password is refused, even on a carried-over database", async () => {
      await seedLocalAdmin();
      useLocalStripeEnv({ STRIPE_SECRET_KEY: "sk_test_abc123", STRIPE_PUBLISHABLE_KEY: "pk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc" });
      try {
        expect(await authenticateWithPassword(LOCAL_ADMIN.email, LOCAL_ADMIN.password)).toBeNull();
      } finally {
        useLocalStripeEnv();
      }
      expect(await authenticateWithPassword(LOCAL_ADMIN.email, LOCAL_ADMIN.password)).toMatchObject({ role: "admin" });
    });

    it("the local-mode admin is seeded once with the documented password and never overwritten", async () => {
      expect(await seedLocalAdmin()).toBe(true);
      expect(await authenticateWithPassword(LOCAL_ADMIN.email, LOCAL_ADMIN.password)).toMatchObject({ role: "admin" });
      await createOrPromoteAdmin(LOCAL_ADMIN.email, "a changed password");
      expect(await seedLocalAdmin()).toBe(false);
      expect(await authenticateWithPassword(LOCAL_ADMIN.email, "a changed password")).toMatchObject({ role: "admin" });
    });
  });
});

describe("safeCallbackPath", () => {
  it("keeps same-site paths and refuses absolute or protocol-relative URLs", () => {
    expect(safeCallbackPath("/account")).toBe("/account");
    expect(safeCallbackPath("/checkout/abc/complete?x=1")).toBe("/checkout/abc/complete?x=1");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "", undefined, ["/a"]]) {
      expect(safeCallbackPath(bad)).toBe("/account");
    }
  });
});
