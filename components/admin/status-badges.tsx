import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { PaymentStatus } from "@/lib/payments/queries";

/** The same words and colours for a payment everywhere in the admin area. */
export const PAYMENT_STATUS_BADGE: Record<PaymentStatus, { label: string; tone: BadgeTone }> = {
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
  const badge = PAYMENT_STATUS_BADGE[status];
  return (
    <Badge tone={badge.tone} data-status={status}>
      {badge.label}
    </Badge>
  );
}

const EVENT_TONES: Record<string, BadgeTone> = { processed: "success", received: "warning", failed: "danger", ignored: "neutral" };

export function EventStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={EVENT_TONES[status] ?? "neutral"} data-status={status}>
      {status}
    </Badge>
  );
}

const REFUND_TONES: Record<string, BadgeTone> = { succeeded: "success", pending: "warning", requires_action: "warning", failed: "danger", canceled: "neutral" };

export function RefundStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={REFUND_TONES[status] ?? "neutral"} data-status={status}>
      {status.replace(/_/g, " ")}
    </Badge>
  );
}
