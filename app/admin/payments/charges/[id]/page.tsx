import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DetailItem, TitledCard } from "@/components/admin/detail-page";
import { formatDateTime, formatRelative } from "@/components/admin/format";
import { PAYMENT_SOURCE_LABEL } from "@/components/payments/payment-source";
import { PaymentStatusBadge } from "@/components/status-badges";
import { Badge } from "@/components/ui/badge";
import { CopyableId } from "@/components/ui/copy-button";
import { PaymentTimeline } from "@/components/payments/payment-timeline";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { getChargePaymentDetail } from "@/lib/payments/queries";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Payment" };
export const dynamic = "force-dynamic";

// A subscription or invoice payment (order payments have their own page, with refunds and fulfilment).
export default async function ChargePaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdminPageOrSignIn(`/admin/payments/charges/${encodeURIComponent(id)}`);
  const payment = await getChargePaymentDetail(id);
  if (!payment) notFound();
  const money = (amount: number) => formatMoney(amount, payment.currency);

  return (
    <div className="space-y-6" data-testid="charge-payment-detail" data-status={payment.status} data-source={payment.source}>
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
          <Badge tone="info">{PAYMENT_SOURCE_LABEL[payment.source]} payment</Badge>
        </div>
        <p className="text-sm text-zinc-600">
          {payment.email ?? payment.stripeCustomerId ?? "Unknown payer"} · <span title={formatDateTime(payment.createdAt)}>{formatRelative(payment.createdAt)}</span>
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <TitledCard title="Summary">
            <dl className="grid gap-4 text-sm sm:grid-cols-2">
              <DetailItem label="Amount">{money(payment.amount)}</DetailItem>
              <DetailItem label="Refunded">{money(payment.amountRefunded)}</DetailItem>
              <DetailItem label="Stripe fee" testId="payment-fee">
                {payment.fee == null ? "Not known yet" : money(payment.fee)}
              </DetailItem>
              <DetailItem label="Net">{money(payment.amount - payment.amountRefunded - (payment.fee ?? 0))}</DetailItem>
              <DetailItem label="Payment id">
                <CopyableId value={payment.id} />
              </DetailItem>
              <DetailItem label="Payment intent">{payment.stripePaymentIntentId ? <CopyableId value={payment.stripePaymentIntentId} /> : "—"}</DetailItem>
              <DetailItem label="Charge">{payment.stripeChargeId ? <CopyableId value={payment.stripeChargeId} /> : "—"}</DetailItem>
              <DetailItem label="Card">{payment.cardLast4 ? `${payment.cardBrand ?? "card"} •••• ${payment.cardLast4}` : "—"}</DetailItem>
              <DetailItem label="Risk level">{payment.riskLevel ?? "—"}</DetailItem>
              <DetailItem label="Paid">{formatDateTime(payment.paidAt)}</DetailItem>
            </dl>
          </TitledCard>

          <PaymentTimeline timeline={payment.timeline} />
        </div>

        <div className="space-y-6">
          <TitledCard title="Paid for" className="space-y-2 text-sm" testId="payment-paid-for">
            {payment.subscription && (
              <p>
                Subscription{" "}
                <Link href={`/admin/subscriptions?q=${encodeURIComponent(payment.subscription.stripeSubscriptionId)}`} className="font-mono text-xs text-accent-700 hover:underline" data-testid="payment-subscription-link">
                  {payment.subscription.stripeSubscriptionId}
                </Link>{" "}
                <span className="text-zinc-500">({payment.subscription.status.replace(/_/g, " ")})</span>
              </p>
            )}
            {payment.invoice ? (
              <p>
                Invoice{" "}
                {payment.invoice.hostedInvoiceUrl ? (
                  <a href={payment.invoice.hostedInvoiceUrl} target="_blank" rel="noreferrer" className="font-mono text-xs text-accent-700 hover:underline">
                    {payment.invoice.number ?? payment.invoice.stripeInvoiceId}
                  </a>
                ) : (
                  <span className="font-mono text-xs">{payment.invoice.number ?? payment.invoice.stripeInvoiceId}</span>
                )}{" "}
                <span className="text-zinc-500">
                  ({payment.invoice.status}, {formatMoney(payment.invoice.total, payment.invoice.currency)}
                  {payment.invoice.billingReason ? `, ${payment.invoice.billingReason.replace(/_/g, " ")}` : ""})
                </span>
              </p>
            ) : (
              payment.stripeInvoiceId && <CopyableId value={payment.stripeInvoiceId} />
            )}
            {!payment.subscription && !payment.stripeInvoiceId && <p className="text-zinc-600">A charge no invoice claims.</p>}
          </TitledCard>

          <TitledCard title="Customer" className="space-y-2 text-sm">
            {payment.email && <p className="break-all text-zinc-900">{payment.email}</p>}
            {payment.customerId ? (
              <Link href={`/admin/customers/${payment.customerId}`} className="font-medium text-accent-700 hover:underline">
                View customer
              </Link>
            ) : (
              <p className="text-zinc-500">Not linked to a customer</p>
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
                  {d.fee !== 0 && <p className="text-zinc-600">Dispute fee {formatMoney(d.fee, d.currency)}</p>}
                  <Link href={`/admin/disputes/${d.id}`} className="font-medium text-accent-700 hover:underline">
                    Open the dispute
                  </Link>
                </div>
              ))}
            </TitledCard>
          )}
        </div>
      </div>
    </div>
  );
}
