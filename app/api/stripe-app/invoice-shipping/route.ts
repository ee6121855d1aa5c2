import { route } from "@/lib/http/route";
import { invoiceRequestSchema } from "@/lib/stripe-app/schemas";
import { getInvoiceShipping } from "@/lib/stripe-app/queries";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";

export const dynamic = "force-dynamic";

// Invoice detail page: shipping, return window and returns of the orders the invoice paid for.
export const POST = route({ name: "POST /api/stripe-app/invoice-shipping", auth: stripeAppAuth, limit: "stripe-app", body: invoiceRequestSchema }, async ({ body }) =>
  getInvoiceShipping(body.invoice_id),
);
export const OPTIONS = stripeAppOptions;
