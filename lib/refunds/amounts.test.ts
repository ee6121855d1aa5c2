import { describe, expect, it } from "vitest";
import { parseMajorAmount } from "@/lib/refunds/amounts";
import { refundableOf } from "@/lib/refunds/rules";

describe("parseMajorAmount", () => {
  it("reads major units in the currency's minor unit", () => {
    expect(parseMajorAmount("12.50", "usd")).toBe(1250);
    expect(parseMajorAmount("15", "usd")).toBe(1500);
    expect(parseMajorAmount("1,500", "jpy")).toBe(1500);
    expect(parseMajorAmount("1.234", "kwd")).toBe(1234);
    expect(parseMajorAmount("0.29", "usd")).toBe(29); // no float drift
  });

  it("rejects more decimals than the currency has, zero, negatives and text", () => {
    expect(parseMajorAmount("1.5", "jpy")).toBeNull();
    expect(parseMajorAmount("1.005", "usd")).toBeNull();
    expect(parseMajorAmount("0", "usd")).toBeNull();
    expect(parseMajorAmount("-5", "usd")).toBeNull();
    expect(parseMajorAmount("ten", "usd")).toBeNull();
  });
});

describe("refundableOf", () => {
  const order = { amount: 2500, amountRefunded: 0, currency: "usd" };
  it("counts pending and succeeded refunds, not failed or canceled ones", () => {
    const refunds = [
      { amount: 500, status: "pending" },
      { amount: 700, status: "succeeded" },
      { amount: 900, status: "failed" },
      { amount: 100, status: "canceled" },
    ];
    expect(refundableOf(order, refunds)).toEqual({ amount: 2500, refunded: 1200, remaining: 1300, currency: "usd" });
  });
  it("trusts the larger of the webhook total and our rows (a refund made in the Dashboard may have no row yet)", () => {
    expect(refundableOf({ ...order, amountRefunded: 2000 }, [{ amount: 500, status: "succeeded" }]).remaining).toBe(500);
  });
});
