// Every admin route handler: the role is checked first (401 visitor / 403
// customer, no data), then the body runs; errors become `{ error }` JSON.
import { requireAdmin } from "@/lib/auth/session";
import type { AccountUser } from "@/lib/auth/users";
import { errorResponse } from "@/lib/http/errors";

export type RouteParams<P> = { params: Promise<P> };

export function adminRoute<P = Record<string, never>>(
  context: string,
  body: (request: Request, admin: AccountUser, params: P) => Promise<Response>,
): (request: Request, ctx: RouteParams<P>) => Promise<Response> {
  return async (request, ctx) => {
    try {
      const admin = await requireAdmin(request);
      return await body(request, admin, await (ctx?.params ?? Promise.resolve({} as P)));
    } catch (error) {
      return errorResponse(error, context);
    }
  };
}

export const noStore = { "cache-control": "no-store" };
