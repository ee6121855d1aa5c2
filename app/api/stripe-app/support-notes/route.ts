import { addSupportNote } from "@/lib/fulfilment/actions";
import { supportNoteRequestSchema } from "@/lib/stripe-app/requests";
import { stripeAppRoute } from "@/lib/stripe-app/route-handler";

export const dynamic = "force-dynamic";

// Action: a note about an order or a customer, written by the Dashboard user.
const route = stripeAppRoute("support-notes", {
  schema: supportNoteRequestSchema,
  writes: true,
  handle: async ({ order_id, customer_id, body }, caller) => ({
    status: 201,
    body: { note: await addSupportNote({ orderId: order_id, stripeCustomerId: customer_id, body, author: caller.userId, source: "stripe_app" }) },
  }),
});

export const POST = route.POST;
export const OPTIONS = route.OPTIONS;
