import { markOrderShipped } from "@/lib/fulfilment/actions";
import { markShippedRequestSchema } from "@/lib/stripe-app/requests";
import { stripeAppRoute } from "@/lib/stripe-app/route-handler";

export const dynamic = "force-dynamic";

// Action: the order left the warehouse with this tracking number.
const route = stripeAppRoute("mark-shipped", {
  schema: markShippedRequestSchema,
  writes: true,
  handle: async ({ order_id, tracking_number, carrier }) => ({
    body: { orderId: order_id, fulfilment: await markOrderShipped({ orderId: order_id, trackingNumber: tracking_number, carrier }) },
  }),
});

export const POST = route.POST;
export const OPTIONS = route.OPTIONS;
