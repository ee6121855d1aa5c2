// Request bodies of the admin review actions.
import { z } from "zod";
import { REFUND_REASONS } from "@/lib/refunds/schemas";

/** POST /api/admin/reviews/{id}/refund — refunds what remains of the payment; Stripe then closes the review. */
export const refundAndCloseSchema = z.object({
  reason: z.enum(REFUND_REASONS, { error: `reason must be one of ${REFUND_REASONS.join(", ")}.` }).default("fraudulent"),
});
export type RefundAndCloseInput = z.output<typeof refundAndCloseSchema>;
