import { Badge, type BadgeTone } from "@/components/ui/badge";
import { subscriptionStatusLabel } from "@/lib/subscriptions/status";

const TONES: Record<string, BadgeTone> = {
  active: "success",
  trialing: "info",
  past_due: "warning",
  unpaid: "danger",
  incomplete: "warning",
  incomplete_expired: "neutral",
  canceled: "neutral",
  paused: "neutral",
};

/** The same words and colours for a subscription status everywhere. */
export function SubscriptionStatusBadge({ status, className }: { status: string; className?: string }) {
  return (
    <Badge tone={TONES[status] ?? "neutral"} data-status={status} data-testid="subscription-status" className={className}>
      {subscriptionStatusLabel(status)}
    </Badge>
  );
}
