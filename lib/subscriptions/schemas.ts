// The body of POST /api/billing/subscribe. Amounts never come from the
// client: the price is our Price.id and Stripe bills what the catalog says.
import { z } from "zod";

export const MAX_SEATS = 100;

export const subscribeRequestSchema = z.object({
  priceId: z.string({ error: "priceId is required: the id of a plan price from /api/billing/plans." }).trim().min(1, "priceId is required.").max(100),
  quantity: z
    .number({ error: `quantity must be a whole number of seats from 1 to ${MAX_SEATS}.` })
    .int(`quantity must be a whole number of seats from 1 to ${MAX_SEATS}.`)
    .min(1, `quantity must be a whole number of seats from 1 to ${MAX_SEATS}.`)
    .max(MAX_SEATS, `quantity must be a whole number of seats from 1 to ${MAX_SEATS}.`)
    .default(1),
  meteredAddon: z.boolean({ error: "meteredAddon must be true or false." }).default(false),
  promotionCode: z
    .string({ error: "promotionCode must be text." })
    .trim()
    .max(64, "That promotion code is too long.")
    .regex(/^[A-Za-z0-9_-]*$/, "A promotion code has only letters, digits, '-' and '_'.")
    .nullish()
    .transform((code) => (code ? code.toUpperCase() : null)),
});

export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;
