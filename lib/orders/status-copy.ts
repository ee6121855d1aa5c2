// What the shopper is told about an order in each state: the return page's
// headline and text, the checkout page of a settled order, and (for whoever
// sends emails) the same sentences. One place, so no page promises what the
// order's state contradicts (a refunded order that "ships within two days").
import { formatMoney } from "@/lib/money";
import type { PaymentStatus } from "@/lib/payments/status";

/** The order as the copy needs it: its shopper-facing state (lib/payments/status) and amounts. */
export type OrderForCopy = {
  state: PaymentStatus;
  amount: number;
  amountRefunded: number;
  currency: string;
  email: string;
  lastPaymentError: string | null;
};

export type OrderCopy = {
  headline: string;
  /** The paragraph under the headline. */
  body: string;
  /** "What happens next", in order; empty when nothing does. */
  next: string[];
  /** The shopper's one action on the checkout page, if any. */
  action: "pay" | "retry" | "authenticate" | null;
  /** The summary's total line: due until paid, then paid. */
  totalLabel: "Total due" | "Total paid";
};

/** What is actually emailed to the shopper (lib/orders/emails.ts): the copy promises an email only when one is sent. */
export type ShopperEmails = { receipt: boolean };

export function orderStatusCopy(order: OrderForCopy, emails: ShopperEmails): OrderCopy {
  const total = formatMoney(order.amount, order.currency);
  const refunded = formatMoney(order.amountRefunded, order.currency);
  const keepPage = "Keep this page's address: it always shows the order's current status.";
  const paid = { totalLabel: orderTotalLabel(order.state), action: null };
  switch (order.state) {
    case "succeeded":
      return {
        ...paid,
        headline: "Payment received",
        body: `We received ${total}.${emails.receipt ? ` A receipt is on its way to ${order.email}.` : ""}`,
        next: ["We pack and ship your order within two working days.", keepPage],
      };
    case "partially_refunded":
      return {
        ...paid,
        headline: "Partly refunded",
        body: `We refunded ${refunded} of your ${total} payment to your card. It can take 5–10 business days to show up.`,
        next: ["The rest of the order stands as paid.", keepPage],
      };
    case "refunded":
      return {
        ...paid,
        headline: "Payment refunded",
        body: `We refunded ${total} to your card. It can take 5–10 business days to show up.`,
        next: ["Nothing more is due for this order."],
      };
    case "disputed":
      return {
        ...paid,
        headline: "Payment disputed",
        body: `Your bank told us this ${total} payment is disputed. The bank reviews it and decides the outcome.`,
        next: ["If you did not mean to dispute it, ask your bank to withdraw the dispute.", keepPage],
      };
    case "processing":
      return {
        totalLabel: "Total due",
        action: null,
        headline: "Processing payment",
        body: `Your bank is confirming the payment of ${total}. This page updates by itself${emails.receipt ? `; you can also close it, and the receipt goes to ${order.email} once it's done` : ""}.`,
        next: ["We ship once the payment is confirmed.", keepPage],
      };
    case "requires_action":
      return { totalLabel: "Total due", action: "authenticate", headline: "Confirm your payment", body: "Your bank needs you to confirm this payment before we can take it.", next: [] };
    case "failed":
      return {
        totalLabel: "Total due",
        action: "retry",
        headline: "Payment failed",
        body: `${order.lastPaymentError ?? "Your payment didn't go through."} No money was taken.`,
        next: ["Your order is kept: try another card."],
      };
    case "canceled":
      return { totalLabel: "Total due", action: null, headline: "Order canceled", body: "This order was canceled. No money was taken.", next: [] };
    case "pending":
      return { totalLabel: "Total due", action: "pay", headline: "Waiting for payment", body: "We haven't received a payment for this order yet. This page updates by itself once it arrives.", next: [] };
  }
}

/** The order summary's total line: "Total due" until the money is taken. */
export function orderTotalLabel(state: PaymentStatus): OrderCopy["totalLabel"] {
  return state === "succeeded" || state === "partially_refunded" || state === "refunded" || state === "disputed" ? "Total paid" : "Total due";
}

/** Whether the order is past paying: its checkout page shows its state instead of the payment form. */
export function isSettledState(state: PaymentStatus): boolean {
  return state === "succeeded" || state === "partially_refunded" || state === "refunded" || state === "disputed" || state === "processing";
}
