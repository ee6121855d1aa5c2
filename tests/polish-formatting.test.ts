// Small pure rules of the pages: CSV amounts in major units, the toast queue,
// the date presets of the admin filters, the plan-change dialog's title.
import { describe, expect, it } from "vitest";
import { lastDaysRange } from "@/components/admin/format";
import { planChangeTitle } from "@/components/subscriptions/portal/format";
import { type Toast, toastQueue } from "@/components/ui/toast-queue";
import { formatMajor } from "@/lib/money";
import { paymentCsvValues, type PaymentRow } from "@/lib/payments/queries";

describe("CSV amounts", () => {
  it("are major units with the currency's own digits", () => {
    expect(formatMajor(2599, "usd")).toBe("25.99");
    expect(formatMajor(5, "eur")).toBe("0.05");
    expect(formatMajor(1500, "jpy")).toBe("1500");
    expect(formatMajor(5120, "kwd")).toBe("5.120");
    expect(formatMajor(-250, "usd")).toBe("-2.50");
  });

  it("a payment row exports its amounts and currency code", () => {
    const row: PaymentRow = {
      id: "ord_1",
      source: "order",
      createdAt: "2026-12-01T10:00:00.000Z",
      amount: 1500,
      amountRefunded: 500,
      fee: 60,
      currency: "jpy",
      status: "partially_refunded",
      email: "ann@example.com",
      cardBrand: "visa",
      cardLast4: "4242",
      stripePaymentIntentId: "pi_1",
      stripeChargeId: "ch_1",
      orderId: "ord_1",
      stripeInvoiceId: null,
      stripeSubscriptionId: null,
      stripeCustomerId: null,
    };
    // status, amount, refunded, fee, currency
    expect(paymentCsvValues(row).slice(6, 11)).toEqual(["partially_refunded", "1500", "500", "60", "JPY"]);
  });
});

describe("the toast queue", () => {
  const toast = (id: number, title = `t${id}`): Toast => ({ id, title, tone: "success" });

  it("shows one toast at a time: a new one replaces the shown one", () => {
    let shown = toastQueue([], { type: "show", toast: toast(1, "Added to cart") });
    shown = toastQueue(shown, { type: "show", toast: toast(2, "Added to cart") });
    expect(shown).toEqual([toast(2, "Added to cart")]);
  });

  it("an old toast's timer does not dismiss the newer one", () => {
    const shown = toastQueue([toast(2)], { type: "dismiss", id: 1 });
    expect(shown).toEqual([toast(2)]);
    expect(toastQueue(shown, { type: "dismiss", id: 2 })).toEqual([]);
  });

  it("navigation clears everything", () => {
    expect(toastQueue([toast(3)], { type: "clear" })).toEqual([]);
  });
});

describe("admin date presets", () => {
  it("the last N days include today, as UTC days", () => {
    const now = new Date("2026-12-08T01:30:00Z");
    expect(lastDaysRange(7, now)).toEqual({ from: "2026-12-02", to: "2026-12-08" });
    expect(lastDaysRange(30, now)).toEqual({ from: "2026-11-09", to: "2026-12-08" });
    expect(lastDaysRange(1, now)).toEqual({ from: "2026-12-08", to: "2026-12-08" });
  });
});

describe("the plan-change dialog title", () => {
  it("says Change seats when only the seats change, Switch to <plan> otherwise", () => {
    expect(planChangeTitle({ samePlan: true, planName: "Team", fromSeats: 3, toSeats: 5 })).toBe("Change seats (3 → 5)");
    expect(planChangeTitle({ samePlan: false, planName: "Pro", fromSeats: 3, toSeats: 3 })).toBe("Switch to Pro");
  });
});
