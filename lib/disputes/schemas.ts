// Bodies of the admin dispute actions. Only Stripe's text evidence fields are
// accepted (files need uploads, which the admin area does not offer yet).
import { z } from "zod";

/** Stripe's free-text evidence fields (Dispute.Evidence), with their labels for the form. */
export const TEXT_EVIDENCE_FIELDS = {
  product_description: "Product description",
  customer_name: "Customer name",
  customer_email_address: "Customer email address",
  customer_purchase_ip: "Customer purchase IP",
  billing_address: "Billing address",
  customer_communication: "Customer communication",
  shipping_address: "Shipping address",
  shipping_carrier: "Shipping carrier",
  shipping_tracking_number: "Shipping tracking number",
  shipping_date: "Shipping date",
  service_date: "Service date",
  access_activity_log: "Access activity log",
  refund_policy_disclosure: "Refund policy disclosure",
  refund_refusal_explanation: "Refund refusal explanation",
  cancellation_policy_disclosure: "Cancellation policy disclosure",
  cancellation_rebuttal: "Cancellation rebuttal",
  duplicate_charge_explanation: "Duplicate charge explanation",
  duplicate_charge_id: "Duplicate charge id",
  uncategorized_text: "Additional information",
} as const;

export type TextEvidenceField = keyof typeof TEXT_EVIDENCE_FIELDS;

// Stripe caps the combined text evidence at 150,000 characters.
const MAX_FIELD_LENGTH = 20_000;
const MAX_TOTAL_LENGTH = 150_000;

const submissionId = z
  .string({ error: "submissionId is required: a random id the form generates once per submission." })
  .min(8, "submissionId must be at least 8 characters.")
  .max(64, "submissionId must be at most 64 characters.")
  .regex(/^[A-Za-z0-9_-]+$/, "submissionId may only contain letters, digits, '-' and '_'.");

const evidenceShape = Object.fromEntries(
  Object.keys(TEXT_EVIDENCE_FIELDS).map((field) => [
    field,
    z.string({ error: `${field} must be text.` }).max(MAX_FIELD_LENGTH, `${field} must be at most ${MAX_FIELD_LENGTH} characters.`).optional(),
  ]),
) as Record<TextEvidenceField, z.ZodOptional<z.ZodString>>;

export const submitEvidenceSchema = z.object({
  evidence: z
    .strictObject(evidenceShape, { error: "evidence must be an object of text fields." })
    .transform((evidence) =>
      Object.fromEntries(Object.entries(evidence).flatMap(([k, v]) => (typeof v === "string" && v.trim() !== "" ? [[k, v.trim()]] : []))),
    )
    .refine((evidence) => Object.keys(evidence).length > 0, "Fill in at least one evidence field.")
    .refine((evidence) => Object.values(evidence).join("").length <= MAX_TOTAL_LENGTH, `Evidence may total at most ${MAX_TOTAL_LENGTH} characters.`),
  /** true sends the evidence to the bank now; false only stages it at Stripe. */
  submit: z.boolean({ error: "submit must be true or false." }).default(true),
  submissionId,
});

export const acceptDisputeSchema = z.object({ submissionId });

export type SubmitEvidenceInput = z.infer<typeof submitEvidenceSchema>;
