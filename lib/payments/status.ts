// A payment's status as the merchant reads it: the same word on the badge,
// the filter chip and the CSV. An open dispute outranks everything else.
import { isOpenDispute } from "@/lib/disputes/status";

export const PAYMENT_STATUSES = ["succeeded", "partially_refunded", "refunded", "disputed", "processing", "requires_action", "pending", "failed", "canceled"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export function paymentStatusOf(order: { status: string; amount: number; amountRefunded: number; disputes: { status: string }[] }): PaymentStatus {
  if (order.disputes.some((d) => isOpenDispute(d.status))) return "disputed";
  if (order.status === "refunded" || (order.amountRefunded > 0 && order.amountRefunded >= order.amount)) return "refunded";
  if (order.status === "paid") return order.amountRefunded > 0 ? "partially_refunded" : "succeeded";
  return (PAYMENT_STATUSES as readonly string[]).includes(order.status) ? (order.status as PaymentStatus) : "pending";
}
