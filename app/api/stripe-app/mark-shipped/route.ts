import { markOrderShipped } from "@/lib/fulfilment/actions";
import { route } from "@/lib/http/route";
import { markShippedRequestSchema } from "@/lib/stripe-app/schemas";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";

export const dynamic = "force-dynamic";

// Action: the order left the warehouse with this tracking number.
export const POST = route(
  { name: "POST /api/stripe-app/mark-shipped", auth: stripeAppAuth, limit: "stripe-app", writes: true, body: markShippedRequestSchema },
  async ({ body: { order_id, tracking_number, carrier } }) => ({
    orderId: order_id,
    fulfilment: await markOrderShipped({ orderId: order_id, trackingNumber: tracking_number, carrier }),
  }),
);
export const OPTIONS = stripeAppOptions;
