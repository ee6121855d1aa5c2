// The build-output secret scan (scripts/scan-build-secrets.ts, run by
// `npm test` right after `next build`): a secret planted in a folder the
// browser could download is found, by its configured value or by its shape.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configuredSecrets, findSecrets } from "@/scripts/scan-build-secrets";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway stand-in for .next/static holding the given chunk files. */
function staticDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "payport-static-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const REAL = {
  STRIPE_SECRET_KEY: "sk_test_51PlantedSecretKey0000000000",
  STRIPE_PUBLISHABLE_KEY: "pk_test_51PlantedPublishable000000000",
  STRIPE_WEBHOOK_SECRET: "whsec_plantedwebhooksecret0000",
  NEXTAUTH_SECRET: "a-planted-nextauth-secret-of-32-chars!!",
  STRIPE_APP_SECRET: "absec_planted_app_secret_000",
  STRIPE_ACCOUNT_ID: "acct_planted",
};

describe("scan-build-secrets", () => {
  it("finds each configured secret by its value, wherever it sits, and names the variable (masked)", () => {
    const secrets = configuredSecrets(REAL);
    expect(secrets.map((s) => s.name).sort()).toEqual(["NEXTAUTH_SECRET", "STRIPE_APP_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]);
    const dir = staticDir({
      "chunks/app.js": `var a=1;const s=${JSON.stringify(REAL.NEXTAUTH_SECRET)};`,
      "media/deep/nested.css": `/* ${REAL.STRIPE_APP_SECRET} */`,
    });
    const leaks = findSecrets([dir], secrets);
    expect(leaks.map((l) => [path.relative(dir, l.file), l.what])).toEqual([
      [path.join("chunks", "app.js"), "NEXTAUTH_SECRET"],
      [path.join("media", "deep", "nested.css"), "STRIPE_APP_SECRET"],
    ]);
    for (const leak of leaks) expect(leak.sample).not.toContain(REAL.NEXTAUTH_SECRET);
  });

  it("finds anything shaped like a Stripe secret, configured or not: sk_test_/sk_live_, rk_, whsec_", () => {
    const dir = staticDir({
      "a.js": 'x="sk_live_51OtherAccountKey999"',
      "b.js": 'y="rk_test_51RestrictedKey12345"',
      "c.js": 'z="whsec_from_a_stripe_listen_run"',
    });
    expect(findSecrets([dir], []).map((l) => l.what).sort()).toEqual(["Stripe restricted key", "Stripe secret key", "Stripe webhook secret"]);
  });

  it("a clean build passes: publishable keys and Stripe's own words about secret keys are not secrets", () => {
    const dir = staticDir({
      "ok.js": `const pk=${JSON.stringify(REAL.STRIPE_PUBLISHABLE_KEY)};console.warn("Do not use your secret key (sk_) with Stripe.js");`,
    });
    expect(findSecrets([dir, path.join(dir, "missing")], configuredSecrets(REAL))).toEqual([]);
  });

  it("the command fails (exit 1) on a planted secret and passes on a clean folder", () => {
    const run = (dir: string) => {
      try {
        execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/scan-build-secrets.ts", dir], { env: { ...process.env, ...REAL }, stdio: "pipe" });
        return 0;
      } catch (error) {
        return (error as { status: number }).status;
      }
    };
    expect(run(staticDir({ "chunk.js": `k="${REAL.STRIPE_WEBHOOK_SECRET}"` }))).toBe(1);
    expect(run(staticDir({ "chunk.js": "k=1" }))).toBe(0);
  }, 30_000);
});
