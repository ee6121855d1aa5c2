import { route } from "@/lib/http/route";
import { customerRequestSchema } from "@/lib/stripe-app/schemas";
import { getCustomerView } from "@/lib/stripe-app/queries";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";

export const dynamic = "force-dynamic";

// Customer detail page: the customer's orders, fulfilment and notes.
export const POST = route({ name: "POST /api/stripe-app/customer", auth: stripeAppAuth, limit: "stripe-app", body: customerRequestSchema }, async ({ body }) => getCustomerView(body.customer_id));
export const OPTIONS = stripeAppOptions;
