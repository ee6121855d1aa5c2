// Request bodies of subscribing and of the portal's plan changes. Amounts
// never come from the client: a price is our Price.id and Stripe bills what
// the catalog says.
import { z } from "zod";
import { requestIdSchema } from "@/lib/http/schemas";
import { MAX_SEATS } from "@/lib/subscriptions/limits";

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

export const planChangeSchema = z.object({
  priceId: z.string({ error: "Choose a plan." }).trim().min(1, "Choose a plan."),
  quantity: z
    .number({ error: "Seats must be a whole number." })
    .int("Seats must be a whole number.")
    .min(1, "You need at least 1 seat.")
    .max(500, "For more than 500 seats, contact us.")
    .default(1),
});

export const confirmPlanChangeSchema = planChangeSchema.extend({
  prorationDate: z.number({ error: "Preview the change first: prorationDate is missing." }).int(),
  requestId: requestIdSchema,
});

export const cancelSchema = z.object({
  mode: z.enum(["period_end", "now"], { error: "mode must be \"period_end\" or \"now\"." }),
  requestId: requestIdSchema,
});

/** The admin area's cancel form; submissionId makes a resubmitted form the same Stripe request. */
export const adminCancelSchema = z.object({
  mode: z.enum(["period_end", "now"], { error: "mode must be period_end or now." }),
  submissionId: z
    .string({ error: "submissionId is required: a random id the form generates once per submission." })
    .min(8, "submissionId must be at least 8 characters.")
    .max(64, "submissionId must be at most 64 characters.")
    .regex(/^[A-Za-z0-9_-]+$/, "submissionId may only contain letters, digits, '-' and '_'."),
});
