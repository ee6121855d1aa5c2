import type { Metadata } from "next";
import Link from "next/link";
import { ORDER_STATUS_BADGE } from "@/components/status-badges";
import { asOrderStatus } from "@/lib/orders/status";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { requireUserPage } from "@/lib/auth/session";
import { formatMoney } from "@/lib/money";
import { listCustomerOrders } from "@/lib/orders/queries";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AccountPage() {
  const user = await requireUserPage("/account");
  const orders = await listCustomerOrders(user.id);
  const currencies = new Set(orders.map((o) => o.currency));

  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-semibold tracking-tight text-zinc-900">Your account</h1>

      <Card>
        <CardHeader className="flex flex-row items-center justify-between gap-4 space-y-0">
          <CardTitle>Profile</CardTitle>
          <div className="sm:hidden">
            <SignOutButton variant="secondary" />
          </div>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-zinc-500">Email</dt>
              <dd className="mt-1 font-medium break-all text-zinc-900" data-testid="account-email">
                {user.email}
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500">Name</dt>
              <dd className="mt-1 font-medium text-zinc-900">{user.name ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-zinc-500">Member since</dt>
              <dd className="mt-1 font-medium text-zinc-900">{dateFormat.format(user.createdAt)}</dd>
            </div>
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardContent className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <h2 className="text-base font-semibold text-zinc-900">Subscription and billing</h2>
            <p className="text-sm text-zinc-600">Your plan, payment methods, invoices and usage.</p>
          </div>
          <Link href="/account/billing" className={buttonClasses("secondary", "md")}>
            Manage billing
          </Link>
        </CardContent>
      </Card>

      <section aria-labelledby="orders-title" className="space-y-4">
        <h2 id="orders-title" className="text-lg font-semibold text-zinc-900">
          Your orders
        </h2>
        {orders.length === 0 ? (
          <div className="rounded-xl border border-dashed border-zinc-300 bg-white p-10 text-center" data-testid="orders-empty">
            <h3 className="font-semibold text-zinc-900">No orders yet</h3>
            <p className="mt-1 text-sm text-zinc-600">Orders you place while signed in appear here.</p>
            <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
              Browse the shop
            </Link>
          </div>
        ) : (
          <Table data-testid="orders-table">
            <TableHead>
              <tr>
                <Th className="hidden sm:table-cell">Date</Th>
                <Th>Order</Th>
                <Th className="hidden sm:table-cell">Status</Th>
                <Th align="right">Amount</Th>
              </tr>
            </TableHead>
            <TableBody>
              {orders.map((order) => {
                const badge = ORDER_STATUS_BADGE[asOrderStatus(order.status)];
                return (
                  <tr key={order.id} data-testid="order-row" data-order-id={order.id}>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-zinc-600 sm:table-cell">{dateTimeFormat.format(order.createdAt)}</td>
                    <td className="px-4 py-3">
                      <Link
                        href={`/checkout/${encodeURIComponent(order.id)}/complete`}
                        className="rounded font-medium text-zinc-900 hover:text-accent-700 focus-visible:outline-2"
                      >
                        {order.summary || "Order"}
                      </Link>
                      <p className="text-xs text-zinc-500 sm:hidden">{dateFormat.format(order.createdAt)}</p>
                      <p className="hidden font-mono text-xs text-zinc-500 sm:block">{order.id}</p>
                    </td>
                    <td className="hidden px-4 py-3 sm:table-cell">
                      <Badge tone={badge.tone} data-status={order.status} className="whitespace-nowrap">
                        {badge.label}
                      </Badge>
                    </td>
                    <td className="px-4 py-3 text-right font-medium whitespace-nowrap text-zinc-900 tabular-nums">
                      {formatMoney(order.amount, order.currency)}
                      {currencies.size > 1 && <span className="ml-1 text-xs text-zinc-500 uppercase">{order.currency}</span>}
                      {/* Phones: the status sits under the amount instead of in its own column. */}
                      <div className="mt-1 sm:hidden">
                        <Badge tone={badge.tone} className="whitespace-nowrap">
                          {badge.label}
                        </Badge>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
