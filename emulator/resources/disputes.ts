// Disputes (BEHAVIOR §8.2): opened by the dispute test cards and the control API; evidence with
// `winning_evidence` / `losing_evidence` decides the test-mode outcome.
import type Stripe from "stripe";
import type { EventCause, Route } from "../context.ts";
import type { Emulator } from "../emulator.ts";
import { invalidRequest } from "../errors.ts";
import { newId, nowSeconds } from "../ids.ts";
import { matchesCreated, paginate } from "../list.ts";
import { bool, createdFilter, listParams, mergeMetadata, metadata, obj, oneOf, openObj, str, type Schema } from "../params.ts";
import { createBalanceTransaction } from "./charges.ts";
import { load } from "./shared.ts";

/** The SDK types `intended_submission_method`; Stripe's fixture (our key contract) has no such key. */
export type DisputeObject = Omit<Stripe.Dispute, "intended_submission_method">;

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

const evidenceSpec: Schema = Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f, str()]));

const OPEN_STATUSES = ["needs_response", "warning_needs_response"];

function emptyEvidence(): Stripe.Dispute.Evidence {
  const evidence = Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f, null])) as unknown as Stripe.Dispute.Evidence;
  evidence.enhanced_evidence = {} as Stripe.Dispute.Evidence.EnhancedEvidence;
  return evidence;
}

export function openDispute(emu: Emulator, charge: Stripe.Charge, reason: string, inquiry: boolean): DisputeObject {
  const created = nowSeconds();
  const dueBy = created + 7 * 86400;
  const dispute: DisputeObject = {
    id: newId("du"),
    object: "dispute",
    amount: charge.amount - charge.amount_refunded,
    balance_transactions: [],
    charge: charge.id,
    created,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: dueBy,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    } satisfies Stripe.Dispute.EvidenceDetails,
    is_charge_refundable: inquiry,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method_details: {
      card: {
        brand: charge.payment_method_details?.card?.brand ?? "visa",
        case_type: inquiry ? "inquiry" : "chargeback",
        network: charge.payment_method_details?.card?.network ?? "visa",
        network_reason_code: reason === "fraudulent" ? "10.4" : "13.1",
      },
      type: "card",
    } satisfies Stripe.Dispute.PaymentMethodDetails,
    reason,
    status: inquiry ? "warning_needs_response" : "needs_response",
  };
  if (!inquiry) {
    const txn = createBalanceTransaction(emu, dispute.id, -dispute.amount, dispute.currency, "adjustment", "dispute", false, `Chargeback withdrawal for ${charge.id}`);
    txn.fee = 1500;
    txn.net = txn.amount - txn.fee;
    txn.fee_details = [{ amount: 1500, application: null, currency: dispute.currency, description: "Dispute fee", type: "stripe_fee" }];
    dispute.balance_transactions = [txn];
  }
  charge.disputed = true;
  emu.store.put("charges", charge);
  emu.store.put("disputes", dispute);
  emu.emit("charge.dispute.created", dispute, null);
  if (!inquiry) emu.emit("charge.dispute.funds_withdrawn", dispute, null);
  return dispute;
}

export function closeDispute(emu: Emulator, dispute: DisputeObject, status: Stripe.Dispute.Status, cause: EventCause): void {
  const previous = { status: dispute.status };
  dispute.status = status;
  if (status === "won") {
    const txn = createBalanceTransaction(emu, dispute.id, dispute.amount, dispute.currency, "adjustment", "dispute_reversal", false, `Chargeback reversal for ${dispute.charge as string}`);
    dispute.balance_transactions = [...dispute.balance_transactions, txn];
  }
  emu.store.put("disputes", dispute);
  emu.emit("charge.dispute.closed", dispute, cause, previous);
  if (status === "won") emu.emit("charge.dispute.funds_reinstated", dispute, cause);
}

export const disputeRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/disputes/:id",
    schema: {},
    handler: (ctx) => load<DisputeObject>(ctx, "disputes", ctx.path.id, "dispute"),
  },
  {
    method: "GET",
    path: "/v1/disputes",
    schema: { ...listParams, charge: str(), payment_intent: str(), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<DisputeObject>("disputes")
        .filter(
          (d) => (!p.charge || d.charge === p.charge) && (!p.payment_intent || d.payment_intent === p.payment_intent) && matchesCreated(d.created, p.created),
        );
      return paginate(items, p, "/v1/disputes");
    },
  },
  {
    method: "POST",
    path: "/v1/disputes/:id",
    schema: {
      evidence: obj({ ...evidenceSpec, enhanced_evidence: openObj() }),
      metadata: metadata(),
      submit: bool(),
      intended_submission_method: oneOf("manual", "prefer_manual", "prefer_smart_disputes", "smart_disputes"),
    },
    handler(ctx) {
      const dispute = load<DisputeObject>(ctx, "disputes", ctx.path.id, "dispute");
      const p = ctx.params;
      const touchesEvidence = p.evidence !== undefined || p.submit !== undefined;
      if (touchesEvidence && !OPEN_STATUSES.includes(dispute.status))
        throw invalidRequest(`This dispute is already ${dispute.status === "under_review" || dispute.status === "warning_under_review" ? "under review" : "closed"} and its evidence can no longer be updated.`);
      if (touchesEvidence && dispute.evidence_details.due_by && nowSeconds() > dispute.evidence_details.due_by)
        throw invalidRequest("The deadline for submitting evidence for this dispute has passed.");
      const previous: Record<string, unknown> = {};
      if (p.evidence) {
        previous.evidence = { ...dispute.evidence };
        const next = { ...dispute.evidence } as unknown as Record<string, unknown>;
        for (const [k, v] of Object.entries(p.evidence)) next[k] = k === "enhanced_evidence" ? (v ?? {}) : v;
        dispute.evidence = next as unknown as Stripe.Dispute.Evidence;
        dispute.evidence_details = { ...dispute.evidence_details, has_evidence: true };
      }
      if (p.metadata !== undefined) {
        previous.metadata = dispute.metadata;
        dispute.metadata = mergeMetadata(dispute.metadata, p.metadata);
      }
      const submit = touchesEvidence && p.submit !== false;
      if (submit) {
        previous.status = dispute.status;
        dispute.status = dispute.status === "warning_needs_response" ? "warning_under_review" : "under_review";
        dispute.evidence_details = { ...dispute.evidence_details, submission_count: dispute.evidence_details.submission_count + 1, has_evidence: true, submission_method: "manual" };
      }
      ctx.emu.store.put("disputes", dispute);
      ctx.emu.emit("charge.dispute.updated", dispute, ctx, previous);
      if (submit) {
        const text = dispute.evidence.uncategorized_text;
        const id = dispute.id;
        ctx.emu.later(() => {
          const current = ctx.emu.store.get<DisputeObject>("disputes", id);
          if (!current) return;
          if (current.status === "warning_under_review") closeDispute(ctx.emu, current, "warning_closed", null);
          else if (text === "winning_evidence") closeDispute(ctx.emu, current, "won", null);
          else if (text === "losing_evidence") closeDispute(ctx.emu, current, "lost", null);
        });
      }
      return dispute;
    },
  },
  {
    method: "POST",
    path: "/v1/disputes/:id/close",
    schema: {},
    handler(ctx) {
      const dispute = load<DisputeObject>(ctx, "disputes", ctx.path.id, "dispute");
      if (!OPEN_STATUSES.includes(dispute.status) && dispute.status !== "under_review" && dispute.status !== "warning_under_review")
        throw invalidRequest(`This dispute is already closed (status: ${dispute.status}).`);
      const inquiry = dispute.status.startsWith("warning_");
      closeDispute(ctx.emu, dispute, inquiry ? "warning_closed" : "lost", ctx);
      return dispute;
    },
  },
];
