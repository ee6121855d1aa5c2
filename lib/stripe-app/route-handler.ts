// Builds the POST and OPTIONS handlers of one /api/stripe-app route: CORS on
// every answer (errors included, so the extension can show their message),
// authentication before anything else, then the route's own zod schema.
import type { z } from "zod";
import { errorResponse, HttpError } from "@/lib/http/errors";
import { authenticateStripeAppRequest, type StripeAppCaller } from "@/lib/stripe-app/authenticate";
import { stripeAppPreflight, withStripeAppCors } from "@/lib/stripe-app/cors";

const SERVICE_FIELDS: Record<string, string> = { orderId: "order_id", trackingNumber: "tracking_number", stripeCustomerId: "customer_id" };

type Handler<S extends z.ZodType> = (input: z.output<S>, caller: StripeAppCaller) => Promise<{ status?: number; body: unknown }>;

export function stripeAppRoute<S extends z.ZodType>(name: string, { schema, writes, handle }: { schema: S; writes: boolean; handle: Handler<S> }) {
  return {
    OPTIONS: async (): Promise<Response> => stripeAppPreflight(),
    POST: async (request: Request): Promise<Response> => {
      try {
        const { caller, input } = await authenticateStripeAppRequest(request, { writes });
        const parsed = schema.safeParse(input);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new HttpError(400, issue.message, issue.path.join(".") || undefined);
        }
        const { status = 200, body } = await handle(parsed.data, caller);
        return withStripeAppCors(Response.json(body, { status, headers: { "cache-control": "no-store" } }));
      } catch (error) {
        // The fulfilment service names fields as the admin area spells them; answer in this API's spelling.
        const renamed = error instanceof HttpError && error.field && SERVICE_FIELDS[error.field] ? new HttpError(error.status, error.message, SERVICE_FIELDS[error.field]) : error;
        return withStripeAppCors(errorResponse(renamed, `POST /api/stripe-app/${name}`));
      }
    },
  };
}
