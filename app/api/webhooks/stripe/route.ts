import { receiveStripeWebhook } from "@/lib/webhooks/receive";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  // The signature covers the exact bytes Stripe sent: read them as text, never re-serialize.
  const rawBody = await request.text();
  const { status, body } = await receiveStripeWebhook(rawBody, request.headers.get("stripe-signature"));
  return Response.json(body, { status });
}
