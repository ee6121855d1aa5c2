// Every route handler under app/api, found on disk (a new route is fuzzed
// without touching the suite), with its dynamic segments and the methods it
// exports. A method or export the fuzzer cannot exercise is reported, and
// the suite fails on it rather than silently skipping the route.
import { readdirSync } from "node:fs";
import path from "node:path";

export type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export type Segment = { name: string; catchAll: boolean; optional: boolean };

/** Who proves the call: a session (most routes), the Stripe App's signature, Stripe's webhook signature, or next-auth itself. */
export type RouteKind = "session" | "stripe-app" | "webhook" | "next-auth";

export type DiscoveredRoute = {
  /** "app/api/admin/customers/[id]/route.ts" */
  file: string;
  /** "/api/admin/customers/[id]" */
  template: string;
  segments: Segment[];
  kind: RouteKind;
  methods: { method: string; handler: Handler }[];
};

export const FUZZABLE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
export const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Route segment config Next.js reads; not handlers.
const CONFIG_EXPORTS = new Set(["dynamic", "dynamicParams", "revalidate", "fetchCache", "runtime", "preferredRegion", "maxDuration"]);

export function routeFiles(root = "app/api"): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === "route.ts") found.push(path.join(entry.parentPath, entry.name));
  }
  return found.sort();
}

function kindOf(template: string): RouteKind {
  if (template.startsWith("/api/stripe-app/")) return "stripe-app";
  if (template === "/api/webhooks/stripe") return "webhook";
  if (template.startsWith("/api/auth/[...")) return "next-auth";
  return "session";
}

export async function discoverRoutes(): Promise<{ routes: DiscoveredRoute[]; problems: string[] }> {
  const routes: DiscoveredRoute[] = [];
  const problems: string[] = [];
  for (const file of routeFiles()) {
    const template = "/" + path.dirname(file).split(path.sep).slice(1).join("/");
    const segments: Segment[] = [];
    for (const part of template.split("/")) {
      const m = /^\[(\[)?(\.\.\.)?([^\]]+)\]?\]$/.exec(part);
      if (m) segments.push({ name: m[3], catchAll: Boolean(m[2]), optional: Boolean(m[1]) });
    }
    const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    const methods: DiscoveredRoute["methods"] = [];
    for (const [name, value] of Object.entries(mod)) {
      if (FUZZABLE_METHODS.includes(name) && typeof value === "function") methods.push({ method: name, handler: value as Handler });
      else if (!CONFIG_EXPORTS.has(name)) problems.push(`${file} exports ${name}, which the fuzzer cannot exercise`);
    }
    if (methods.length === 0) problems.push(`${file} exports no HTTP method`);
    routes.push({ file, template, segments, kind: kindOf(template), methods });
  }
  return { routes, problems };
}

/** The URL path for these segment values (what Next would have decoded them from). */
export function urlPath(template: string, params: Record<string, string | string[]>): string {
  const encode = (value: string) => {
    try {
      return encodeURIComponent(value);
    } catch {
      return "bad-segment"; // a lone surrogate has no URL spelling; the handler still gets it in params
    }
  };
  return template.replace(/\[\[?(?:\.\.\.)?([^\]]+)\]?\]/g, (_all, name: string) => {
    const value = params[name];
    return Array.isArray(value) ? value.map(encode).join("/") : encode(value ?? "");
  });
}
