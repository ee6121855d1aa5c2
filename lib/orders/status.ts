// What an order status means, and how a PaymentIntent status maps onto it.
import type Stripe from "stripe";

/** Once a PaymentIntent reaches one of these, nothing later can change it. */
export const TERMINAL_PAYMENT_STATUSES: readonly Stripe.PaymentIntent.Status[] = ["succeeded", "canceled"];

export function isTerminalPaymentStatus(status: string | null | undefined): boolean {
  return status != null && (TERMINAL_PAYMENT_STATUSES as readonly string[]).includes(status);
}

export function orderStatusFor(pi: Pick<Stripe.PaymentIntent, "status" | "last_payment_error">): string {
  switch (pi.status) {
    case "succeeded":
      return "paid";
    case "canceled":
      return "canceled";
    case "processing":
    // We capture automatically; an authorized-but-uncaptured intent is still in flight.
    case "requires_capture":
      return "processing";
    case "requires_action":
      return "requires_action";
    case "requires_payment_method":
      // Back here after a decline or failed 3-D Secure: the shopper may try another card.
      return pi.last_payment_error ? "failed" : "pending";
    default:
      return "pending";
  }
}

/** Order statuses as our database stores them (see prisma/schema.prisma). */
export type OrderStatus = "pending" | "processing" | "requires_action" | "paid" | "failed" | "canceled" | "refunded";

const ORDER_STATUSES: readonly string[] = ["pending", "processing", "requires_action", "paid", "failed", "canceled", "refunded"];

export function asOrderStatus(value: string): OrderStatus {
  return (ORDER_STATUSES.includes(value) ? value : "pending") as OrderStatus;
}

/** Statuses after which nothing changes without the shopper acting again. */
export function isTerminalStatus(status: string): boolean {
  return status === "paid" || status === "failed" || status === "canceled" || status === "refunded";
}
