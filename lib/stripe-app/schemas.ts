// The body of each /api/stripe-app route, besides user_id/account_id (and the
// optional stripe_roles) that authenticate.ts takes off. Strict: a key meant
// for another route is an error, so a signed body is only good for its own route.
import { z } from "zod";
import { carrierField, noteBodyField, orderIdField, trackingNumberField } from "@/lib/fulfilment/schemas";

const id = (name: string, pattern: RegExp, example: string, where: string) =>
  z
    .string({ error: `${name} is required: the ${where} (${example}).` })
    .regex(pattern, `${name} must be a ${where} id such as ${example}.`);

export const customerRequestSchema = z.strictObject({
  customer_id: id("customer_id", /^cus_\w+$/, "cus_…", "Stripe customer"),
});

export const paymentRequestSchema = z.strictObject({
  payment_id: id("payment_id", /^(pi|ch|py)_\w+$/, "pi_… or ch_…", "Stripe payment intent or charge"),
});

export const invoiceRequestSchema = z.strictObject({
  invoice_id: id("invoice_id", /^in_\w+$/, "in_…", "Stripe invoice"),
});

export const supportNoteRequestSchema = z
  .strictObject({
    order_id: orderIdField("order_id").optional(),
    customer_id: id("customer_id", /^cus_\w+$/, "cus_…", "Stripe customer").optional(),
    body: noteBodyField("body"),
  })
  .refine((b) => Boolean(b.order_id) !== Boolean(b.customer_id), {
    message: "Send exactly one of order_id (a note about an order) or customer_id (a note about the customer).",
    path: ["order_id"],
  });

export const markShippedRequestSchema = z.strictObject({
  order_id: orderIdField("order_id"),
  tracking_number: trackingNumberField("tracking_number"),
  carrier: carrierField("carrier").optional(),
});
