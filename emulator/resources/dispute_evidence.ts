// Dispute evidence: the fields Stripe accepts and an empty set for a new dispute.
import type Stripe from "stripe";
import { str, type Schema } from "../core/params.ts";

const EVIDENCE_FIELDS = [
  "access_activity_log",
  "billing_address",
  "cancellation_policy",
  "cancellation_policy_disclosure",
  "cancellation_rebuttal",
  "customer_communication",
  "customer_email_address",
  "customer_name",
  "customer_purchase_ip",
  "customer_signature",
  "duplicate_charge_documentation",
  "duplicate_charge_explanation",
  "duplicate_charge_id",
  "product_description",
  "receipt",
  "refund_policy",
  "refund_policy_disclosure",
  "refund_refusal_explanation",
  "service_date",
  "service_documentation",
  "shipping_address",
  "shipping_carrier",
  "shipping_date",
  "shipping_documentation",
  "shipping_tracking_number",
  "uncategorized_file",
  "uncategorized_text",
] as const;

export const evidenceSpec: Schema = Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f, str()]));

export function emptyEvidence(): Stripe.Dispute.Evidence {
  const evidence = Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f, null])) as unknown as Stripe.Dispute.Evidence;
  evidence.enhanced_evidence = {} as Stripe.Dispute.Evidence.EnhancedEvidence;
  return evidence;
}
