// The body of each /api/stripe-app route, besides user_id/account_id (and the
// optional stripe_roles) that authenticate.ts takes off. Strict: a key meant
// for another route is an error, so a signed body is only good for its own route.
import { z } from "zod";
import { carrierField, noteBodyField, orderIdField, trackingNumberField } from "@/lib/fulfilment/schemas";
import { featureListSchema } from "@/lib/catalog/feature-edits";
import { RETURN_STATUSES } from "@/lib/fulfilment/returns";

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

/** A fresh id per save in the extension; a retry of that save sends it again. */
const requestIdField = z
  .string({ error: "request_id is required: a new id (e.g. a UUID) per save, sent again when the save is retried." })
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "request_id must be 8–100 letters, digits, '-' or '_' (e.g. a UUID).");

export const productRequestSchema = z.strictObject({
  product_id: id("product_id", /^prod_\w+$/, "prod_…", "Stripe product"),
});

export const productFeaturesRequestSchema = z.strictObject({
  product_id: id("product_id", /^prod_\w+$/, "prod_…", "Stripe product"),
  features: featureListSchema,
  request_id: requestIdField,
});

export const activityRequestSchema = z.strictObject({
  customer_id: id("customer_id", /^cus_\w+$/, "cus_…", "Stripe customer"),
  cursor: z.string({ error: "cursor must be the nextCursor of the previous page." }).max(200, "cursor must be the nextCursor of the previous page.").optional(),
  limit: z
    .number({ error: "limit must be a whole number from 1 to 100." })
    .int("limit must be a whole number from 1 to 100.")
    .min(1, "limit must be a whole number from 1 to 100.")
    .max(100, "limit must be a whole number from 1 to 100.")
    .optional(),
});

export const returnRequestSchema = z.strictObject({
  order_id: orderIdField("order_id"),
  order_line_id: z
    .string({ error: "order_line_id is required: the id of the order line being returned." })
    .regex(/^[\w-]{1,64}$/, "order_line_id must be the id of one of the order's lines."),
  quantity: z
    .number({ error: "quantity is required: how many of the line's items come back (a whole number, at least 1)." })
    .int("quantity must be a whole number of items.")
    .min(1, "quantity must be at least 1.")
    .max(10_000, "quantity is at most 10000."),
  status: z.enum(RETURN_STATUSES, { error: "status must be requested (the customer will send it back) or received (it arrived)." }),
  reason: z.string({ error: "reason must be text." }).trim().max(500, "reason is at most 500 characters.").optional(),
  override_window: z.boolean({ error: "override_window must be true or false." }).optional(),
  request_id: requestIdField,
});
