// What each Stripe dispute status means for the merchant. Inquiries
// (warning_*) move no money; chargebacks withdraw it until the dispute is won.
import type Stripe from "stripe";

export type DisputeStatus = Stripe.Dispute.Status;

/** Statuses where Stripe still accepts evidence (and accepting the dispute makes sense). */
export const RESPONDABLE_DISPUTE_STATUSES: readonly string[] = ["warning_needs_response", "needs_response", "appeal_needs_response"];

/** Statuses of a dispute that is not settled yet: the dashboard's "open disputes". */
export const OPEN_DISPUTE_STATUSES: readonly string[] = [
  "warning_needs_response",
  "warning_under_review",
  "needs_response",
  "under_review",
  "appeal_needs_response",
  "appeal_under_review",
];

export function isRespondable(status: string): boolean {
  return RESPONDABLE_DISPUTE_STATUSES.includes(status);
}

/**
 * How far along its life a status is. Two events with the same `created`
 * second are ordered by this, so a late `charge.dispute.created` snapshot
 * (needs_response) can never undo the `closed` one (won) of the same second.
 */
export function disputeStatusRank(status: string): number {
  switch (status) {
    case "warning_needs_response":
    case "needs_response":
      return 0;
    case "warning_under_review":
    case "under_review":
      return 1;
    case "warning_closed":
    case "won":
    case "lost":
    case "prevented":
      return 2;
    case "appeal_needs_response":
      return 3;
    case "appeal_under_review":
      return 4;
    default:
      return 0;
  }
}

const ALL_STATUSES = [
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
];

/** Statuses whose rank is at most the given one (those a same-second snapshot may overwrite). */
export function statusesRankedAtMost(rank: number): string[] {
  return ALL_STATUSES.filter((s) => disputeStatusRank(s) <= rank);
}

export const DISPUTE_STATUS_LABELS: Record<string, string> = {
  warning_needs_response: "Inquiry: needs response",
  warning_under_review: "Inquiry: under review",
  warning_closed: "Inquiry closed",
  needs_response: "Needs response",
  under_review: "Under review",
  won: "Won",
  lost: "Lost",
  prevented: "Prevented",
  appeal_needs_response: "Appeal: needs response",
  appeal_under_review: "Appeal: under review",
};

export const DISPUTE_STATUSES = ALL_STATUSES;
