// Every status badge in Payport: the same words and colours wherever a status
// is shown. lib/ says what a status means; this module says how it looks.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { DisputeStatus } from "@/lib/disputes/status";
import { asOrderStatus, type OrderStatus } from "@/lib/orders/status";
import type { PaymentStatus } from "@/lib/payments/status";
import type { SubscriptionStatus } from "@/lib/subscriptions/status";

type Look = { label: string; tone: BadgeTone };

function StatusBadge({ look, status, className, testId }: { look: Look; status: string; className?: string; testId?: string }) {
  return (
    <Badge tone={look.tone} data-status={status} data-testid={testId} className={cn("whitespace-nowrap", className)}>
      {look.label}
    </Badge>
  );
}

const lookOf = <K extends string>(looks: Record<K, Look>, status: string): Look => looks[status as K] ?? { label: status.replaceAll("_", " "), tone: "neutral" };

/** A shopper's order, as our database stores its status. */
export const ORDER_STATUS_BADGE: Record<OrderStatus, Look> = {
  pending: { label: "Awaiting payment", tone: "neutral" },
  processing: { label: "Processing", tone: "warning" },
  requires_action: { label: "Requires action", tone: "warning" },
  paid: { label: "Paid", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  canceled: { label: "Canceled", tone: "neutral" },
  refunded: { label: "Refunded", tone: "neutral" },
};

export function OrderStatusBadge({ status, className }: { status: string; className?: string }) {
  const known = asOrderStatus(status);
  return <StatusBadge look={ORDER_STATUS_BADGE[known]} status={known} className={className} />;
}

/** A payment as the merchant sees it in the admin area. */
export const PAYMENT_STATUS_BADGE: Record<PaymentStatus, Look> = {
  succeeded: { label: "Succeeded", tone: "success" },
  partially_refunded: { label: "Partially refunded", tone: "info" },
  refunded: { label: "Refunded", tone: "neutral" },
  disputed: { label: "Disputed", tone: "danger" },
  processing: { label: "Processing", tone: "warning" },
  requires_action: { label: "Requires action", tone: "warning" },
  pending: { label: "Incomplete", tone: "neutral" },
  failed: { label: "Failed", tone: "danger" },
  canceled: { label: "Canceled", tone: "neutral" },
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return <StatusBadge look={PAYMENT_STATUS_BADGE[status]} status={status} />;
}

const EVENT_STATUS_BADGE: Record<string, Look> = {
  processed: { label: "processed", tone: "success" },
  received: { label: "received", tone: "warning" },
  unmatched: { label: "unmatched", tone: "warning" },
  failed: { label: "failed", tone: "danger" },
  dead: { label: "dead", tone: "danger" },
  ignored: { label: "ignored", tone: "neutral" },
  other_mode: { label: "other mode", tone: "neutral" },
  foreign_account: { label: "foreign account", tone: "neutral" },
};

/** What an operator reads for a ledger state (filter chips, badges). */
export const eventStatusLabel = (status: string): string => lookOf(EVENT_STATUS_BADGE, status).label;

export function EventStatusBadge({ status }: { status: string }) {
  return <StatusBadge look={lookOf(EVENT_STATUS_BADGE, status)} status={status} />;
}

const REFUND_STATUS_BADGE: Record<string, Look> = {
  succeeded: { label: "succeeded", tone: "success" },
  pending: { label: "pending", tone: "warning" },
  requires_action: { label: "requires action", tone: "warning" },
  failed: { label: "failed", tone: "danger" },
  canceled: { label: "canceled", tone: "neutral" },
};

export const refundStatusLabel = (status: string): string => lookOf(REFUND_STATUS_BADGE, status).label;

export function RefundStatusBadge({ status }: { status: string }) {
  return <StatusBadge look={lookOf(REFUND_STATUS_BADGE, status)} status={status} />;
}

export const DISPUTE_STATUS_BADGE: Record<DisputeStatus, Look> = {
  warning_needs_response: { label: "Inquiry: needs response", tone: "warning" },
  warning_under_review: { label: "Inquiry: under review", tone: "info" },
  warning_closed: { label: "Inquiry closed", tone: "neutral" },
  needs_response: { label: "Needs response", tone: "danger" },
  under_review: { label: "Under review", tone: "info" },
  won: { label: "Won", tone: "success" },
  lost: { label: "Lost", tone: "neutral" },
  prevented: { label: "Prevented", tone: "neutral" },
  appeal_needs_response: { label: "Appeal: needs response", tone: "danger" },
  appeal_under_review: { label: "Appeal: under review", tone: "info" },
};

export const disputeStatusLabel = (status: string): string => lookOf(DISPUTE_STATUS_BADGE, status).label;

export function DisputeStatusBadge({ status }: { status: string }) {
  return <StatusBadge look={lookOf(DISPUTE_STATUS_BADGE, status)} status={status} testId="dispute-status" />;
}

/** A subscription: the badge, and the sentence the portal shows under it. */
export const SUBSCRIPTION_STATUS_BADGE: Record<SubscriptionStatus, Look & { explanation: string }> = {
  incomplete: { label: "Incomplete", tone: "warning", explanation: "The first payment hasn't gone through yet. Finish paying to start your plan." },
  incomplete_expired: { label: "Expired", tone: "neutral", explanation: "The first payment was never completed, so this subscription didn't start." },
  trialing: { label: "Trialing", tone: "info", explanation: "You're on a free trial. Your card is charged when the trial ends." },
  active: { label: "Active", tone: "success", explanation: "Your plan is active and paid up." },
  past_due: { label: "Past due", tone: "warning", explanation: "Your last payment failed. We'll retry, but your plan will end if it can't be paid." },
  unpaid: { label: "Unpaid", tone: "danger", explanation: "We couldn't collect payment after several tries. Pay the open invoice to restore your plan." },
  canceled: { label: "Canceled", tone: "neutral", explanation: "This subscription has ended." },
  paused: { label: "Paused", tone: "neutral", explanation: "Your subscription is paused: you're not being billed and paid features are off." },
};

export const subscriptionStatusLabel = (status: string): string => lookOf(SUBSCRIPTION_STATUS_BADGE, status).label;

export const subscriptionStatusExplanation = (status: string): string => SUBSCRIPTION_STATUS_BADGE[status as SubscriptionStatus]?.explanation ?? "";

export function SubscriptionStatusBadge({ status, className }: { status: string; className?: string }) {
  return <StatusBadge look={lookOf(SUBSCRIPTION_STATUS_BADGE, status)} status={status} className={className} testId="subscription-status" />;
}

export const INVOICE_STATUS_BADGE: Record<string, Look> = {
  draft: { label: "Draft", tone: "neutral" },
  open: { label: "Open", tone: "warning" },
  paid: { label: "Paid", tone: "success" },
  void: { label: "Void", tone: "neutral" },
  uncollectible: { label: "Uncollectible", tone: "danger" },
};

export function InvoiceStatusBadge({ status }: { status: string }) {
  return <StatusBadge look={lookOf(INVOICE_STATUS_BADGE, status)} status={status} />;
}

/** Radar's risk level of a payment (charge.outcome.risk_level). */
const RISK_LEVEL_BADGE: Record<string, Look> = {
  normal: { label: "normal", tone: "success" },
  elevated: { label: "elevated", tone: "warning" },
  highest: { label: "highest", tone: "danger" },
  not_assessed: { label: "not assessed", tone: "neutral" },
  unknown: { label: "unknown", tone: "neutral" },
};

export function RiskBadge({ level }: { level: string | null }) {
  if (!level) return <span className="text-zinc-500">—</span>;
  return <StatusBadge look={lookOf(RISK_LEVEL_BADGE, level)} status={level} testId="risk-badge" />;
}

/** A Radar review: open (waiting for a decision) or how it was closed. */
const REVIEW_BADGE: Record<string, Look> = {
  open: { label: "in review", tone: "warning" },
  approved: { label: "approved", tone: "success" },
  refunded: { label: "refunded", tone: "neutral" },
  refunded_as_fraud: { label: "refunded as fraud", tone: "danger" },
  disputed: { label: "disputed", tone: "danger" },
};

export function ReviewBadge({ open, closedReason }: { open: boolean; closedReason: string | null }) {
  const status = open ? "open" : (closedReason ?? "closed");
  return <StatusBadge look={lookOf(REVIEW_BADGE, status)} status={status} testId="review-badge" />;
}
