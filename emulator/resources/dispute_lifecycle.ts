// A dispute's life (BEHAVIOR §8.2): opened by the dispute test cards or the control API, in any of
// Stripe's statuses, and moved between them. A chargeback withdraws the disputed amount (plus the
// dispute fee) and a won chargeback reinstates it; an inquiry (`warning_*`) moves no money.
import type Stripe from "stripe";
import type { EventCause } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { createBalanceTransaction } from "./charges.ts";
import { emptyEvidence } from "./dispute_evidence.ts";
import { closeReviewOfCharge } from "./reviews.ts";

/** The SDK types `intended_submission_method`; Stripe's fixture (our key contract) has no such key. */
export type DisputeObject = Stripe.Dispute;

/** Every `Dispute.Status` of the pinned SDK. */
export const DISPUTE_STATUSES = [
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "needs_response",
  "under_review",
  "won",
  "lost",
  "prevented",
  "appeal_needs_response",
  "appeal_under_review",
] as const satisfies readonly Stripe.Dispute.Status[];

/** Statuses that end a dispute: reaching one emits `charge.dispute.closed` instead of `.updated`. */
const CLOSED_STATUSES: Stripe.Dispute.Status[] = ["won", "lost", "warning_closed", "prevented"];

/** Inquiries (`warning_*`) and prevented disputes never take the funds. */
function movesMoney(status: Stripe.Dispute.Status): boolean {
  return !status.startsWith("warning_") && status !== "prevented";
}

/** Funds are out while the dispute has more withdrawals than reinstatements. */
function fundsWithdrawn(dispute: DisputeObject): boolean {
  const txns = dispute.balance_transactions;
  return txns.filter((t) => t.amount < 0).length > txns.filter((t) => t.amount > 0).length;
}

function withdrawFunds(emu: Emulator, dispute: DisputeObject): void {
  const charge = dispute.charge as string;
  const txn = createBalanceTransaction(emu, dispute.id, -dispute.amount, dispute.currency, "adjustment", "dispute", false, `Chargeback withdrawal for ${charge}`);
  txn.fee = 1500;
  txn.net = txn.amount - txn.fee;
  txn.fee_details = [{ amount: 1500, application: null, currency: dispute.currency, description: "Dispute fee", type: "stripe_fee" }];
  dispute.balance_transactions = [...dispute.balance_transactions, txn];
}

function reinstateFunds(emu: Emulator, dispute: DisputeObject): void {
  const txn = createBalanceTransaction(emu, dispute.id, dispute.amount, dispute.currency, "adjustment", "dispute_reversal", false, `Chargeback reversal for ${dispute.charge as string}`);
  dispute.balance_transactions = [...dispute.balance_transactions, txn];
}

/**
 * Opens a dispute on a charge: `needs_response` (a chargeback) or, for an inquiry,
 * `warning_needs_response`; or directly in `status`, with the money and events a dispute that got
 * there would have produced (withdrawn for a chargeback; reinstated and closed when won).
 */
export function openDispute(emu: Emulator, charge: Stripe.Charge, reason: string, inquiry: boolean, status?: Stripe.Dispute.Status): DisputeObject {
  const initial: Stripe.Dispute.Status = status ?? (inquiry ? "warning_needs_response" : "needs_response");
  const isInquiry = initial.startsWith("warning_");
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
    // Smart Disputes are not modelled: no submission method is chosen until someone submits.
    intended_submission_method: null,
    is_charge_refundable: isInquiry,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method_details: {
      card: {
        brand: charge.payment_method_details?.card?.brand ?? "visa",
        case_type: isInquiry ? "inquiry" : "chargeback",
        network: charge.payment_method_details?.card?.network ?? "visa",
        network_reason_code: reason === "fraudulent" ? "10.4" : "13.1",
      },
      type: "card",
    } satisfies Stripe.Dispute.PaymentMethodDetails,
    reason,
    status: initial,
  };
  const withdraw = movesMoney(initial);
  if (withdraw) withdrawFunds(emu, dispute);
  const reinstate = initial === "won";
  if (reinstate) reinstateFunds(emu, dispute);
  charge.disputed = true;
  emu.store.put("charges", charge);
  emu.store.put("disputes", dispute);
  emu.emit("charge.dispute.created", dispute, null);
  if (withdraw) emu.emit("charge.dispute.funds_withdrawn", dispute, null);
  if (CLOSED_STATUSES.includes(initial)) emu.emit("charge.dispute.closed", dispute, null);
  if (reinstate) emu.emit("charge.dispute.funds_reinstated", dispute, null);
  // A dispute settles the question a review asked.
  closeReviewOfCharge(emu, charge.id, "disputed", null);
  return dispute;
}

/**
 * Moves a dispute to `status` as Stripe would report it: `charge.dispute.closed` for won, lost,
 * warning_closed and prevented, `charge.dispute.updated` otherwise. An inquiry escalating to a
 * chargeback withdraws the funds; a chargeback won while its funds are out reinstates them.
 */
export function moveDispute(emu: Emulator, dispute: DisputeObject, status: Stripe.Dispute.Status, cause: EventCause): void {
  const previous: Record<string, unknown> = { status: dispute.status };
  dispute.status = status;
  const escalated = movesMoney(status) && status !== "won" && !fundsWithdrawn(dispute) && dispute.payment_method_details?.card?.case_type === "inquiry";
  if (escalated) {
    previous.is_charge_refundable = dispute.is_charge_refundable;
    previous.payment_method_details = dispute.payment_method_details;
    dispute.is_charge_refundable = false;
    dispute.payment_method_details = { ...dispute.payment_method_details!, card: { ...dispute.payment_method_details!.card!, case_type: "chargeback" } };
    withdrawFunds(emu, dispute);
  }
  const reinstated = status === "won" && fundsWithdrawn(dispute);
  if (reinstated) reinstateFunds(emu, dispute);
  emu.store.put("disputes", dispute);
  emu.emit(CLOSED_STATUSES.includes(status) ? "charge.dispute.closed" : "charge.dispute.updated", dispute, cause, previous);
  if (escalated) emu.emit("charge.dispute.funds_withdrawn", dispute, cause);
  if (reinstated) emu.emit("charge.dispute.funds_reinstated", dispute, cause);
}

/** Closing is a move to a closed status (won, lost, warning_closed). */
export const closeDispute = moveDispute;
