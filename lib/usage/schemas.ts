// The body of POST /api/usage (a metered usage report).
import { z } from "zod";

export const usageReportSchema = z.object({
  value: z
    .number({ error: "value must be a number." })
    .int("value must be a whole number.")
    .min(1, "value must be at least 1.")
    .max(1_000_000_000, "value is too large.")
    .default(1),
  timestamp: z.number({ error: "timestamp must be Unix seconds." }).int("timestamp must be whole Unix seconds.").optional(),
});
