import { customerRequestSchema } from "@/lib/stripe-app/requests";
import { stripeAppRoute } from "@/lib/stripe-app/route-handler";
import { getCustomerView } from "@/lib/stripe-app/views";

export const dynamic = "force-dynamic";

// Customer detail page: the customer's orders, fulfilment and notes.
const route = stripeAppRoute("customer", {
  schema: customerRequestSchema,
  writes: false,
  handle: async ({ customer_id }) => ({ body: await getCustomerView(customer_id) }),
});

export const POST = route.POST;
export const OPTIONS = route.OPTIONS;
