// The one wrapper of every route handler under app/api: who may call (auth),
// what they sent (params, query, body, checked by zod), then the handler; its
// data is answered as JSON, its errors as `{ error: { message, field? } }`.
//
//   export const GET = route({ name: "GET /api/admin/payments", auth: "admin", query: withCursor(paymentFiltersSchema) },
//     async ({ query: { cursor, ...filters } }) => listPayments(filters, cursor ?? null));
//
// A handler returns data (JSON 200), `created(data)` / `withStatus(status, data)`,
// or its own Response (CSV, server-sent events), which is passed on untouched.
import Stripe from "stripe";
import { z } from "zod";
import { getCurrentUser, requireAdmin, requireUser } from "@/lib/auth/session";
import type { AccountUser } from "@/lib/auth/users";
import { errorResponse, HttpError, jsonError, parseInput, readJsonBody } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/query";
import { authenticateStripeAppRequest, type StripeAppCaller } from "@/lib/stripe-app/authenticate";
import { stripeAppPreflight, withStripeAppCors } from "@/lib/stripe-app/cors";

/**
 * public: anyone. optional-user: anyone, with the signed-in user if there is one.
 * user: signed in, else 401. admin: 401 visitor, 403 customer (no data either way).
 * stripe-app: a Stripe-Signature from our Dashboard app (bad signature 401, another account 403),
 * CORS on every answer; the signed body minus its envelope is what `body` validates.
 */
export type Auth = "public" | "optional-user" | "user" | "admin" | "stripe-app";

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
  /** stripe-app: the route changes data, so view-only Dashboard roles are refused. */
  writes?: boolean;
};

export type RouteInput<A extends Auth, B extends BodySpec, Q extends z.ZodObject | undefined, P extends z.ZodType | undefined> = {
  request: Request;
  user: A extends "user" | "admin" ? AccountUser : A extends "optional-user" ? AccountUser | null : null;
  caller: A extends "stripe-app" ? StripeAppCaller : null;
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

// The fulfilment service names fields as the admin area spells them; the Stripe app's API spells them its own way.
const STRIPE_APP_FIELDS: Record<string, string> = { orderId: "order_id", trackingNumber: "tracking_number", stripeCustomerId: "customer_id" };

export function route<A extends Auth, B extends BodySpec = undefined, Q extends z.ZodObject | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<A, B, Q, P>,
  handler: (input: RouteInput<A, B, Q, P>) => Promise<unknown>,
): (request: Request, context?: RouteContext) => Promise<Response> {
  const finish = spec.auth === "stripe-app" ? withStripeAppCors : (response: Response) => response;
  return async (request, context) => {
    try {
      let user: AccountUser | null = null;
      let caller: StripeAppCaller | null = null;
      let signedInput: unknown;
      if (spec.auth === "user") user = await requireUser(request);
      else if (spec.auth === "admin") user = await requireAdmin(request);
      else if (spec.auth === "optional-user") user = await getCurrentUser(request);
      else if (spec.auth === "stripe-app") ({ caller, input: signedInput } = await authenticateStripeAppRequest(request, { writes: spec.writes ?? false }));

      const params = spec.params ? parseInput(spec.params, (await context?.params) ?? {}) : undefined;
      const query = spec.query ? parseQuery(spec.query, new URL(request.url).searchParams) : undefined;
      const rawBody = spec.body === "raw" ? await request.text() : undefined;
      const body = spec.body && spec.body !== "raw" ? parseInput(spec.body, spec.auth === "stripe-app" ? signedInput : await readJsonBody(request)) : undefined;

      const result = await handler({ request, user, caller, params, query, body, rawBody } as RouteInput<A, B, Q, P>);
      if (result instanceof Response) return finish(result);
      const reply = result instanceof Reply ? result : new Reply(200, result);
      return finish(Response.json(reply.data, { status: reply.status, headers: NO_STORE }));
    } catch (error) {
      return finish(errorAnswer(error, spec));
    }
  };
}

function errorAnswer(error: unknown, spec: { name: string; auth: Auth }): Response {
  // Stripe's refusal of the caller's own request (a declined card, a bad parameter) is theirs to fix, in Stripe's words.
  if (error instanceof Stripe.errors.StripeCardError) return jsonError(402, error.message);
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400) return jsonError(400, error.message);
  if (spec.auth === "stripe-app" && error instanceof HttpError && error.field && STRIPE_APP_FIELDS[error.field]) {
    return jsonError(error.status, error.message, STRIPE_APP_FIELDS[error.field]);
  }
  return errorResponse(error, spec.name);
}

/** The OPTIONS export of a stripe-app route: the CORS preflight of the Dashboard extension. */
export const stripeAppOptions = async (): Promise<Response> => stripeAppPreflight();
