import { route, withStatus } from "@/lib/http/route";
import { receiveStripeWebhook } from "@/lib/webhooks/receive";

export const dynamic = "force-dynamic";

// The signature covers the exact bytes Stripe sent: the raw text, never re-serialized JSON.
export const POST = route({ name: "POST /api/webhooks/stripe", auth: "public", body: "raw" }, async ({ request, rawBody }) => {
  const { status, body } = await receiveStripeWebhook(rawBody, request.headers.get("stripe-signature"));
  return withStatus(status, body);
});
