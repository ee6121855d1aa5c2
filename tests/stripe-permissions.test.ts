// The permission table (lib/stripe/permissions.ts) against the code: every Stripe call made under
// lib/, app/ and scripts/ is granted by the feature owning its file, the README shows the table,
// the start-up check can probe every permission, and the emulator names them the same way.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { RESTRICTED_KEY_RESOURCES } from "@/emulator/core/permissions";
import { probeFor } from "@/lib/stripe/permission-check";
import Stripe from "stripe";
import { FEATURES, featureOwning, grants, missingPermissionFields, permissionForCall, permissionNamedIn, permissionSlug, requiredPermissions, STRIPE_RESOURCES, type Feature } from "@/lib/stripe/permissions";
import { withPermissionsTable } from "@/scripts/stripe-permissions";

const ROOT = join(__dirname, "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) {
      if (path !== "lib/generated") out.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

// `stripe.<resource>.<method>(` or `getStripe().<resource>.<method>(`, across line breaks.
const CALL = /(?:\bstripe|getStripe\(\))\s*((?:\.\s*[A-Za-z]+\s*)+)\(/g;

function stripeCalls(): { file: string; call: string }[] {
  const calls: { file: string; call: string }[] = [];
  for (const file of [...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("scripts"), "instrumentation.ts"]) {
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const m of text.matchAll(CALL)) calls.push({ file: relative(".", file), call: m[1].replace(/\s+/g, "").slice(1) });
  }
  return calls;
}

describe("Stripe permissions", () => {
  const calls = stripeCalls();

  it("the scan finds the app's Stripe calls", () => {
    expect(calls.length).toBeGreaterThan(60);
    expect(calls).toContainEqual({ file: "lib/refunds/actions.ts", call: "refunds.create" });
    expect(calls).toContainEqual({ file: "lib/usage/actions.ts", call: "billing.meters.listEventSummaries" });
  });

  it("every Stripe call is granted by the feature that owns its file", () => {
    const problems: string[] = [];
    for (const { file, call } of calls) {
      const needed = permissionForCall(call);
      if (needed === "none") continue;
      if (!needed) {
        problems.push(`${file}: stripe.${call}() — its SDK namespace has no row in SDK_NAMESPACES (lib/stripe/permissions.ts)`);
        continue;
      }
      const owner = featureOwning(file);
      if (!owner) {
        problems.push(`${file}: stripe.${call}() needs ${permissionSlug(needed)} but no feature in lib/stripe/permissions.ts lists this file among its sources`);
        continue;
      }
      const feature: Feature = FEATURES[owner];
      if (!grants(feature.permissions[needed.resource], needed.access))
        problems.push(`${file}: stripe.${call}() needs ${permissionSlug(needed)}, which feature "${owner}" does not grant`);
    }
    expect(problems).toEqual([]);
  });

  it("maps SDK calls to Stripe's permissions", () => {
    expect(permissionForCall("paymentIntents.create")).toEqual({ resource: "payment_intent", access: "write" });
    expect(permissionForCall("customers.listPaymentMethods")).toEqual({ resource: "payment_method", access: "read" });
    expect(permissionForCall("billing.meters.listEventSummaries")).toEqual({ resource: "billing_meter", access: "read" });
    expect(permissionForCall("invoices.createPreview")).toEqual({ resource: "invoice", access: "write" });
    expect(permissionForCall("prices.list")).toEqual({ resource: "plan", access: "read" });
    expect(permissionForCall("webhooks.constructEvent")).toBe("none");
    expect(permissionForCall("issuing.cards.create")).toBeNull();
  });

  it("each feature names only code that exists and grants only what its code calls", () => {
    const files = new Set([...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("scripts")]);
    for (const [name, feature] of Object.entries(FEATURES) as [string, Feature][]) {
      for (const source of feature.sources) expect(source.endsWith("/") ? [...files].some((f) => f.startsWith(source)) : files.has(source), `${name}: ${source}`).toBe(true);
      const used = calls
        .filter(({ file }) => featureOwning(file) === name)
        .map(({ call }) => permissionForCall(call))
        .filter((p) => p !== null && p !== "none");
      for (const [resource, access] of Object.entries(feature.permissions)) {
        expect(used.some((p) => p.resource === resource && (access === "read" || p.access === "write")), `${name} grants ${resource}: ${access} but its code never needs it`).toBe(true);
      }
    }
  });

  it("the start-up check has a probe for every permission it requires", () => {
    for (const mode of ["test", "live"] as const) for (const permission of requiredPermissions(mode)) expect(() => probeFor(permission)).not.toThrow();
    expect(requiredPermissions("live").map((p) => p.resource)).not.toContain("test_clock");
    expect(requiredPermissions("test").find((p) => p.resource === "subscription")).toMatchObject({ access: "write", features: ["subscriptions", "usage", "reconcile", "stripeApp"] });
  });

  it("names resources as the emulator does, and reads them back from Stripe's message", () => {
    for (const [resource, label] of Object.entries(STRIPE_RESOURCES)) expect(RESTRICTED_KEY_RESOURCES[resource as keyof typeof RESTRICTED_KEY_RESOURCES], resource).toBe(label);
    expect(
      permissionNamedIn("The provided key 'rk_test_***abcdef' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_payment_intent_write' permission would allow this request to continue."),
    ).toEqual({ resource: "payment_intent", access: "write" });
    expect(permissionNamedIn("Having the 'rak_issuing_card_write' permission would allow this request to continue.")).toBeNull();
    const refused = Stripe.errors.StripeError.generate({ type: "invalid_request_error", statusCode: 403, message: "Having the 'rak_refund_write' permission would allow this request to continue." } as never);
    expect(refused).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(missingPermissionFields(refused)).toEqual({ missingPermission: "Refunds: Write (rak_refund_write)" });
    expect(missingPermissionFields(new Error("boom"))).toEqual({});
  });

  it("the README shows the current table (npx tsx scripts/stripe-permissions.ts --write-readme)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(withPermissionsTable(readme) === readme, "README.md's permissions table is stale: run npx tsx scripts/stripe-permissions.ts --write-readme").toBe(true);
  });
});
