// Request bodies of the portal's route handlers. A bad body is a 400 naming
// the field, and nothing is sent to Stripe.
import { z } from "zod";

/** A fresh id per user action (the browser makes one when a dialog opens); a retry of that action reuses it. */
export const requestIdSchema = z
  .string({ error: "Send a requestId (any unique string per action, e.g. a UUID)." })
  .trim()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "requestId must be 8–100 letters, digits, '-' or '_'.");

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

export const requestOnlySchema = z.object({ requestId: requestIdSchema });

export const completeSetupSchema = z.object({ makeDefault: z.boolean({ error: "makeDefault must be true or false." }).optional() });

export const usageReportSchema = z.object({
  value: z
    .number({ error: "value must be a number." })
    .int("value must be a whole number.")
    .min(1, "value must be at least 1.")
    .max(1_000_000_000, "value is too large.")
    .default(1),
  timestamp: z.number({ error: "timestamp must be Unix seconds." }).int("timestamp must be whole Unix seconds.").optional(),
});
