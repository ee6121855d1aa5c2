import type { BadgeTone } from "@/components/ui/badge";

/** Order statuses as our database stores them (see prisma/schema.prisma). */
export type OrderStatus = "pending" | "processing" | "requires_action" | "paid" | "failed" | "canceled" | "refunded";

const KNOWN: readonly string[] = ["pending", "processing", "requires_action", "paid", "failed", "canceled", "refunded"];

export function asOrderStatus(value: string): OrderStatus {
  return (KNOWN.includes(value) ? value : "pending") as OrderStatus;
}

/** Statuses after which nothing changes without the shopper acting again. */
export function isTerminalStatus(status: string): boolean {
  return status === "paid" || status === "failed" || status === "canceled" || status === "refunded";
}

/** The same words and colours everywhere a status is shown. */
export const STATUS_BADGE: Record<OrderStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: "Awaiting payment", tone: "neutral" },
  processing: { label: "Processing", tone: "warning" },
  requires_action: { label: "Requires action", tone: "warning" },
  paid: { label: "Paid", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  canceled: { label: "Canceled", tone: "neutral" },
  refunded: { label: "Refunded", tone: "neutral" },
};
