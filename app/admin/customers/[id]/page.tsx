import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClickableRow } from "@/components/admin/clickable-row";
import { DetailSection } from "@/components/admin/detail-page";
import { formatDateTime } from "@/components/admin/format";
import { ListTable } from "@/components/admin/list-page";
import { paymentHref, PaymentSourceCell } from "@/components/payments/payment-source";
import { PaymentStatusBadge } from "@/components/status-badges";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { CopyableId } from "@/components/ui/copy-button";
import { Td } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { getCustomerDetail } from "@/lib/customers/queries";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

const SUBSCRIPTION_TONE: Record<string, BadgeTone> = { active: "success", trialing: "info", past_due: "warning", unpaid: "danger", canceled: "neutral", incomplete: "warning", incomplete_expired: "neutral", paused: "neutral" };
const INVOICE_TONE: Record<string, BadgeTone> = { paid: "success", open: "warning", draft: "neutral", void: "neutral", uncollectible: "danger" };

export default async function CustomerDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdminPageOrSignIn(`/admin/customers/${encodeURIComponent(id)}`);
  const customer = await getCustomerDetail(id);
  if (!customer) notFound();
  const manyCurrencies = new Set(customer.payments.map((p) => p.currency)).size > 1;

  return (
    <div className="space-y-6" data-testid="customer-detail">
      <div className="space-y-1">
        <Link href="/admin/customers" className="text-sm text-zinc-500 hover:text-zinc-900">
          ← Customers
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight break-all text-zinc-900">{customer.email}</h1>
        {customer.name && <p className="text-zinc-600">{customer.name}</p>}
        {customer.kind === "guest" && <Badge tone="neutral">Guest — paid without an account</Badge>}
      </div>
      <Card>
        <CardContent>
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-zinc-500">Stripe customer</dt>
              <dd className="mt-1 font-medium" data-testid="customer-stripe-id">
                {customer.stripeCustomerId ? <CopyableId value={customer.stripeCustomerId} /> : "Not created yet"}
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500">{customer.kind === "guest" ? "Guest id" : "User id"}</dt>
              <dd className="mt-1">
                <CopyableId value={customer.id} />
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500">{customer.kind === "guest" ? "First paid" : "Joined"}</dt>
              <dd className="mt-1 font-medium">{formatDateTime(customer.createdAt)}</dd>
            </div>
            <div className="sm:col-span-3">
              <dt className="text-zinc-500">Paid</dt>
              <dd className="mt-1 font-medium tabular-nums" data-testid="customer-totals">
                {customer.totals.length ? customer.totals.map((t) => `${formatMoney(t.amount, t.currency)} in ${t.count} payment${t.count === 1 ? "" : "s"}`).join(" · ") : "Nothing yet"}
              </dd>
            </div>
          </dl>
        </CardContent>
      </Card>
      <DetailSection id="payments-title" title="Payments" hint="Open a payment to refund it.">
        <ListTable
          label="Customer payments"
          testId="customer-payments"
          columns={["Created", { label: "Amount", align: "right" }, "Status", "Card", "Source"]}
          empty={customer.payments.length === 0 && { title: "No payments yet" }}
        >
          {customer.payments.map((p) => (
            <ClickableRow key={p.id} href={paymentHref(p)} testId="customer-payment-row">
              <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(p.createdAt)}</Td>
              <Td align="right" className="font-medium">
                {formatMoney(p.amount, p.currency)}
                {manyCurrencies && <span className="ml-1 text-xs font-normal text-zinc-500">{p.currency.toUpperCase()}</span>}
              </Td>
              <Td>
                <PaymentStatusBadge status={p.status} />
              </Td>
              <Td className="text-zinc-600">{p.cardLast4 ? `${p.cardBrand ?? "card"} •••• ${p.cardLast4}` : "—"}</Td>
              <Td>
                <PaymentSourceCell row={p} />
              </Td>
            </ClickableRow>
          ))}
        </ListTable>
      </DetailSection>

      <DetailSection id="subscriptions-title" title="Subscriptions" hint="Cancel from the subscriptions page.">
        <ListTable
          label="Customer subscriptions"
          testId="customer-subscriptions"
          columns={["Subscription", "Status", "Price", { label: "Seats", align: "right" }, "Current period ends"]}
          empty={customer.subscriptions.length === 0 && { title: "No subscriptions" }}
        >
          {customer.subscriptions.map((sub) => (
            <tr key={sub.stripeSubscriptionId}>
              <Td>
                <Link href={`/admin/subscriptions?q=${encodeURIComponent(sub.stripeSubscriptionId)}`} className="font-mono text-xs text-accent-700 hover:underline">
                  {sub.stripeSubscriptionId}
                </Link>
              </Td>
              <Td>
                <Badge tone={SUBSCRIPTION_TONE[sub.status] ?? "neutral"}>{sub.status.replace(/_/g, " ")}</Badge>
                {sub.cancelAtPeriodEnd && <span className="ml-2 text-xs text-zinc-500">cancels at period end</span>}
              </Td>
              <Td className="font-mono text-xs text-zinc-600">{sub.stripePriceId ?? "—"}</Td>
              <Td align="right">{sub.quantity ?? 1}</Td>
              <Td className="whitespace-nowrap text-zinc-600">{sub.currentPeriodEnd ? formatDateTime(sub.currentPeriodEnd) : "—"}</Td>
            </tr>
          ))}
        </ListTable>
      </DetailSection>

      <DetailSection id="invoices-title" title="Invoices">
        <ListTable
          label="Customer invoices"
          testId="customer-invoices"
          columns={["Created", "Number", "Status", { label: "Total", align: "right" }, { label: "Paid", align: "right" }, { label: "Remaining", align: "right" }]}
          empty={customer.invoices.length === 0 && { title: "No invoices" }}
        >
          {customer.invoices.map((inv) => (
            <tr key={inv.stripeInvoiceId}>
              <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(inv.stripeCreatedAt)}</Td>
              <Td className="font-mono text-xs">
                {inv.hostedInvoiceUrl ? (
                  <a href={inv.hostedInvoiceUrl} className="text-accent-700 hover:underline" target="_blank" rel="noreferrer">
                    {inv.number ?? inv.stripeInvoiceId}
                  </a>
                ) : (
                  (inv.number ?? inv.stripeInvoiceId)
                )}
              </Td>
              <Td>
                <Badge tone={INVOICE_TONE[inv.status] ?? "neutral"}>{inv.status}</Badge>
              </Td>
              <Td align="right">{formatMoney(inv.total, inv.currency)}</Td>
              <Td align="right">{formatMoney(inv.amountPaid, inv.currency)}</Td>
              <Td align="right">{formatMoney(inv.amountRemaining, inv.currency)}</Td>
            </tr>
          ))}
        </ListTable>
      </DetailSection>
    </div>
  );
}
