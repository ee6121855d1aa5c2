import { route } from "@/lib/http/route";
import { paymentRequestSchema } from "@/lib/stripe-app/schemas";
import { getPaymentView } from "@/lib/stripe-app/queries";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";

export const dynamic = "force-dynamic";

// Payment detail page (a PaymentIntent or a Charge): the order it paid for.
export const POST = route({ name: "POST /api/stripe-app/payment", auth: stripeAppAuth, limit: "stripe-app", body: paymentRequestSchema }, async ({ body }) => getPaymentView(body.payment_id));
export const OPTIONS = stripeAppOptions;
