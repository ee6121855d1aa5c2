// Hosted invoice page (`/i/{id}`) and invoice PDF (`/i/{id}/pdf`), the emulator's stand-ins for
// `hosted_invoice_url` and `invoice_pdf` (BEHAVIOR §6.9). The PDF is written by hand: PDF 1.4, one
// page, Helvetica, with a correct cross-reference table.
import type http from "node:http";
import type Stripe from "stripe";
import type { Emulator } from "../core/emulator.ts";
import { formatDate, money, type Invoice } from "./model.ts";
import { escapeHtml } from "../core/responses.ts";

export function serveInvoicePage(emu: Emulator, res: http.ServerResponse, pathname: string): void {
  const parts = pathname.split("/").filter(Boolean); // ["i", id, "pdf"?]
  const inv = parts[1] ? emu.store.get<Invoice>("invoices", decodeURIComponent(parts[1])) : undefined;
  if (!inv || inv.status === "draft") {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Invoice not found.");
    return;
  }
  if (parts[2] === "pdf") {
    const pdf = invoicePdf(emu, inv);
    res.writeHead(200, {
      "Content-Type": "application/pdf",
      "Content-Length": pdf.length,
      "Content-Disposition": `inline; filename="Invoice-${inv.number ?? inv.id}.pdf"`,
    });
    res.end(pdf);
    return;
  }
  if (parts.length !== 2) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found.");
    return;
  }
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(invoiceHtml(inv));
}

function invoiceHtml(inv: Invoice): string {
  const rows = inv.lines.data
    .map((l) => `<tr><td>${escapeHtml(l.description ?? "")}</td><td>${l.quantity ?? ""}</td><td style="text-align:right">${escapeHtml(money(l.amount, inv.currency))}</td></tr>`)
    .join("");
  const discounts = (inv.total_discount_amounts ?? [])
    .map((d) => `<tr><td colspan="2">Discount</td><td style="text-align:right">${escapeHtml(money(-d.amount, inv.currency))}</td></tr>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Invoice ${escapeHtml(inv.number ?? inv.id)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}table{width:100%;border-collapse:collapse}td,th{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}</style></head>
<body><main>
<h1>Invoice ${escapeHtml(inv.number ?? inv.id)}</h1>
<p>Status: <strong data-testid="invoice-status">${escapeHtml(inv.status ?? "")}</strong></p>
<p>Billed to ${escapeHtml(inv.customer_name ?? inv.customer_email ?? String(inv.customer))} · issued ${escapeHtml(formatDate(inv.status_transitions.finalized_at ?? inv.created))}</p>
<table><thead><tr><th>Description</th><th>Qty</th><th style="text-align:right">Amount</th></tr></thead>
<tbody>${rows}${discounts}</tbody>
<tfoot><tr><th colspan="2">Total</th><th style="text-align:right">${escapeHtml(money(inv.total, inv.currency))}</th></tr>
<tr><th colspan="2">Amount due</th><th style="text-align:right">${escapeHtml(money(inv.amount_due, inv.currency))}</th></tr>
<tr><th colspan="2">Amount paid</th><th style="text-align:right">${escapeHtml(money(inv.amount_paid, inv.currency))}</th></tr></tfoot></table>
<p><a href="/i/${encodeURIComponent(inv.id)}/pdf">Download PDF</a></p>
<p><small>Stripe emulator — a stand-in for Stripe's hosted invoice page.</small></p>
</main></body></html>`;
}

/** PDF string literal: ASCII only, with (, ) and \ escaped. */
function pdfText(s: string): string {
  return `(${s
    .replace(/[^\x20-\x7e]/g, (c) => (c === "€" ? "EUR " : c === "£" ? "GBP " : c === "×" ? "x" : "?"))
    .replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export function invoicePdf(emu: Emulator, inv: Invoice): Buffer {
  const cust = emu.store.get<Stripe.Customer>("customers", inv.customer as string);
  const text: { size: number; x: number; y: number; s: string }[] = [];
  let y = 790;
  const line = (s: string, size = 11, x = 50) => {
    text.push({ size, x, y, s });
    y -= size + 8;
  };
  line(`Invoice ${inv.number ?? inv.id}`, 20);
  line(`Payport (Stripe emulator)`);
  line(`Billed to: ${cust?.name ?? cust?.email ?? inv.customer}`);
  line(`Date: ${formatDate(inv.status_transitions.finalized_at ?? inv.created)}   Status: ${inv.status}`);
  y -= 10;
  for (const l of inv.lines.data) {
    text.push({ size: 11, x: 430, y, s: money(l.amount, inv.currency) });
    line(`${l.description ?? ""}`.slice(0, 70));
  }
  for (const d of inv.total_discount_amounts ?? []) {
    text.push({ size: 11, x: 430, y, s: money(-d.amount, inv.currency) });
    line("Discount");
  }
  y -= 10;
  text.push({ size: 12, x: 430, y, s: money(inv.total, inv.currency) });
  line("Total", 12);
  text.push({ size: 12, x: 430, y, s: money(inv.amount_due, inv.currency) });
  line("Amount due", 12);
  text.push({ size: 12, x: 430, y, s: money(inv.amount_paid, inv.currency) });
  line("Amount paid", 12);
  const content = text.map((t) => `BT /F1 ${t.size} Tf ${t.x} ${t.y} Td ${pdfText(t.s)} Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfText(`Invoice ${inv.number ?? inv.id}`)} /Producer (Payport Stripe emulator) >>`,
  ];
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
