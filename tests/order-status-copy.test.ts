// What the shopper reads about an order in each state comes from one function:
// no refunded or disputed order promises shipping, no page promises an email
// that is not sent, and the summary's total says paid once it is.
import { describe, expect, it } from "vitest";
import { isSettledState, orderStatusCopy, orderTotalLabel, type OrderForCopy } from "@/lib/orders/status-copy";
import { PAYMENT_STATUSES, type PaymentStatus } from "@/lib/payments/status";

const order = (state: PaymentStatus, extra: Partial<OrderForCopy> = {}): OrderForCopy => ({
  state,
  amount: 2500,
  amountRefunded: 0,
  currency: "usd",
  email: "ann@example.com",
  lastPaymentError: null,
  ...extra,
});
const noEmail = { receipt: false };

describe("order copy per state", () => {
  it("paid: the amount received; the receipt only when one is emailed", () => {
    const quiet = orderStatusCopy(order("succeeded"), noEmail);
    expect(quiet.headline).toBe("Payment received");
    expect(quiet.body).toBe("We received $25.00.");
    expect(quiet.next[0]).toBe("We pack and ship your order within two working days.");
    expect(quiet.totalLabel).toBe("Total paid");
    expect(orderStatusCopy(order("succeeded"), { receipt: true }).body).toBe("We received $25.00. A receipt is on its way to ann@example.com.");
  });

  it("processing: the bank is confirming, nothing ships yet, still due", () => {
    const copy = orderStatusCopy(order("processing"), noEmail);
    expect(copy.headline).toBe("Processing payment");
    expect(copy.body).toBe("Your bank is confirming the payment of $25.00. This page updates by itself.");
    expect(copy.next).toContain("We ship once the payment is confirmed.");
    expect(copy.totalLabel).toBe("Total due");
  });

  it("partly refunded: how much of what came back", () => {
    const copy = orderStatusCopy(order("partially_refunded", { amountRefunded: 1000 }), noEmail);
    expect(copy.headline).toBe("Partly refunded");
    expect(copy.body).toContain("We refunded $10.00 of your $25.00 payment");
  });

  it("refunded and disputed orders never promise shipping", () => {
    for (const state of ["refunded", "disputed"] as const) {
      const copy = orderStatusCopy(order(state, { amountRefunded: state === "refunded" ? 2500 : 0 }), { receipt: true });
      expect([copy.body, ...copy.next].join(" ")).not.toMatch(/ship/i);
      expect(copy.totalLabel).toBe("Total paid");
    }
    expect(orderStatusCopy(order("refunded", { amountRefunded: 2500 }), noEmail).headline).toBe("Payment refunded");
    expect(orderStatusCopy(order("disputed"), noEmail).headline).toBe("Payment disputed");
  });

  it("failed: the issuer's words, no money taken, another card offered", () => {
    const copy = orderStatusCopy(order("failed", { lastPaymentError: "Your card was declined." }), noEmail);
    expect(copy.body).toBe("Your card was declined. No money was taken.");
    expect(copy.action).toBe("retry");
    expect(copy.totalLabel).toBe("Total due");
  });

  it("zero-decimal currencies read without decimals", () => {
    expect(orderStatusCopy(order("succeeded", { amount: 1500, currency: "jpy" }), noEmail).body).toBe("We received ¥1,500.");
  });

  it("no state mentions email when none is sent", () => {
    for (const state of PAYMENT_STATUSES) {
      const copy = orderStatusCopy(order(state), noEmail);
      expect([copy.body, ...copy.next].join(" ")).not.toMatch(/email|receipt/i);
    }
  });

  it("a settled order's checkout page shows its state instead of the form", () => {
    expect(PAYMENT_STATUSES.filter(isSettledState)).toEqual(["succeeded", "partially_refunded", "refunded", "disputed", "processing"]);
    expect(orderTotalLabel("pending")).toBe("Total due");
  });
});
