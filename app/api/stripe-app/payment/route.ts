import { paymentRequestSchema } from "@/lib/stripe-app/requests";
import { stripeAppRoute } from "@/lib/stripe-app/route-handler";
import { getPaymentView } from "@/lib/stripe-app/views";

export const dynamic = "force-dynamic";

// Payment detail page (a PaymentIntent or a Charge): the order it paid for.
const route = stripeAppRoute("payment", {
  schema: paymentRequestSchema,
  writes: false,
  handle: async ({ payment_id }) => ({ body: await getPaymentView(payment_id) }),
});

export const POST = route.POST;
export const OPTIONS = route.OPTIONS;
