// STRIPE_APP_SECRET / STRIPE_APP_SECRET_PREVIOUS / STRIPE_ACCOUNT_ID /
// STRIPE_APP_ALLOWED_ROLES: local-mode defaults, and no public default once
// real Stripe keys are set.
import { describe, expect, it } from "vitest";
import { POST as customerRoute } from "@/app/api/stripe-app/customer/route";
import { EnvError, parseStripeAppEnv } from "@/lib/env";
import { signedAppRequest, useStripeAppEnv } from "./helpers";

const real = { STRIPE_SECRET_KEY: "sk_test_abc123" };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseStripeAppEnv(env);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected parseStripeAppEnv to throw");
}

describe("parseStripeAppEnv", () => {
  it("local mode (no keys) uses the documented local secret and account", () => {
    expect(parseStripeAppEnv({})).toEqual({ configured: true, secrets: ["absec_local_payport"], accountId: "acct_local_payport", allowedRoles: null });
  });

  it("during a rotation both secrets are accepted, the current one first", () => {
    expect(parseStripeAppEnv({ ...real, STRIPE_APP_SECRET: "absec_new", STRIPE_APP_SECRET_PREVIOUS: "absec_old", STRIPE_ACCOUNT_ID: "acct_1Abc" })).toMatchObject({
      configured: true,
      secrets: ["absec_new", "absec_old"],
      accountId: "acct_1Abc",
    });
  });

  it("with real keys and no app secret the backend is off, saying what to set", () => {
    expect(parseStripeAppEnv(real)).toEqual({ configured: false, reason: "The Stripe App backend is not configured: set STRIPE_APP_SECRET and STRIPE_ACCOUNT_ID." });
  });

  it("refuses the public local secret with real keys", () => {
    expect(problemsOf({ ...real, STRIPE_APP_SECRET: "absec_local_payport", STRIPE_ACCOUNT_ID: "acct_1" })[0]).toMatch(/public local-mode default/);
  });

  it("refuses an API key in the secret slot", () => {
    expect(problemsOf({ STRIPE_APP_SECRET: "sk_test_oops" })[0]).toMatch(/STRIPE_APP_SECRET holds an API key/);
  });

  it("refuses a malformed account id", () => {
    expect(problemsOf({ STRIPE_ACCOUNT_ID: "1234" })[0]).toMatch(/STRIPE_ACCOUNT_ID must be a Stripe account id/);
  });

  it("refuses a previous secret without a current one (real keys)", () => {
    expect(problemsOf({ ...real, STRIPE_APP_SECRET_PREVIOUS: "absec_old", STRIPE_ACCOUNT_ID: "acct_1" })[0]).toMatch(/without STRIPE_APP_SECRET/);
  });

  it("reads the allowed roles as a trimmed list", () => {
    expect(parseStripeAppEnv({ STRIPE_APP_ALLOWED_ROLES: " admin, support_specialist ,," })).toMatchObject({ allowedRoles: ["admin", "support_specialist"] });
  });

  it("an unconfigured backend answers 503 with the reason, before reading the request", async () => {
    useStripeAppEnv({ ...real, STRIPE_PUBLISHABLE_KEY: "pk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc" });
    try {
      const res = await customerRoute(signedAppRequest("customer", { customer_id: "cus_1" }));
      expect(res.status).toBe(503);
      expect((await res.json()).error.message).toMatch(/set STRIPE_APP_SECRET and STRIPE_ACCOUNT_ID/);
    } finally {
      useStripeAppEnv();
    }
  });
});
