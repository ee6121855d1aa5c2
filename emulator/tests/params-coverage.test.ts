// Every /v1 route accepts exactly the top-level parameters the pinned SDK documents for its
// endpoint, so a documented parameter cannot be answered `parameter_unknown` again unnoticed.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateParams } from "../conformance/generate-params.ts";
import { PARAM_ROUTES } from "../conformance/param-routes.ts";
import { README_MARKERS, unmodelledParamsMarkdown } from "../conformance/params-report.ts";
import { PARAMS_FILE } from "../conformance/paths.ts";
import { routeParams } from "../core/route-params.ts";
import { stripeJsExtras } from "../resources/intents.ts";
import { ROUTES } from "../router.ts";

// Sent by Stripe.js on publishable-key calls; Stripe accepts them without documenting them.
const UNDOCUMENTED_STRIPE_JS = new Set([...Object.keys(stripeJsExtras), "client_secret"]);
// Removed from the API before endive; the intents answer it with Stripe's
// `payment_method_types_no_longer_supported` instead of `parameter_unknown`.
const REMOVED_WITH_OWN_ERROR = new Set(["payment_method_types"]);

describe("request parameters", () => {
  const fresh = generateParams();

  it("core/stripe-params.json matches the pinned SDK (regenerate with conformance/generate-params.ts)", () => {
    expect(JSON.parse(readFileSync(PARAMS_FILE, "utf8"))).toEqual(JSON.parse(JSON.stringify(fresh)));
  });

  it("every /v1 route accepts every documented top-level parameter and nothing else", () => {
    const problems: string[] = [];
    const rows: string[] = [];
    let documentedTotal = 0;
    let acceptedTotal = 0;
    let modelledTotal = 0;
    for (const route of ROUTES) {
      if (!route.path.startsWith("/v1/")) continue;
      const key = `${route.method} ${route.path}`;
      const entry = fresh.routes[key];
      if (!PARAM_ROUTES[key] || !entry) {
        problems.push(`${key}: no SDK Params type mapped (conformance/param-routes.ts)`);
        continue;
      }
      const documented = Object.keys(fresh.shapes[entry.params].p);
      const accepted = Object.keys(routeParams(route.method, route.path, route.schema).schema);
      const missing = documented.filter((p) => !accepted.includes(p));
      const extra = accepted.filter((p) => !documented.includes(p) && !(route.publishable && UNDOCUMENTED_STRIPE_JS.has(p)) && !REMOVED_WITH_OWN_ERROR.has(p));
      if (missing.length) problems.push(`${key} (${entry.type}): missing ${missing.join(", ")}`);
      if (extra.length) problems.push(`${key} (${entry.type}): not documented ${extra.join(", ")}`);
      const modelled = documented.filter((p) => p in route.schema || p === "expand").length;
      documentedTotal += documented.length;
      acceptedTotal += documented.length - missing.length;
      modelledTotal += modelled;
      rows.push(`${key.padEnd(48)} ${String(documented.length - missing.length).padStart(3)}/${String(documented.length).padEnd(3)} modelled ${modelled}`);
    }
    console.log(
      `${rows.join("\n")}\naccepted ${acceptedTotal}/${documentedTotal} documented top-level parameters; modelled by the routes' own schemas: ${modelledTotal}`,
    );
    expect(problems).toEqual([]);
  });

  it("README.md lists the documented parameters each route accepts without modelling", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const [start, end] = README_MARKERS;
    const listed = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim();
    expect(listed, "regenerate with: npx tsx emulator/conformance/params-report.ts").toBe(unmodelledParamsMarkdown().trim());
  });

  it("every mapped route exists", () => {
    const routes = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    expect(Object.keys(PARAM_ROUTES).filter((k) => !routes.has(k))).toEqual([]);
  });
});
