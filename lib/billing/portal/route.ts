// Every portal route handler: the signed-in user first (401 otherwise), then
// the body; HttpErrors become `{ error: { message, field? } }`, and Stripe's
// refusals of the customer's own request (a declined card…) become a 402/400
// in Stripe's words rather than a 500.
import Stripe from "stripe";
import { requireUser } from "@/lib/auth/session";
import type { AccountUser } from "@/lib/auth/users";
import { errorResponse, jsonError } from "@/lib/http/errors";

export type RouteParams<P> = { params: Promise<P> };

export const noStore = { "cache-control": "no-store" };

export function portalRoute<P = Record<string, never>>(
  context: string,
  body: (request: Request, user: AccountUser, params: P) => Promise<Response>,
): (request: Request, ctx: RouteParams<P>) => Promise<Response> {
  return async (request, ctx) => {
    try {
      const user = await requireUser(request);
      return await body(request, user, await (ctx?.params ?? Promise.resolve({} as P)));
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) return jsonError(402, error.message);
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400) return jsonError(400, error.message);
      return errorResponse(error, context);
    }
  };
}
