import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DISPUTE_STATUS_LABELS } from "@/lib/disputes/status";

const TONES: Record<string, BadgeTone> = {
  warning_needs_response: "warning",
  needs_response: "danger",
  appeal_needs_response: "danger",
  warning_under_review: "info",
  under_review: "info",
  appeal_under_review: "info",
  won: "success",
  warning_closed: "neutral",
  prevented: "neutral",
  lost: "neutral",
};

export function DisputeStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={TONES[status] ?? "neutral"} data-status={status} data-testid="dispute-status" className="whitespace-nowrap">
      {DISPUTE_STATUS_LABELS[status] ?? status.replaceAll("_", " ")}
    </Badge>
  );
}
