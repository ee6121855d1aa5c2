import { describe, expect, it } from "vitest";
import { EnvError, LOCAL_NEXTAUTH_SECRET, parseAuthEnv } from "@/lib/env";

const realKeys = { STRIPE_SECRET_KEY: "sk_test_abc123", STRIPE_PUBLISHABLE_KEY: "pk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc" };
const strongSecret = "k3Jd9Qm2Lx8Vb7Np4Rt6Ws1Yz5Ac0Ef2Gh";

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseAuthEnv(env);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected parseAuthEnv to throw");
}

describe("parseAuthEnv", () => {
  it("local mode: the documented default secret, NEXTAUTH_URL defaults to APP_URL, GitHub off", () => {
    expect(parseAuthEnv({})).toEqual({ secret: LOCAL_NEXTAUTH_SECRET, url: "http://localhost:3000", github: null });
    expect(parseAuthEnv({ APP_URL: "http://127.0.0.1:3199/" }).url).toBe("http://127.0.0.1:3199");
  });

  it("real Stripe keys require a NEXTAUTH_SECRET of our own, at least 32 characters", () => {
    expect(problemsOf(realKeys)).toEqual([expect.stringMatching(/NEXTAUTH_SECRET is required with real Stripe keys.*openssl rand/)]);
    expect(problemsOf({ ...realKeys, NEXTAUTH_SECRET: LOCAL_NEXTAUTH_SECRET })[0]).toMatch(/public local-mode default/);
    expect(problemsOf({ ...realKeys, NEXTAUTH_SECRET: "short" })[0]).toMatch(/at least 32 characters/);
    expect(parseAuthEnv({ ...realKeys, NEXTAUTH_SECRET: strongSecret }).secret).toBe(strongSecret);
  });

  it("NEXTAUTH_URL must be an http(s) URL and wins over APP_URL", () => {
    expect(parseAuthEnv({ APP_URL: "http://localhost:3000", NEXTAUTH_URL: "https://shop.example/" }).url).toBe("https://shop.example");
    expect(problemsOf({ NEXTAUTH_URL: "shop.example" })[0]).toMatch(/NEXTAUTH_URL must be an http\(s\) URL/);
  });

  it("GitHub sign-in needs both GITHUB_ID and GITHUB_SECRET", () => {
    expect(parseAuthEnv({ GITHUB_ID: "id", GITHUB_SECRET: "secret" }).github).toEqual({ clientId: "id", clientSecret: "secret" });
    expect(problemsOf({ GITHUB_ID: "id" })[0]).toMatch(/GITHUB_ID and GITHUB_SECRET/);
    expect(parseAuthEnv({ GITHUB_ID: "", GITHUB_SECRET: " " }).github).toBeNull();
  });
});
