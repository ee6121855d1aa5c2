// Every template formats money with lib/money (minor units, zero- and
// three-decimal currencies), escapes what it interpolates into HTML, and has
// the same facts in its text and HTML parts.
import { describe, expect, it } from "vitest";
import { cardExpiring, invoicePaymentFailed, orderReceipt, refundNotice } from "@/lib/mail/templates";

const receipt = (currency: string, unit: number, quantity = 1) =>
  orderReceipt({ orderId: "ord_1", currency, amount: unit * quantity, lines: [{ productName: "Tee", quantity, amount: unit * quantity }], orderUrl: "https://shop.example/checkout/ord_1/complete" });

describe("mail templates", () => {
  it.each([
    ["usd", 2599, "$25.99"],
    ["jpy", 1500, "¥1,500"],
    ["krw", 12000, "₩12,000"],
    ["kwd", 5120, "KWD\u00a05.120"],
    ["eur", 5, "€0.05"],
  ])("a %s receipt of %i minor units says %s in subject, text and HTML", (currency, amount, shown) => {
    const email = receipt(currency, amount);
    expect(email.subject).toBe(`Your Payport receipt: ${shown}`);
    expect(email.text).toContain(`Total paid: ${shown}`);
    expect(email.html).toContain(shown);
  });

  it("lines show quantity and line total", () => {
    const email = receipt("usd", 1250, 3);
    expect(email.text).toContain("Tee × 3  $37.50");
    expect(email.html).toContain("Tee × 3");
  });

  it("escapes product names and links in HTML", () => {
    const email = orderReceipt({ orderId: "o", currency: "usd", amount: 100, lines: [{ productName: `<script>alert("x")</script>`, quantity: 1, amount: 100 }], orderUrl: `https://x.example/?a=1&b="2"` });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(email.html).toContain('href="https://x.example/?a=1&amp;b=&quot;2&quot;"');
    expect(email.text).toContain(`<script>alert("x")</script>`);
  });

  it("a partial refund says how much of the order is refunded so far; a full one says in full", () => {
    const partial = refundNotice({ orderId: "o", currency: "jpy", refundAmount: 500, orderAmount: 3000, refundedSoFar: 1500, orderUrl: "u" });
    expect(partial.subject).toBe("Your refund of ¥500 is on its way");
    expect(partial.text).toContain("In total ¥1,500 of your ¥3,000 order has been refunded.");
    const full = refundNotice({ orderId: "o", currency: "usd", refundAmount: 999, orderAmount: 2999, refundedSoFar: 2999, orderUrl: "u" });
    expect(full.text).toContain("Your order of $29.99 has been refunded in full.");
  });

  it("dunning names the amount, the next attempt and the card link; without a retry it says so", () => {
    const email = invoicePaymentFailed({ planName: "Pro", currency: "usd", amountDue: 1900, nextPaymentAttempt: new Date(Date.UTC(2031, 2, 4)), updateCardUrl: "https://shop.example/account/billing", invoiceUrl: null });
    expect(email.subject).toBe("Payment of $19.00 failed: please update your card");
    expect(email.text).toContain("We will try again on March 4, 2031.");
    expect(email.text).toContain("Update your card: https://shop.example/account/billing");
    expect(email.html).toContain('href="https://shop.example/account/billing"');
    expect(email.text).not.toContain("View the invoice");
    const last = invoicePaymentFailed({ planName: null, currency: "jpy", amountDue: 980, nextPaymentAttempt: null, updateCardUrl: "u", invoiceUrl: "https://inv.example/1" });
    expect(last.text).toContain("We could not collect ¥980 for your subscription.");
    expect(last.text).toContain("We will not retry automatically.");
    expect(last.text).toContain("View the invoice: https://inv.example/1");
  });

  it("the expiring-card notice names the card and its expiry", () => {
    const email = cardExpiring({ brand: "mastercard", last4: "4444", expMonth: 3, expYear: 2031, updateCardUrl: "u" });
    expect(email.subject).toBe("Your Mastercard ending in 4444 expires 03/2031");
  });
});

describe("mail settings", async () => {
  const { isLocalOutbox, parseMailEnv, DEFAULT_MAIL_FROM } = await import("@/lib/mail/config");
  it("reads SMTP_URL and MAIL_FROM; blank is unset; anything but smtp(s) is refused with the fix", () => {
    expect(parseMailEnv({})).toEqual({ smtpUrl: null, from: DEFAULT_MAIL_FROM });
    expect(parseMailEnv({ SMTP_URL: " ", MAIL_FROM: "" })).toEqual({ smtpUrl: null, from: DEFAULT_MAIL_FROM });
    expect(parseMailEnv({ SMTP_URL: "smtps://u:p@smtp.example.com:465", MAIL_FROM: "Shop <r@shop.example>" })).toEqual({ smtpUrl: "smtps://u:p@smtp.example.com:465", from: "Shop <r@shop.example>" });
    expect(() => parseMailEnv({ SMTP_URL: "https://smtp.example.com" })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
  });
  it("the local outbox is for development without SMTP only", () => {
    expect(isLocalOutbox({ NODE_ENV: "development" })).toBe(true);
    expect(isLocalOutbox({ NODE_ENV: "production" })).toBe(false);
    expect(isLocalOutbox({ NODE_ENV: "development", SMTP_URL: "smtp://localhost:25" })).toBe(false);
  });
});
