import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClickableRow } from "@/components/admin/clickable-row";
import { formatDateTime } from "@/components/admin/format";
import { PaymentStatusBadge } from "@/components/admin/status-badges";
import { Card, CardContent } from "@/components/ui/card";
import { CopyableId } from "@/components/ui/copy-button";
import { Table, TableBody, TableEmpty, TableHead, Td, Th } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/admin/access";
import { getCustomerDetail } from "@/lib/admin/customers/customers";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

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
              <dt className="text-zinc-500">User id</dt>
              <dd className="mt-1">
                <CopyableId value={customer.id} />
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500">Joined</dt>
              <dd className="mt-1 font-medium">{formatDateTime(customer.createdAt)}</dd>
            </div>
          </dl>
        </CardContent>
      </Card>
      <section aria-labelledby="payments-title" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="payments-title" className="text-lg font-semibold text-zinc-900">
            Payments
          </h2>
          <p className="text-xs text-zinc-500">Open a payment to refund it.</p>
        </div>
        <Table label="Customer payments" data-testid="customer-payments">
          <TableHead>
            <tr>
              <Th>Created</Th>
              <Th align="right">Amount</Th>
              <Th>Status</Th>
              <Th>Card</Th>
              <Th>Order</Th>
            </tr>
          </TableHead>
          <TableBody>
            {customer.payments.length === 0 ? (
              <TableEmpty colSpan={5} title="No payments yet" />
            ) : (
              customer.payments.map((p) => (
                <ClickableRow key={p.id} href={`/admin/payments/${p.id}`} testId="customer-payment-row">
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
                    <Link href={`/admin/payments/${p.id}`} className="font-mono text-xs text-accent-700 hover:underline">
                      {p.id}
                    </Link>
                  </Td>
                </ClickableRow>
              ))
            )}
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
