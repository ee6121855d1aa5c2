import { addSupportNote } from "@/lib/fulfilment/actions";
import { created, route } from "@/lib/http/route";
import { supportNoteRequestSchema } from "@/lib/stripe-app/schemas";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";

export const dynamic = "force-dynamic";

// Action: a note about an order or a customer, written by the Dashboard user.
export const POST = route(
  { name: "POST /api/stripe-app/support-notes", auth: stripeAppAuth, limit: "stripe-app", writes: true, body: supportNoteRequestSchema },
  async ({ body: { order_id, customer_id, body }, caller }) =>
    created({ note: await addSupportNote({ orderId: order_id, stripeCustomerId: customer_id, body, author: caller.userId, source: "stripe_app" }) }),
);
export const OPTIONS = stripeAppOptions;
