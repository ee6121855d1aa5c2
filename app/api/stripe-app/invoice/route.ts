import { invoiceRequestSchema } from "@/lib/stripe-app/requests";
import { stripeAppRoute } from "@/lib/stripe-app/route-handler";
import { getInvoiceView } from "@/lib/stripe-app/views";

export const dynamic = "force-dynamic";

// Invoice detail page: the invoice's customer and the orders its payments settled.
const route = stripeAppRoute("invoice", {
  schema: invoiceRequestSchema,
  writes: false,
  handle: async ({ invoice_id }) => ({ body: await getInvoiceView(invoice_id) }),
});

export const POST = route.POST;
export const OPTIONS = route.OPTIONS;
