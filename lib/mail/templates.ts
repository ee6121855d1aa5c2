// Every message Payport sends, as plain text and simple HTML. Amounts are
// integers in minor units and go through formatMoney (zero-decimal currencies
// included); all text put into HTML is escaped.
import { formatMoney } from "@/lib/money";

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A tagged template that escapes every interpolated value (wrap trusted markup in `raw`). */
type Raw = { raw: string };
const raw = (markup: string): Raw => ({ raw: markup });
function html(strings: TemplateStringsArray, ...values: (string | number | Raw)[]): string {
  return strings.reduce((out, s, i) => {
    const v = values[i - 1];
    return out + (typeof v === "object" ? v.raw : escapeHtml(String(v))) + s;
  });
}

function layout(title: string, body: string): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#18181b">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;border:1px solid #e4e4e7">
<p style="margin:0 0 16px;font-weight:600;color:#4f46e5">Payport</p>
${raw(body)}
</div></body></html>`;
}

const button = (href: string, label: string) =>
  html`<p style="margin:24px 0"><a href="${href}" style="background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block">${label}</a></p>`;

export type ReceiptInput = {
  orderId: string;
  currency: string;
  amount: number;
  lines: { productName: string; quantity: number; amount: number }[];
  orderUrl: string;
  card?: { brand: string | null; last4: string | null };
};

export function orderReceipt(input: ReceiptInput): RenderedEmail {
  const money = (n: number) => formatMoney(n, input.currency);
  const total = money(input.amount);
  const subject = `Your Payport receipt: ${total}`;
  const rows = input.lines.map((l) => ({ label: `${l.productName} × ${l.quantity}`, amount: money(l.amount) }));
  const text = [
    "Thank you for your order. Your payment was received.",
    "",
    ...rows.map((r) => `${r.label}  ${r.amount}`),
    `Total paid: ${total}`,
    "",
    `Order: ${input.orderId}`,
    `View your order: ${input.orderUrl}`,
  ].join("\n");
  const table = rows.map((r) => html`<tr><td style="padding:6px 0">${r.label}</td><td style="padding:6px 0;text-align:right">${r.amount}</td></tr>`).join("");
  const body = html`<h1 style="font-size:20px;margin:0 0 8px">Thank you for your order</h1>
<p>Your payment was received.</p>
<table style="width:100%;border-collapse:collapse;margin:16px 0">${raw(table)}
<tr><td style="padding:8px 0;border-top:1px solid #e4e4e7;font-weight:600">Total paid</td><td style="padding:8px 0;border-top:1px solid #e4e4e7;text-align:right;font-weight:600">${total}</td></tr></table>
<p style="color:#71717a;font-size:13px">Order ${input.orderId}</p>
${raw(button(input.orderUrl, "View your order"))}`;
  return { subject, text, html: layout(subject, body) };
}

export type RefundInput = {
  orderId: string;
  currency: string;
  refundAmount: number;
  orderAmount: number;
  refundedSoFar: number;
  orderUrl: string;
};

export function refundNotice(input: RefundInput): RenderedEmail {
  const money = (n: number) => formatMoney(n, input.currency);
  const amount = money(input.refundAmount);
  const full = input.refundedSoFar >= input.orderAmount;
  const subject = `Your refund of ${amount} is on its way`;
  const summary = full
    ? `Your order of ${money(input.orderAmount)} has been refunded in full.`
    : `In total ${money(input.refundedSoFar)} of your ${money(input.orderAmount)} order has been refunded.`;
  const text = [
    `We refunded ${amount} to the card you paid with.`,
    summary,
    "Refunds usually appear on your statement within 5–10 business days, depending on your bank.",
    "",
    `Order: ${input.orderId}`,
    `View your order: ${input.orderUrl}`,
  ].join("\n");
  const body = html`<h1 style="font-size:20px;margin:0 0 8px">Your refund is on its way</h1>
<p>We refunded <strong>${amount}</strong> to the card you paid with.</p>
<p>${summary}</p>
<p style="color:#71717a">Refunds usually appear on your statement within 5–10 business days, depending on your bank.</p>
<p style="color:#71717a;font-size:13px">Order ${input.orderId}</p>
${raw(button(input.orderUrl, "View your order"))}`;
  return { subject, text, html: layout(subject, body) };
}

export type PaymentFailedInput = {
  planName: string | null;
  currency: string;
  amountDue: number;
  nextPaymentAttempt: Date | null;
  updateCardUrl: string;
  invoiceUrl: string | null;
};

const day = (date: Date) => date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

export function invoicePaymentFailed(input: PaymentFailedInput): RenderedEmail {
  const amount = formatMoney(input.amountDue, input.currency);
  const what = input.planName ? `your ${input.planName} subscription` : "your subscription";
  const subject = `Payment of ${amount} failed: please update your card`;
  const retry = input.nextPaymentAttempt
    ? `We will try again on ${day(input.nextPaymentAttempt)}. Update your card before then to keep your access.`
    : "We will not retry automatically. Update your card and pay the invoice to keep your access.";
  const text = [
    `We could not collect ${amount} for ${what}.`,
    retry,
    "",
    `Update your card: ${input.updateCardUrl}`,
    ...(input.invoiceUrl ? [`View the invoice: ${input.invoiceUrl}`] : []),
  ].join("\n");
  const body = html`<h1 style="font-size:20px;margin:0 0 8px">Your payment did not go through</h1>
<p>We could not collect <strong>${amount}</strong> for ${what}.</p>
<p>${retry}</p>
${raw(button(input.updateCardUrl, "Update your card"))}
${raw(input.invoiceUrl ? html`<p><a href="${input.invoiceUrl}">View the invoice</a></p>` : "")}`;
  return { subject, text, html: layout(subject, body) };
}

export type CardExpiringInput = { brand: string | null; last4: string | null; expMonth: number; expYear: number; updateCardUrl: string };

export function cardExpiring(input: CardExpiringInput): RenderedEmail {
  const card = `${input.brand ? input.brand[0].toUpperCase() + input.brand.slice(1) : "Card"}${input.last4 ? ` ending in ${input.last4}` : ""}`;
  const expiry = `${String(input.expMonth).padStart(2, "0")}/${input.expYear}`;
  const subject = `Your ${card} expires ${expiry}`;
  const text = [
    `The ${card} you use for your subscription expires at the end of ${expiry}.`,
    "Add a new card so your next payment goes through.",
    "",
    `Update your card: ${input.updateCardUrl}`,
  ].join("\n");
  const body = html`<h1 style="font-size:20px;margin:0 0 8px">Your card expires soon</h1>
<p>The ${card} you use for your subscription expires at the end of <strong>${expiry}</strong>.</p>
<p>Add a new card so your next payment goes through.</p>
${raw(button(input.updateCardUrl, "Update your card"))}`;
  return { subject, text, html: layout(subject, body) };
}
