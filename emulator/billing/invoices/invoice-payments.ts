// Invoice payments (`/v1/invoice_payments`): the record of each PaymentIntent used on an invoice.
import type { Route } from "../../core/context.ts";
import { matchesCreated, paginate } from "../../core/list.ts";
import { createdFilter, listParams, obj, oneOf, req, str } from "../../core/params.ts";
import { load } from "../../resources/shared.ts";
import type { InvoicePayment } from "../model.ts";

export const invoicePaymentRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/invoice_payments",
    schema: { ...listParams, invoice: str(), payment: obj({ type: req(oneOf("payment_intent", "payment_record")), payment_intent: str(), payment_record: str() }), status: oneOf("canceled", "open", "paid"), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<InvoicePayment>("invoice_payments")
        .filter(
          (ip) =>
            (!p.invoice || ip.invoice === p.invoice) &&
            (!p.status || ip.status === p.status) &&
            (!p.payment?.payment_intent || (ip.payment as { payment_intent?: string }).payment_intent === p.payment.payment_intent) &&
            matchesCreated(ip.created, p.created),
        );
      return paginate(items, p, "/v1/invoice_payments");
    },
  },
  { method: "GET", path: "/v1/invoice_payments/:id", schema: {}, handler: (ctx) => load<InvoicePayment>(ctx, "invoice_payments", ctx.path.id, "invoice payment") },
];
