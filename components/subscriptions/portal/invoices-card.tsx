"use client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { INVOICE_STATUS_BADGE } from "@/components/status-badges";
import type { PortalInvoice } from "@/lib/customers/billing-overview";
import { formatDate, formatMoney } from "./format";

export function InvoicesCard({ invoices, onPay, payingId }: { invoices: PortalInvoice[]; onPay: (invoice: PortalInvoice) => void; payingId: string | null }) {
  const currencies = new Set(invoices.map((i) => i.currency));
  return (
    <Card data-testid="invoices">
      <CardHeader>
        <CardTitle>Invoices</CardTitle>
      </CardHeader>
      <CardContent className="p-0 pt-4">
        {invoices.length === 0 ? (
          <p className="m-6 mt-0 rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600">No invoices yet. They appear here when you're billed.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead className="border-y border-zinc-200 bg-zinc-50 text-left text-xs font-medium text-zinc-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Date</th>
                  <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Number</th>
                  <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Status</th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">Amount</th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {invoices.map((inv) => {
                  const status = INVOICE_STATUS_BADGE[inv.status] ?? { label: inv.status, tone: "neutral" as const };
                  return (
                    <tr key={inv.stripeInvoiceId} data-testid="invoice-row" data-invoice-id={inv.stripeInvoiceId} data-status={inv.status} data-billing-reason={inv.billingReason ?? ""}>
                      <td className="px-4 py-3 whitespace-nowrap text-zinc-600">
                        {formatDate(inv.createdAt)}
                        {/* Phones: number and status sit under the date instead of in their own columns. */}
                        <div className="mt-1 sm:hidden">
                          <Badge tone={status.tone}>{status.label}</Badge>
                        </div>
                      </td>
                      <td className="hidden px-4 py-3 font-mono text-xs text-zinc-700 sm:table-cell">{inv.number ?? "—"}</td>
                      <td className="hidden px-4 py-3 sm:table-cell">
                        <Badge tone={status.tone}>{status.label}</Badge>
                      </td>
                      <td className="px-4 py-3 text-right font-medium whitespace-nowrap text-zinc-900 tabular-nums" data-testid="invoice-amount">
                        {formatMoney(inv.total, inv.currency)}
                        {currencies.size > 1 && <span className="ml-1 text-xs text-zinc-500 uppercase">{inv.currency}</span>}
                      </td>
                      <td className="px-4 py-3 whitespace-nowrap">
                        <div className="flex items-center justify-end gap-3">
                          {inv.status === "open" && (
                            <Button size="sm" onClick={() => onPay(inv)} loading={payingId === inv.stripeInvoiceId}>
                              Pay
                            </Button>
                          )}
                          {inv.hostedInvoiceUrl && (
                            <a href={inv.hostedInvoiceUrl} target="_blank" rel="noreferrer" className="text-accent-700 hover:underline">
                              View
                            </a>
                          )}
                          {inv.invoicePdf && (
                            <a href={inv.invoicePdf} target="_blank" rel="noreferrer" className="text-accent-700 hover:underline" data-testid="invoice-pdf">
                              PDF
                            </a>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
