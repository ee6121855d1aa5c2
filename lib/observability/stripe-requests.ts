// One log line per Stripe API call with Stripe's own request id (the
// `request-id` response header), so a support ticket or a Dashboard log entry
// can be matched to our request id. Only the method, path and outcome: never
// parameters or bodies (they can hold customer data).
import type Stripe from "stripe";
import { log } from "@/lib/observability/log";

export function logStripeResponse(event: Stripe.ResponseEvent): void {
  const fields = {
    stripeRequestId: event.request_id,
    method: event.method,
    path: event.path,
    status: event.status,
    elapsedMs: event.elapsed,
    ...(event.idempotency_key && { idempotencyKey: event.idempotency_key }),
  };
  if (event.status >= 500 || event.status === 429) log.warn("stripe request", fields);
  else log.info("stripe request", fields);
}

/** Subscribes the logger to a client's `response` events (every call, retries included). */
export function logStripeRequests(stripe: Stripe): Stripe {
  stripe.on("response", logStripeResponse);
  return stripe;
}
