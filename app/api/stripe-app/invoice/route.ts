import { route } from "@/lib/http/route";
import { invoiceRequestSchema } from "@/lib/stripe-app/schemas";
import { getInvoiceView } from "@/lib/stripe-app/queries";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";

export const dynamic = "force-dynamic";

// Invoice detail page: the invoice's customer and the orders its payments settled.
export const POST = route({ name: "POST /api/stripe-app/invoice", auth: stripeAppAuth, limit: "stripe-app", body: invoiceRequestSchema }, async ({ body }) => getInvoiceView(body.invoice_id));
export const OPTIONS = stripeAppOptions;
