// What each Stripe dispute status means for the merchant: the one place that
// says which disputes are open, which block a refund and which take a
// response. Inquiries (warning_*) move no money; chargebacks withdraw it until
// the dispute is won; an appeal reopens a lost chargeback.
import type Stripe from "stripe";
import type { KnownValues } from "@/lib/stripe/types";

/** The statuses the pinned SDK names (Stripe.Dispute.Status without its open-ended string). */
export type DisputeStatus = KnownValues<Stripe.Dispute.Status>;

type Meaning = {
  /** Not settled yet: counted as "open" on the dashboard, the payments badge and the filters. */
  open: boolean;
  /** Stripe still takes evidence (and accepting the dispute makes sense). */
  respondable: boolean;
  /** How far along its life the dispute is: a same-second snapshot never moves it back. */
  rank: number;
};

export const DISPUTE_STATUS_MEANING: Record<DisputeStatus, Meaning> = {
  warning_needs_response: { open: true, respondable: true, rank: 0 },
  needs_response: { open: true, respondable: true, rank: 0 },
  warning_under_review: { open: true, respondable: false, rank: 1 },
  under_review: { open: true, respondable: false, rank: 1 },
  warning_closed: { open: false, respondable: false, rank: 2 },
  won: { open: false, respondable: false, rank: 2 },
  lost: { open: false, respondable: false, rank: 2 },
  prevented: { open: false, respondable: false, rank: 2 },
  appeal_needs_response: { open: true, respondable: true, rank: 3 },
  appeal_under_review: { open: true, respondable: false, rank: 4 },
};

export const DISPUTE_STATUSES = Object.keys(DISPUTE_STATUS_MEANING) as DisputeStatus[];

const meaningOf = (status: string): Meaning | undefined => DISPUTE_STATUS_MEANING[status as DisputeStatus];

/** Statuses of a dispute that is not settled yet. */
export const OPEN_DISPUTE_STATUSES: readonly DisputeStatus[] = DISPUTE_STATUSES.filter((s) => DISPUTE_STATUS_MEANING[s].open);

/** A refund is pointless or refused while the dispute decides where the money goes, and after a chargeback is lost. */
export const REFUND_BLOCKING_DISPUTE_STATUSES: readonly DisputeStatus[] = [...OPEN_DISPUTE_STATUSES, "lost"];

export function isOpenDispute(status: string): boolean {
  return meaningOf(status)?.open ?? false;
}

export function isRespondable(status: string): boolean {
  return meaningOf(status)?.respondable ?? false;
}

export function blocksRefund(status: string): boolean {
  return (REFUND_BLOCKING_DISPUTE_STATUSES as readonly string[]).includes(status);
}

/**
 * Two events with the same `created` second are ordered by this, so a late
 * `charge.dispute.created` snapshot (needs_response) can never undo the
 * `closed` one (won) of the same second. Unknown statuses rank first.
 */
export function disputeStatusRank(status: string): number {
  return meaningOf(status)?.rank ?? 0;
}

/** Statuses whose rank is at most the given one (those a same-second snapshot may overwrite). */
export function statusesRankedAtMost(rank: number): DisputeStatus[] {
  return DISPUTE_STATUSES.filter((s) => DISPUTE_STATUS_MEANING[s].rank <= rank);
}
