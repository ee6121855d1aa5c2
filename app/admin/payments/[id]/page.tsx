import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { DetailItem, DetailSection, TitledCard } from "@/components/admin/detail-page";
import { formatDateTime, formatRelative } from "@/components/admin/format";
import { AdminTable } from "@/components/admin/admin-table";
import { ListTable } from "@/components/admin/list-page";
import { FulfilmentActions } from "@/components/fulfilment/fulfilment-actions";
import { RefundForm } from "@/components/refunds/refund-form";
import { PaymentStatusBadge, RefundStatusBadge, ReviewBadge, RiskBadge } from "@/components/status-badges";
import { Badge } from "@/components/ui/badge";
import { CopyableId } from "@/components/ui/copy-button";
import { Td } from "@/components/ui/table";
import { PaymentTimeline } from "@/components/payments/payment-timeline";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { getPaymentDetail } from "@/lib/payments/queries";
import { listOrderNotes } from "@/lib/fulfilment/actions";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Payment" };
export const dynamic = "force-dynamic";

export default async function PaymentDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdminPageOrSignIn(`/admin/payments/${encodeURIComponent(id)}`);
  const payment = await getPaymentDetail(id);
  if (!payment) notFound();
  const money = (amount: number) => formatMoney(amount, payment.currency);
  const notes = await listOrderNotes(payment.id);
  // Settling: a refund waits for its webhook, or the order has not caught up with the refunds yet.
  const settling = payment.refunds.some((r) => r.status === "pending") || payment.amountRefunded < payment.refundable.refunded;

  return (
    <div className="space-y-6" data-testid="payment-detail" data-status={payment.status}>
      {settling && <AutoRefresh />}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <Link href="/admin/payments" className="text-sm text-zinc-500 hover:text-zinc-900">
            ← Payments
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-3xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid="payment-amount">
              {money(payment.amount)}
            </h1>
            <span className="text-sm text-zinc-500">{payment.currency.toUpperCase()}</span>
            <PaymentStatusBadge status={payment.status} />
          </div>
          <p className="text-sm text-zinc-600">
            {payment.email} · <span title={formatDateTime(payment.createdAt)}>{formatRelative(payment.createdAt)}</span>
          </p>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <TitledCard title="Summary">
            <dl className="grid gap-4 text-sm sm:grid-cols-2">
              <DetailItem label="Amount">{money(payment.amount)}</DetailItem>
              <DetailItem label="Refunded" testId="amount-refunded">
                {money(payment.amountRefunded)}
              </DetailItem>
              <DetailItem label="Net">{money(payment.amount - payment.amountRefunded)}</DetailItem>
              <DetailItem label="Refundable" testId="amount-refundable">
                {money(payment.refundable.remaining)}
              </DetailItem>
              <DetailItem label="Order id">
                <CopyableId value={payment.id} />
              </DetailItem>
              <DetailItem label="Payment intent">{payment.stripePaymentIntentId ? <CopyableId value={payment.stripePaymentIntentId} /> : "—"}</DetailItem>
              <DetailItem label="Charge">{payment.stripeChargeId ? <CopyableId value={payment.stripeChargeId} /> : "—"}</DetailItem>
              <DetailItem label="Card" testId="payment-card">
                {payment.cardLast4 ? `${payment.cardBrand ?? "card"} •••• ${payment.cardLast4}` : "—"}
              </DetailItem>
              <DetailItem label="Payment status">{payment.paymentStatus ?? "—"}</DetailItem>
              {payment.lastPaymentError && <DetailItem label="Last error">{payment.lastPaymentError}</DetailItem>}
              <DetailItem label="Created">{formatDateTime(payment.createdAt)}</DetailItem>
              {payment.paidAt && <DetailItem label="Paid">{formatDateTime(payment.paidAt)}</DetailItem>}
            </dl>
          </TitledCard>

          <TitledCard title="Radar" testId="payment-radar">
            {payment.radar ? (
              <dl className="grid gap-4 text-sm sm:grid-cols-2">
                <DetailItem label="Risk level" testId="payment-risk">
                  <RiskBadge level={payment.radar.riskLevel} />
                </DetailItem>
                <DetailItem label="Risk score" testId="payment-risk-score">
                  {payment.radar.riskScore ?? "—"}
                </DetailItem>
                <DetailItem label="Outcome" testId="payment-outcome-type">
                  {payment.radar.outcomeType?.replaceAll("_", " ") ?? "—"}
                </DetailItem>
                <DetailItem label="Network status" testId="payment-network-status">
                  {payment.radar.networkStatus?.replaceAll("_", " ") ?? "—"}
                </DetailItem>
                <DetailItem label="Rule" testId="payment-radar-rule">
                  {payment.radar.rule ? <span className="font-mono">{payment.radar.rule}</span> : "No rule fired"}
                </DetailItem>
                <div className="min-w-0 sm:col-span-2">
                  <dt className="text-zinc-500">Seller message</dt>
                  <dd className="mt-1 text-zinc-900" data-testid="payment-seller-message">
                    {payment.radar.sellerMessage ?? "—"}
                  </dd>
                </div>
              </dl>
            ) : (
              <p className="text-sm text-zinc-600">Radar&apos;s assessment appears here once the payment has a successful charge.</p>
            )}
            {payment.reviews.length > 0 && (
              <ul className="mt-4 space-y-2 border-t border-zinc-100 pt-4 text-sm" data-testid="payment-reviews">
                {payment.reviews.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center gap-2">
                    <ReviewBadge open={r.open} closedReason={r.closedReason} />
                    <CopyableId value={r.stripeReviewId} />
                    <span className="text-zinc-500">opened {formatDateTime(r.openedAt)}</span>
                    {r.open && (
                      <Link href="/admin/reviews" className="font-medium text-accent-700 hover:underline">
                        Decide in the review queue
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </TitledCard>

          <DetailSection id="lines-title" title="Order lines">
            <ListTable label="Order lines" columns={["Product", { label: "Unit price", align: "right" }, { label: "Qty", align: "right" }, { label: "Amount", align: "right" }]}>
              {payment.lines.map((l) => (
                <tr key={l.id}>
                  <Td>{l.productName}</Td>
                  <Td align="right">{money(l.unitAmount)}</Td>
                  <Td align="right">{l.quantity}</Td>
                  <Td align="right">{money(l.amount)}</Td>
                </tr>
              ))}
            </ListTable>
          </DetailSection>

          <DetailSection id="refunds-title" title="Refunds">
            <AdminTable
              label="Refunds"
              testId="refunds-table"
              rows={payment.refunds}
              rowKey={(r) => r.id}
              rowTestId="refund-row"
              columns={[
                { label: "Amount", align: "right", className: "font-medium whitespace-nowrap", cell: (r) => formatMoney(r.amount, r.currency) },
                {
                  label: "Status",
                  cell: (r) => (
                    <>
                      <RefundStatusBadge status={r.status} />
                      {r.failureReason && <p className="mt-1 text-xs text-red-600">{r.failureReason}</p>}
                    </>
                  ),
                },
                { label: "Created", fold: "wide", className: "whitespace-nowrap text-zinc-600", cell: (r) => formatDateTime(r.createdAt) },
                { label: "Reason", fold: "wide", className: "text-zinc-600", cell: (r) => r.reason?.replace(/_/g, " ") ?? "—" },
                { label: "Stripe refund", fold: "wide", cell: (r) => (r.stripeRefundId ? <CopyableId value={r.stripeRefundId} /> : "—") },
              ]}
              empty={{ title: "No refunds", hint: "Refund all or part of this payment from the panel on the right." }}
            />
          </DetailSection>

          <PaymentTimeline timeline={payment.timeline} />
        </div>

        <div className="space-y-6">
          <TitledCard title="Refund">
            {payment.refundBlockedReason ? (
              <p className="text-sm text-zinc-600" data-testid="refund-blocked">
                {payment.refundBlockedReason}
              </p>
            ) : (
              <RefundForm key={payment.refundable.remaining} orderId={payment.id} currency={payment.currency} remaining={payment.refundable.remaining} email={payment.email} />
            )}
          </TitledCard>

          <TitledCard title="Customer" className="space-y-2 text-sm">
            <p className="break-all text-zinc-900">{payment.email}</p>
            {payment.customer ? (
              <Link href={`/admin/customers/${payment.customer.userId}`} className="font-medium text-accent-700 hover:underline">
                {payment.customer.name ?? "View customer"}
              </Link>
            ) : (
              <p className="text-zinc-500">Guest checkout</p>
            )}
            {payment.stripeCustomerId && <CopyableId value={payment.stripeCustomerId} />}
          </TitledCard>

          {payment.disputes.length > 0 && (
            <TitledCard title="Dispute" className="space-y-3 text-sm" testId="payment-disputes">
              {payment.disputes.map((d) => (
                <div key={d.id} className="space-y-1">
                  <div className="flex items-center gap-2">
                    <Badge tone={d.open ? "danger" : "neutral"}>{d.status.replace(/_/g, " ")}</Badge>
                    <span className="tabular-nums">{formatMoney(d.amount, d.currency)}</span>
                  </div>
                  <p className="text-zinc-600">Reason: {d.reason.replace(/_/g, " ")}</p>
                  {d.evidenceDueBy && <p className="text-zinc-600">Evidence due {formatDateTime(d.evidenceDueBy)}</p>}
                  <Link href={`/admin/disputes/${d.id}`} className="font-medium text-accent-700 hover:underline">
                    Open the dispute
                  </Link>
                </div>
              ))}
            </TitledCard>
          )}

          <TitledCard title="Fulfilment" className="space-y-1 text-sm" testId="payment-fulfilment">
            <p className="font-medium text-zinc-900 capitalize">{payment.fulfilment.status}</p>
            {(payment.fulfilment.carrier || payment.fulfilment.trackingNumber) && (
              <p className="text-zinc-600">
                {[payment.fulfilment.carrier, payment.fulfilment.trackingNumber].filter(Boolean).join(" ")}
              </p>
            )}
            {payment.fulfilment.shippedAt && <p className="text-zinc-600">Shipped {formatDateTime(payment.fulfilment.shippedAt)}</p>}
            {payment.fulfilment.deliveredAt && <p className="text-zinc-600">Delivered {formatDateTime(payment.fulfilment.deliveredAt)}</p>}
            <FulfilmentActions orderId={payment.id} orderStatus={payment.orderStatus} hold={payment.fulfilmentHold} status={payment.fulfilment.status} carrier={payment.fulfilment.carrier} trackingNumber={payment.fulfilment.trackingNumber} notes={notes} />
          </TitledCard>
        </div>
      </div>
    </div>
  );
}
