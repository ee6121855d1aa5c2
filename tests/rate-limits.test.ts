// Throttling against abuse (lib/http/rate-limits.ts): brute-forced passwords,
// mass sign-ups, card testing through checkouts, floods of Stripe App and
// usage calls. A refused call is a 429 with Retry-After and the usual error
// body, and changes nothing. On PostgreSQL the counters live in the database,
// shared by every app instance.
import { setLogSink } from "@/lib/observability/log";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { POST as nextAuthRoute } from "@/app/api/auth/[...nextauth]/route";
import { POST as signupRoute } from "@/app/api/auth/signup/route";
import { POST as setupIntentRoute } from "@/app/api/billing/portal/setup-intents/route";
import { POST as stripeAppCustomerRoute } from "@/app/api/stripe-app/customer/route";
import { POST as usageRoute } from "@/app/api/usage/route";
import { authorizePassword, recordSignInFailure, signInRefusal } from "@/lib/auth/sign-in-throttle";
import { signUp } from "@/lib/auth/users";
import { seedCatalog } from "@/lib/catalog/seed";
import { EnvError } from "@/lib/env";
import { clientIp, ipBucket } from "@/lib/http/client-ip";
import { memoryStore, postgresStore, RATE_LIMIT_SCHEMA, RATE_LIMIT_TABLE, RateLimits, setRateLimits } from "@/lib/http/rate-limiter";
import { parseRateLimitEnv, RATE_LIMIT_RULES, waitWords } from "@/lib/http/rate-limits";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useEmulator } from "./helpers/emulator";
import { useLocalStripeEnv } from "./helpers/env";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";
import { useSignedInAs } from "./helpers/session";
import { signedAppRequest } from "./stripe-app/helpers";

const PASSWORD = "the right password";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const from = (ip: string) => new Headers({ "x-forwarded-for": ip });

let installed: RateLimits[] = [];
afterEach(async () => {
  setRateLimits(undefined);
  await Promise.all(installed.map((limits) => limits.close()));
  installed = [];
});

function credentialsPost(email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return nextAuthRoute(
    new Request("http://payport.test/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ email, password, csrfToken: "csrf", callbackUrl: "/account", json: "true" }).toString(),
    }),
    { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
  );
}

function signupPost(email: string, headers: Record<string, string> = {}): Promise<Response> {
  return signupRoute(
    new Request("http://payport.test/api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ email, password: PASSWORD }),
    }),
  );
}

const uniqueEmail = (who: string) => `${who}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

describe("configuration", () => {
  it("every limit has a default that RATE_LIMIT_<RULE> replaces, RATE_LIMIT_SCALE multiplies and RATE_LIMITS=off disables", () => {
    const defaults = parseRateLimitEnv({});
    expect(defaults.enabled).toBe(true);
    expect(defaults.trustProxyHops).toBe(0);
    expect(defaults.rules.signInPerAccount).toEqual({ per: "email+ip", points: 5, windowSeconds: 900 });
    expect(defaults.rules.checkoutPerIp).toEqual({ per: "ip", points: 30, windowSeconds: 3600 });

    const custom = parseRateLimitEnv({ RATE_LIMIT_CHECKOUT_PER_IP: "10/15m", RATE_LIMIT_SIGN_UP_PER_IP: "3/1d", RATE_LIMIT_USAGE_PER_KEY: "50/30", TRUST_PROXY: "2" });
    expect(custom.rules.checkoutPerIp).toEqual({ per: "ip", points: 10, windowSeconds: 900 });
    expect(custom.rules.signUpPerIp).toEqual({ per: "ip", points: 3, windowSeconds: 86_400 });
    expect(custom.rules.usagePerKey).toEqual({ per: "bearer", points: 50, windowSeconds: 30 });
    expect(custom.trustProxyHops).toBe(2);

    const scaled = parseRateLimitEnv({ RATE_LIMIT_SCALE: "100", RATE_LIMIT_SIGN_UP_PER_IP: "2/1h" });
    expect(scaled.rules.signUpPerIp.points).toBe(200);
    expect(scaled.rules.checkoutPerIp.points).toBe(3000);
    expect(parseRateLimitEnv({ RATE_LIMITS: "off" }).enabled).toBe(false);
    expect(parseRateLimitEnv({ TRUST_PROXY: "true" }).trustProxyHops).toBe(1);
    expect(Object.keys(defaults.rules)).toEqual(Object.keys(RATE_LIMIT_RULES));
  });

  it("a malformed value is refused at start-up with a message that says the expected form", () => {
    expect(() => parseRateLimitEnv({ RATE_LIMIT_CHECKOUT_PER_IP: "lots" })).toThrow(EnvError);
    expect(() => parseRateLimitEnv({ RATE_LIMIT_CHECKOUT_PER_IP: "lots" })).toThrow(/RATE_LIMIT_CHECKOUT_PER_IP must be "<points>\/<window>", e.g. 30\/1h/);
    expect(() => parseRateLimitEnv({ RATE_LIMIT_SCALE: "0" })).toThrow(/RATE_LIMIT_SCALE must be above 0/);
    expect(() => parseRateLimitEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY must be the number of proxies/);
    expect(() => parseRateLimitEnv({ RATE_LIMIT_SIGN_UP_PER_IP: "0/1h" })).toThrow(/at least 1 point/);
  });

  it("waits are said in words a person reads, rounded up", () => {
    expect([1, 59, 60, 900, 3599, 3600, 7100, 86_400].map(waitWords)).toEqual(["1 second", "59 seconds", "1 minute", "15 minutes", "1 hour", "1 hour", "2 hours", "24 hours"]);
  });

  it("RATE_LIMITS=off lets everything through", async () => {
    const limits = new RateLimits(parseRateLimitEnv({ RATE_LIMITS: "off", RATE_LIMIT_CHECKOUT_PER_IP: "1/1h" }), memoryStore());
    for (let i = 0; i < 5; i++) await limits.enforce("checkout", { ip: "203.0.113.1" });
  });
});

describe("client IP", () => {
  it("X-Forwarded-For counts only with TRUST_PROXY; otherwise every client shares the bucket 'local'", () => {
    const logged: string[] = [];
    setLogSink((line) => logged.push(line));
    expect(clientIp(from("198.51.100.4"), 0)).toBe("local");
    expect(clientIp(new Headers(), 0)).toBe("local");
    setLogSink(undefined);
    expect(logged.join("\n")).toContain("TRUST_PROXY is unset");
    // One proxy appends the address it saw: a forged first entry is ignored.
    expect(clientIp(from("6.6.6.6, 198.51.100.4"), 1)).toBe("198.51.100.4");
    expect(clientIp(from("6.6.6.6, 198.51.100.4, 10.0.0.2"), 2)).toBe("198.51.100.4");
    expect(clientIp(new Headers(), 1)).toBe("local");
  });

  it("IPv6 addresses count per /64, IPv4-mapped ones as IPv4", () => {
    expect(ipBucket("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(ipBucket("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(ipBucket("::ffff:198.51.100.4")).toBe("198.51.100.4");
    expect(ipBucket("not an address")).toBe("local");
  });
});

describe("an unreachable store", () => {
  it("fails open to memory counting with a logged warning, never a 5xx", async () => {
    const logged: string[] = [];
    setLogSink((line) => logged.push(line));
    const limits = new RateLimits(parseRateLimitEnv({ RATE_LIMIT_CHECKOUT_PER_IP: "1/1h" }), postgresStore("postgresql://postgres@127.0.0.1:1/nowhere"));
    installed.push(limits);
    await limits.enforce("checkout", { ip: "203.0.113.9" });
    await expect(limits.enforce("checkout", { ip: "203.0.113.9" })).rejects.toMatchObject({ status: 429 });
    setLogSink(undefined);
    expect(logged.join("\n")).toContain("the PostgreSQL store is unreachable");
  });
});

describe.each(testDatabases())("rate limits on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();
  beforeAll(() => useLocalStripeEnv());

  /** Limits from these variables, counted where this database's app would count them. */
  function install(env: Record<string, string> = {}): RateLimits {
    const limits = new RateLimits(parseRateLimitEnv(env), kind === "postgres" ? postgresStore(test.url) : memoryStore());
    installed.push(limits);
    setRateLimits(limits);
    return limits;
  }

  describe("sign-in", () => {
    it("the 6th wrong password within the window is a 429 with Retry-After, and the right password is refused too", async () => {
      install();
      const email = uniqueEmail("brute");
      await signUp({ email, password: PASSWORD });
      for (let i = 1; i <= 5; i++) expect(await authorizePassword(email, `wrong guess ${i}`, new Headers())).toBeNull();

      const sixth = await credentialsPost(email, "wrong guess 6");
      expect(sixth.status).toBe(429);
      expect(sixth.headers.get("retry-after")).toBe("900");
      const body = await sixth.json();
      expect(body.error).toEqual({ message: "Too many sign-in attempts. Try again in 15 minutes." });
      // next-auth's own client reads the error code from `url`.
      expect(body.url).toBe("http://localhost:3000/signin?error=TooManySignInAttempts");

      const right = await credentialsPost(email.toUpperCase(), PASSWORD);
      expect(right.status).toBe(429);
      expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(890);
    });

    it("the block ends after its time, each repeat blocks twice as long, and a success resets the count", async () => {
      const limits = install({ RATE_LIMIT_SIGN_IN_PER_ACCOUNT: "3/1s" });
      const email = uniqueEmail("slow");
      await signUp({ email, password: PASSWORD });
      const fail = async (times: number) => {
        for (let i = 0; i < times; i++) await recordSignInFailure(email, new Headers(), limits);
      };
      await fail(3);
      expect((await signInRefusal(email, new Headers(), limits))?.retryAfterSeconds).toBe(1);

      await sleep(1_100);
      expect(await signInRefusal(email, new Headers(), limits)).toBeNull();
      await fail(3);
      expect((await signInRefusal(email, new Headers(), limits))?.retryAfterSeconds).toBe(2);

      await sleep(2_100);
      expect(await signInRefusal(email, new Headers(), limits)).toBeNull();
      expect(await authorizePassword(email, PASSWORD, new Headers())).toMatchObject({ email });
      // The success forgot the failures: two more wrong guesses do not block.
      await fail(2);
      expect(await signInRefusal(email, new Headers(), limits)).toBeNull();
    });

    it("a stranger's failures from another IP do not lock the owner out; one IP spraying many emails is stopped", async () => {
      const limits = install({ TRUST_PROXY: "1", RATE_LIMIT_SIGN_IN_PER_IP: "6/1d" });
      const email = uniqueEmail("owner");
      await signUp({ email, password: PASSWORD });
      for (let i = 0; i < 5; i++) await authorizePassword(email, "wrong", from("203.0.113.66"));
      expect(await signInRefusal(email, from("203.0.113.66"), limits)).not.toBeNull();
      expect(await signInRefusal(email, from("198.51.100.10"), limits)).toBeNull();
      expect(await authorizePassword(email, PASSWORD, from("198.51.100.10"))).toMatchObject({ email });

      // Five failures so far from .66; one more on another email reaches the per-IP limit of 6.
      await authorizePassword(uniqueEmail("other"), "wrong", from("203.0.113.66"));
      const refused = await credentialsPost(uniqueEmail("third"), "anything", { "x-forwarded-for": "203.0.113.66" });
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toMatch(/^8\d{4}$/);
      expect((await refused.json()).error.message).toMatch(/^Too many sign-in attempts. Try again in (23|24) hours.$/);
    });
  });

  it("sign-up: past the per-IP limit a 429 with Retry-After and no account; another IP still signs up", async () => {
    install({ TRUST_PROXY: "1", RATE_LIMIT_SIGN_UP_PER_IP: "2/1h" });
    const ip = { "x-forwarded-for": "203.0.113.20" };
    expect((await signupPost(uniqueEmail("a"), ip)).status).toBe(201);
    expect((await signupPost(uniqueEmail("b"), ip)).status).toBe(201);
    const users = await test.db.user.count();
    const third = uniqueEmail("c");
    const refused = await signupPost(third, ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^3[56]\d\d$/);
    expect(await refused.json()).toEqual({ error: { message: "Too many accounts were created from your network. Try again in 1 hour." } });
    expect(await test.db.user.count()).toBe(users);
    expect(await test.db.user.findUnique({ where: { email: third } })).toBeNull();
    expect((await signupPost(third, { "x-forwarded-for": "198.51.100.20" })).status).toBe(201);
  });

  it("portal payment routes are refused before anything reaches Stripe", async () => {
    const limits = install({ RATE_LIMIT_BILLING_PAYMENT_PER_USER: "1/1h" });
    const user = await signUp({ email: uniqueEmail("cards"), password: PASSWORD });
    signInAs(user);
    await limits.enforce("billing-payment", { user: user.id });
    // No emulator runs in this block: reaching Stripe would be a 5xx, not this 429.
    const res = await setupIntentRoute(
      new Request("http://payport.test/api/billing/portal/setup-intents", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ requestId: "req_ratelimit_1" }) }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^3[56]\d\d$/);
    expect((await res.json()).error.message).toBe("Too many payment attempts. Try again in 1 hour.");
    expect((await test.db.user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId).toBeNull();
    signInAs(null);
  });

  it("Stripe App calls count per Dashboard user, usage reports per key", async () => {
    install({ RATE_LIMIT_STRIPE_APP_PER_USER: "2/1m", RATE_LIMIT_USAGE_PER_KEY: "1/1m" });
    const customer = () => stripeAppCustomerRoute(signedAppRequest("customer", { customer_id: "cus_ratelimit" }));
    expect((await customer()).status).not.toBe(429);
    expect((await customer()).status).not.toBe(429);
    const third = await customer();
    expect(third.status).toBe(429);
    expect(third.headers.get("access-control-allow-origin")).toBe("*");
    expect((await third.json()).error.message).toMatch(/^Too many requests from this Dashboard user. Try again in (\d+ seconds?|1 minute)\.$/);
    expect((await stripeAppCustomerRoute(signedAppRequest("customer", { customer_id: "cus_ratelimit" }, { userId: "usr_other" }))).status).not.toBe(429);

    const report = (key: string) =>
      usageRoute(new Request("http://payport.test/api/usage", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{}" }));
    expect((await report(`pp_test_${"a".repeat(32)}`)).status).toBe(401);
    expect((await report(`pp_test_${"a".repeat(32)}`)).status).toBe(429);
    expect((await report(`pp_test_${"b".repeat(32)}`)).status).toBe(401);
  });

  describe.runIf(kind === "postgres")("PostgreSQL store", () => {
    it("two app instances share the counts, in a table outside Prisma's schema", async () => {
      const env = { RATE_LIMIT_CHECKOUT_PER_IP: "3/1h" };
      const first = new RateLimits(parseRateLimitEnv(env), postgresStore(test.url));
      const second = new RateLimits(parseRateLimitEnv(env), postgresStore(test.url));
      installed.push(first, second);
      await first.enforce("checkout", { ip: "203.0.113.30" });
      await second.enforce("checkout", { ip: "203.0.113.30" });
      await first.enforce("checkout", { ip: "203.0.113.30" });
      await expect(second.enforce("checkout", { ip: "203.0.113.30" })).rejects.toMatchObject({ status: 429, retryAfterSeconds: expect.any(Number) });
      await expect(first.enforce("checkout", { ip: "203.0.113.30" })).rejects.toMatchObject({ status: 429 });
      await second.enforce("checkout", { ip: "203.0.113.31" });

      const client = new pg.Client({ connectionString: test.url });
      await client.connect();
      const tables = await client.query<{ table_schema: string }>("SELECT table_schema FROM information_schema.tables WHERE table_name = $1", [RATE_LIMIT_TABLE]);
      await client.end();
      expect(tables.rows.map((r) => r.table_schema)).toEqual([RATE_LIMIT_SCHEMA]);
    });
  });
});

describe.each(testDatabases())("checkout rate limit on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator();
  const signInAs = useSignedInAs();
  let tee = "";

  beforeAll(async () => {
    await seedCatalog();
    tee = await priceIdByLookupKey(test.db, "payport_tee_usd");
  });

  const intents = async () => (await emu.stripe.paymentIntents.list({ limit: 100 })).data.length;
  const checkout = (email = "buyer@example.com") => postCheckout({ email, cartId: newCartId(), items: [{ priceId: tee, quantity: 1 }] });

  it("past the per-IP limit a checkout is a 429 and creates no order and no PaymentIntent", async () => {
    const limits = new RateLimits(parseRateLimitEnv({ RATE_LIMIT_CHECKOUT_PER_IP: "2/1h" }), memoryStore());
    installed.push(limits);
    setRateLimits(limits);
    const before = { intents: await intents(), orders: await test.db.order.count() };
    expect((await checkout()).status).toBe(201);
    expect((await checkout()).status).toBe(201);
    for (let i = 0; i < 3; i++) {
      const refused = await checkout();
      expect(refused.status).toBe(429);
      expect(refused.json).toEqual({ error: { message: "Too many checkout attempts. Try again in 1 hour." } });
    }
    expect(await intents()).toBe(before.intents + 2);
    expect(await test.db.order.count()).toBe(before.orders + 2);
  });

  it("a signed-in buyer is limited per account whatever the IP", async () => {
    const limits = new RateLimits(parseRateLimitEnv({ TRUST_PROXY: "1", RATE_LIMIT_CHECKOUT_PER_USER: "1/1h" }), memoryStore());
    installed.push(limits);
    setRateLimits(limits);
    const user = await signUp({ email: uniqueEmail("buyer"), password: PASSWORD });
    signInAs(user);
    const before = await intents();
    expect((await checkout(user.email)).status).toBe(201);
    expect((await checkout(user.email)).status).toBe(429);
    expect(await intents()).toBe(before + 1);
    signInAs(null);
    expect((await checkout()).status).toBe(201);
  });
});
