import { describe, expect, it } from "vitest";
import { formatMoney, isZeroDecimalCurrency, toMajor } from "./money";

describe("money", () => {
  it("formats two-decimal currencies from cents", () => {
    expect(formatMoney(2599, "usd")).toBe("$25.99");
    expect(formatMoney(100000, "USD")).toBe("$1,000.00");
    expect(formatMoney(0, "usd")).toBe("$0.00");
  });

  it("formats zero-decimal currencies without decimals and without dividing", () => {
    expect(formatMoney(1500, "jpy")).toBe("¥1,500");
    expect(formatMoney(12000, "krw")).toBe("₩12,000");
  });

  it("formats EUR in the requested locale", () => {
    expect(formatMoney(1250, "eur")).toBe("€12.50");
    expect(formatMoney(1250, "eur", "de-DE")).toBe("12,50\u00a0€");
  });

  it("formats three-decimal currencies from thousandths", () => {
    expect(formatMoney(5120, "kwd")).toMatch(/5\.120/);
  });

  it("knows Stripe's zero-decimal list, case-insensitively", () => {
    for (const code of ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]) {
      expect(isZeroDecimalCurrency(code)).toBe(true);
      expect(isZeroDecimalCurrency(code.toLowerCase())).toBe(true);
    }
    expect(isZeroDecimalCurrency("usd")).toBe(false);
    expect(isZeroDecimalCurrency("eur")).toBe(false);
  });

  it("converts minor units to major units", () => {
    expect(toMajor(1999, "usd")).toBe(19.99);
    expect(toMajor(1500, "jpy")).toBe(1500);
    expect(toMajor(5120, "kwd")).toBe(5.12);
  });
});
