import { route, stripeAppOptions } from "@/lib/http/route";
import { customerRequestSchema } from "@/lib/stripe-app/requests";
import { getCustomerView } from "@/lib/stripe-app/views";

export const dynamic = "force-dynamic";

// Customer detail page: the customer's orders, fulfilment and notes.
export const POST = route({ name: "POST /api/stripe-app/customer", auth: "stripe-app", body: customerRequestSchema }, async ({ body }) => getCustomerView(body.customer_id));
export const OPTIONS = stripeAppOptions;
