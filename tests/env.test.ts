import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseEnv(env);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected parseEnv to throw");
}

const realTest = { STRIPE_SECRET_KEY: "sk_test_abc123", STRIPE_PUBLISHABLE_KEY: "pk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc" };

describe("parseEnv", () => {
  it("with no Stripe keys runs in local mode on the documented defaults", () => {
    expect(parseEnv({})).toEqual({
      mode: "local",
      stripeSecretKey: "sk_test_emulator",
      stripePublishableKey: "pk_test_emulator",
      stripeWebhookSecret: "whsec_payport_local_emulator",
      stripeEmulatorUrl: "http://127.0.0.1:12111",
      appUrl: "http://localhost:3000",
      databaseUrl: "file:./prisma/dev.db",
    });
  });

  it("treats blank variables as unset", () => {
    expect(parseEnv({ STRIPE_SECRET_KEY: "", STRIPE_PUBLISHABLE_KEY: " ", APP_URL: "" }).mode).toBe("local");
  });

  it("local mode honours the emulator URL, app URL and database URL (trailing slashes trimmed)", () => {
    const env = parseEnv({ STRIPE_EMULATOR_URL: "http://127.0.0.1:4000/", APP_URL: "https://shop.example/", DATABASE_URL: "postgresql://u@h/db" });
    expect(env.stripeEmulatorUrl).toBe("http://127.0.0.1:4000");
    expect(env.appUrl).toBe("https://shop.example");
    expect(env.databaseUrl).toBe("postgresql://u@h/db");
  });

  it("with matching test keys and a webhook secret uses real Stripe in test mode", () => {
    expect(parseEnv(realTest)).toMatchObject({ mode: "test", stripeEmulatorUrl: null, stripeSecretKey: "sk_test_abc123", stripeWebhookSecret: "whsec_abc" });
  });

  it("accepts live keys and restricted keys", () => {
    expect(parseEnv({ STRIPE_SECRET_KEY: "rk_live_x", STRIPE_PUBLISHABLE_KEY: "pk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_x" }).mode).toBe("live");
  });

  it("accepts restricted test keys with a test publishable key", () => {
    expect(parseEnv({ ...realTest, STRIPE_SECRET_KEY: "rk_test_51Abc" })).toMatchObject({ mode: "test", stripeSecretKey: "rk_test_51Abc", stripeEmulatorUrl: null });
    expect(problemsOf({ ...realTest, STRIPE_SECRET_KEY: "rk_live_51Abc" })[0]).toMatch(/live key but STRIPE_PUBLISHABLE_KEY is a test key/);
  });

  it.each(["sk_test_emulator", "rk_test_emulator", "rk_test_emulator_4fQx9LmZp2"])("the emulator's own key %s stays in local mode, on the emulator", (key) => {
    expect(parseEnv({ STRIPE_SECRET_KEY: key, STRIPE_EMULATOR_URL: "http://127.0.0.1:4000" })).toEqual({
      mode: "local",
      stripeSecretKey: key,
      stripePublishableKey: "pk_test_emulator",
      stripeWebhookSecret: "whsec_payport_local_emulator",
      stripeEmulatorUrl: "http://127.0.0.1:4000",
      appUrl: "http://localhost:3000",
      databaseUrl: "file:./prisma/dev.db",
    });
  });

  it("an emulator key with a real publishable key is refused, naming both", () => {
    expect(problemsOf({ STRIPE_SECRET_KEY: "rk_test_emulator_abc", STRIPE_PUBLISHABLE_KEY: "pk_test_abc" })[0]).toMatch(/emulator key \(local mode\) but STRIPE_PUBLISHABLE_KEY/);
  });

  it("rejects a test secret key with a live publishable key, naming both modes", () => {
    const problems = problemsOf({ ...realTest, STRIPE_PUBLISHABLE_KEY: "pk_live_abc" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/different modes.*test.*live/);
  });

  it("rejects a live secret key with a test publishable key", () => {
    expect(problemsOf({ ...realTest, STRIPE_SECRET_KEY: "sk_live_abc" })[0]).toMatch(/live key but STRIPE_PUBLISHABLE_KEY is a test key/);
  });

  it("requires STRIPE_WEBHOOK_SECRET with real keys and says where to get it", () => {
    const problems = problemsOf({ ...realTest, STRIPE_WEBHOOK_SECRET: undefined });
    expect(problems).toEqual([expect.stringMatching(/STRIPE_WEBHOOK_SECRET is required.*stripe listen/)]);
  });

  it("rejects a webhook secret that is not a whsec_ value", () => {
    expect(problemsOf({ ...realTest, STRIPE_WEBHOOK_SECRET: "sk_test_oops" })[0]).toMatch(/whsec_/);
  });

  it("rejects a publishable key in the secret slot", () => {
    expect(problemsOf({ ...realTest, STRIPE_SECRET_KEY: "pk_test_abc" })).toContainEqual(expect.stringMatching(/STRIPE_SECRET_KEY holds a publishable key/));
  });

  it("rejects a secret key in the publishable slot (it would reach browsers)", () => {
    expect(problemsOf({ ...realTest, STRIPE_PUBLISHABLE_KEY: "sk_test_abc" })).toContainEqual(
      expect.stringMatching(/STRIPE_PUBLISHABLE_KEY holds a secret key/),
    );
  });

  it("requires a publishable key with a real secret key", () => {
    expect(problemsOf({ ...realTest, STRIPE_PUBLISHABLE_KEY: undefined })[0]).toMatch(/STRIPE_PUBLISHABLE_KEY is required/);
  });

  it("rejects a malformed secret key", () => {
    expect(problemsOf({ ...realTest, STRIPE_SECRET_KEY: "hunter2" })[0]).toMatch(/must start with sk_test_/);
  });

  it("rejects a publishable key without a secret key instead of silently using the emulator", () => {
    expect(problemsOf({ STRIPE_PUBLISHABLE_KEY: "pk_test_abc" })[0]).toMatch(/STRIPE_SECRET_KEY is not/);
  });

  it("reports every problem at once", () => {
    expect(problemsOf({ STRIPE_SECRET_KEY: "pk_live_a", STRIPE_PUBLISHABLE_KEY: "sk_test_b" }).length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ["APP_URL", "localhost:3000"],
    ["APP_URL", "ftp://example.com"],
    ["STRIPE_EMULATOR_URL", "not a url"],
    ["DATABASE_URL", "mysql://localhost/db"],
  ])("rejects malformed %s=%s", (name, value) => {
    expect(problemsOf({ [name]: value })[0]).toMatch(new RegExp(name));
  });

  it("the error message lists the problems for the start-up log", () => {
    expect(() => parseEnv({ ...realTest, STRIPE_WEBHOOK_SECRET: undefined })).toThrow(/Invalid Payport configuration:\n {2}- STRIPE_WEBHOOK_SECRET/);
  });
});
