// The one wrapper of every route handler under app/api: who may call (auth),
// what they sent (params, query, body, checked by zod), then the handler; its
// data is answered as JSON, its errors as `{ error: { message, field? } }`.
//
//   export const GET = route({ name: "GET /api/admin/payments", auth: "admin", query: withCursor(paymentFiltersSchema) },
//     async ({ query: { cursor, ...filters } }) => listPayments(filters, cursor ?? null));
//
// A handler returns data (JSON 200), `created(data)` / `withStatus(status, data)`,
// or its own Response (CSV, server-sent events), which is passed on untouched.
// `limit` names the route's rate limit (lib/http/rate-limits.ts): spent once the
// caller is known and before anything is read or changed; spent out -> 429.
import Stripe from "stripe";
import { z } from "zod";
import { getCurrentUser, requireAdmin, requireUser } from "@/lib/auth/session";
import type { AccountUser } from "@/lib/auth/users";
import { HttpError, parseInput } from "@/lib/errors";
import { errorResponse, jsonError, readJsonBody } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/query";
import { log } from "@/lib/observability/log";
import { withRequestContext } from "@/lib/observability/request-context";
import { getRateLimits, requestLimitKeys } from "@/lib/http/rate-limiter";
import type { RouteLimitName } from "@/lib/http/rate-limits";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { getEnv } from "@/lib/env";
import { permissionLabel, permissionNamedIn, permissionSlug } from "@/lib/stripe/permissions";
import { isStripePermissionError } from "@/lib/stripe/types";

/**
 * A caller proven by the request itself rather than a Payport session (the
 * Stripe App's signed requests: lib/stripe-app/authenticate). It yields the
 * caller and the signed input that `body` validates, and shapes every answer,
 * errors included (CORS).
 */
export type CallerAuth<C> = {
  authenticate(request: Request, options: { writes: boolean }): Promise<{ caller: C; input: unknown }>;
  finish(response: Response): Response;
  /** The services' field names as this API spells them. */
  fieldNames?: Record<string, string>;
  /** Who the caller is for per-caller rate limits. */
  rateLimitKey?(caller: C): string;
  /**
   * For a route that writes: runs its handler (once the input is valid) as the
   * one use of this request, refusing a replay (the Stripe App's signatures).
   */
  once?<T>(caller: C, run: () => Promise<T>): Promise<T>;
};

/**
 * public: anyone. optional-user: anyone, with the signed-in user if there is one.
 * user: signed in, else 401. admin: 401 visitor, 403 customer (no data either way).
 * A CallerAuth: whatever it proves (401/403 otherwise).
 * user, admin and optional-user also refuse a POST/PUT/PATCH/DELETE sent from
 * another website's page (403, lib/http/same-origin), before anything else.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Auth = "public" | "optional-user" | "user" | "admin" | CallerAuth<any>;

/** A JSON body validated by a zod schema, or "raw": the text as sent (signature checks). */
type BodySpec = z.ZodType | "raw" | undefined;

export type RouteSpec<A extends Auth, B extends BodySpec, Q extends z.ZodObject | undefined, P extends z.ZodType | undefined> = {
  /** "METHOD /path", the context of logged errors. */
  name: string;
  auth: A;
  body?: B;
  /** The query string as an object; empty values are no filter. */
  query?: Q;
  /** The route's dynamic segments. */
  params?: P;
  /** With a CallerAuth: the route changes data (the Stripe App refuses view-only Dashboard roles). */
  writes?: boolean;
  /** The rate limit this route spends a point of (per IP, user, caller or key, as the limit says). */
  limit?: RouteLimitName;
};

export type RouteInput<A extends Auth, B extends BodySpec, Q extends z.ZodObject | undefined, P extends z.ZodType | undefined> = {
  request: Request;
  user: A extends "user" | "admin" ? AccountUser : A extends "optional-user" ? AccountUser | null : null;
  caller: A extends CallerAuth<infer C> ? C : null;
  body: B extends z.ZodType ? z.output<B> : undefined;
  rawBody: B extends "raw" ? string : undefined;
  query: Q extends z.ZodObject ? z.output<Q> : undefined;
  params: P extends z.ZodType ? z.output<P> : undefined;
};

type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

/** The `[id]` segment of a route. */
export const idParams = z.object({ id: z.string().min(1) });

class Reply {
  constructor(
    readonly status: number,
    readonly data: unknown,
  ) {}
}

export const withStatus = (status: number, data: unknown): Reply => new Reply(status, data);
export const created = (data: unknown): Reply => new Reply(201, data);

/** The value, or a 404 with this message when there is none. */
export function found<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) throw new HttpError(404, message);
  return value;
}

const NO_STORE = { "cache-control": "no-store" };

export function route<A extends Auth, B extends BodySpec = undefined, Q extends z.ZodObject | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<A, B, Q, P>,
  handler: (input: RouteInput<A, B, Q, P>) => Promise<unknown>,
): (request: Request, context?: RouteContext) => Promise<Response> {
  const callerAuth = typeof spec.auth === "object" ? spec.auth : null;
  const finish = callerAuth ? (response: Response) => callerAuth.finish(response) : (response: Response) => response;
  // Each request gets an id (x-request-id in and out) that every log line it causes carries.
  return (request, context) =>
    withRequestContext(request, async () => {
      const started = Date.now();
      const response = await handle(request, context);
      log.debug("request", { route: spec.name, status: response.status, ms: Date.now() - started });
      return response;
    });
  async function handle(request: Request, context?: RouteContext): Promise<Response> {
    try {
      let user: AccountUser | null = null;
      let caller: unknown = null;
      let signedInput: unknown;
      // Session-cookie callers only: signed callers (Stripe App, webhooks) and public routes carry no cookie authority to forge.
      if (spec.auth === "user" || spec.auth === "admin" || spec.auth === "optional-user") assertSameOrigin(request, getEnv().appUrl);
      if (spec.auth === "user") user = await requireUser(request);
      else if (spec.auth === "admin") user = await requireAdmin(request);
      else if (spec.auth === "optional-user") user = await getCurrentUser(request);
      else if (callerAuth) ({ caller, input: signedInput } = await callerAuth.authenticate(request, { writes: spec.writes ?? false }));
      if (spec.limit) {
        const limits = getRateLimits();
        const callerKey = callerAuth && caller ? (callerAuth.rateLimitKey?.(caller) ?? null) : null;
        await limits.enforce(spec.limit, requestLimitKeys(request, limits, { userId: user?.id, caller: callerKey }));
      }

      const params = spec.params ? parseInput(spec.params, (await context?.params) ?? {}) : undefined;
      const query = spec.query ? parseQuery(spec.query, new URL(request.url).searchParams) : undefined;
      const rawBody = spec.body === "raw" ? await request.text() : undefined;
      const body = spec.body && spec.body !== "raw" ? parseInput(spec.body, callerAuth ? signedInput : await readJsonBody(request)) : undefined;

      const run = () => handler({ request, user, caller, params, query, body, rawBody } as RouteInput<A, B, Q, P>);
      const result = callerAuth?.once && spec.writes ? await callerAuth.once(caller, run) : await run();
      if (result instanceof Response) return finish(result);
      const reply = result instanceof Reply ? result : new Reply(200, result);
      return finish(Response.json(reply.data, { status: reply.status, headers: NO_STORE }));
    } catch (error) {
      return finish(errorAnswer(error, spec.name, callerAuth?.fieldNames));
    }
  }
}

function errorAnswer(error: unknown, name: string, fieldNames: Record<string, string> = {}): Response {
  if (isStripePermissionError(error)) return missingPermissionAnswer(error, name);
  // Stripe's refusal of the caller's own request (a declined card, a bad parameter) is theirs to fix, in Stripe's words.
  if (error instanceof Stripe.errors.StripeCardError) return jsonError(402, error.message);
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400) return jsonError(400, error.message);
  if (error instanceof HttpError && error.field && fieldNames[error.field]) return jsonError(error.status, error.message, fieldNames[error.field]);
  return errorResponse(error, name);
}


/**
 * Our Stripe key lacks a permission (a restricted key): a server-side configuration problem,
 * answered 500 naming the permission so an administrator knows what to add, and logged as such.
 */
function missingPermissionAnswer(error: Stripe.errors.StripePermissionError, name: string): Response {
  const permission = permissionNamedIn(error.message);
  const fields = { route: name, stripeRequestId: error.requestId ?? null, stripeMessage: error.message };
  if (!permission) {
    log.error("stripe: the API key was refused this request (403)", fields);
    return jsonError(500, "Payport's Stripe API key is not allowed to make this request. An administrator must check the key's permissions in the Stripe Dashboard (Developers → API keys).");
  }
  const label = permissionLabel(permission);
  const slug = permissionSlug(permission);
  log.error(`stripe: the API key lacks the "${label}" permission (${slug})`, { ...fields, permission: slug, needed: label });
  return jsonError(
    500,
    `Payport's Stripe API key lacks the "${label}" permission (${slug}). An administrator must add it to the restricted key in the Stripe Dashboard (Developers → API keys).`,
  );
}
