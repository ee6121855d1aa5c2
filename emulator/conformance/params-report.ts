// The documented parameters each route accepts without modelling them: stored on the object
// (they round-trip) or accepted and ignored. README.md carries this list between its
// `params-differences` markers; tests/params-coverage.test.ts keeps it current. Print it with
//   npx tsx emulator/conformance/params-report.ts
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Schema, Spec } from "../core/params.ts";
import { routeParams } from "../core/route-params.ts";
import { ROUTES } from "../router.ts";
import { PARAMS_FILE } from "./paths.ts";
import type { StripeParams } from "./generate-params.ts";

export const README_MARKERS = ["<!-- params-differences:start -->", "<!-- params-differences:end -->"] as const;

export function unmodelledParamsMarkdown(): string {
  const file = JSON.parse(readFileSync(PARAMS_FILE, "utf8")) as StripeParams;
  const lines: string[] = [];
  const code = (names: string[]) => names.map((n) => `\`${n}\``).join(", ");
  for (const route of ROUTES) {
    const entry = file.routes[`${route.method} ${route.path}`];
    if (!entry) continue;
    const { stored, documented } = routeParams(route.method, route.path, route.schema);
    const unmodelled = Object.keys(file.shapes[entry.params].p).filter((p) => !(p in route.schema) && p !== "expand");
    const narrowed = narrowedEnums(documented, route.schema, "");
    if (!unmodelled.length && !narrowed.length) continue;
    const kept = unmodelled.filter((p) => p in stored);
    const ignored = unmodelled.filter((p) => !(p in stored));
    const parts = [
      kept.length && `stored ${code(kept)}`,
      ignored.length && `ignored ${code(ignored)}`,
      narrowed.length && `only ${narrowed.join(", ")}`,
    ].filter(Boolean);
    lines.push(`  - \`${route.method} ${route.path}\`: ${parts.join("; ")}`);
  }
  return lines.join("\n");
}

/** Enum parameters whose route accepts fewer values than Stripe documents (the values it models). */
function narrowedEnums(documented: Schema, own: Schema, prefix: string): string[] {
  const out: string[] = [];
  for (const [name, spec] of Object.entries(own)) {
    let doc: Spec | undefined = documented[name];
    if (doc?.kind === "union") doc = doc.of.find((s) => s.kind === spec.kind) ?? doc;
    if (doc?.kind === "array" && spec.kind === "array") [doc, ] = [doc.of];
    const mine = spec.kind === "array" ? spec.of : spec;
    const path = prefix ? `${prefix}[${name}]` : name;
    if (mine.kind === "enum" && doc?.kind === "enum" && doc.values.some((v) => !mine.values.includes(v)))
      out.push(`\`${path}\` ${mine.values.map((v) => `\`${v}\``).join("/")}`);
    if (mine.kind === "object" && doc?.kind === "object") out.push(...narrowedEnums(doc.props, mine.props, path));
  }
  return out;
}

// Run directly, it rewrites the list in README.md between the markers.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const readmePath = new URL("../README.md", import.meta.url);
  const readme = readFileSync(readmePath, "utf8");
  const [start, end] = README_MARKERS;
  const from = readme.indexOf(start) + start.length;
  writeFileSync(readmePath, `${readme.slice(0, from)}\n${unmodelledParamsMarkdown()}\n${readme.slice(readme.indexOf(end))}`);
  console.log("README.md: unmodelled parameters list updated");
}
