// The floor for a Next.js webhook route: verify the Stripe signature on the raw
// body with the SDK and answer 200, nothing stored. bench/webhooks.ts compares
// Payport's intake with this.
import Stripe from "stripe";

const stripe = new Stripe("sk_test_bench_signing_only");
const secret = process.env.STRIPE_WEBHOOK_SECRET ?? "";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await request.text();
  try {
    const event = stripe.webhooks.constructEvent(body, request.headers.get("stripe-signature") ?? "", secret, 300);
    return Response.json({ received: true, id: event.id });
  } catch (error) {
    return Response.json({ error: { message: error instanceof Error ? error.message : String(error) } }, { status: 400 });
  }
}
