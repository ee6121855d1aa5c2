import { z } from "zod";

export const REFUND_REASONS = ["requested_by_customer", "duplicate", "fraudulent"] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export const REFUND_REASON_LABELS: Record<RefundReason, string> = {
  requested_by_customer: "Requested by customer",
  duplicate: "Duplicate payment",
  fraudulent: "Fraudulent",
};

/** POST /api/admin/payments/{orderId}/refunds — `amount` in the currency's minor unit (cents; yen for JPY). */
export const createRefundSchema = z.object({
  amount: z.number({ error: "Enter the amount to refund." }).int("The amount must be a whole number of the currency's minor unit.").positive("The amount must be greater than zero."),
  currency: z.string({ error: "Name the currency of the amount." }).trim().toLowerCase().regex(/^[a-z]{3}$/, "The currency must be a three-letter ISO code."),
  reason: z.enum(REFUND_REASONS, { error: "Choose a reason for the refund." }),
  note: z.string().trim().max(500, "Keep the note under 500 characters.").optional(),
});

export type CreateRefundInput = z.infer<typeof createRefundSchema>;
