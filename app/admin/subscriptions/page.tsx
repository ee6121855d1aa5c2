import type { Metadata } from "next";
import Link from "next/link";
import { ChipGroup, FilterChips, Pagination, withQuery, type ActiveFilter } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { SubscriptionStatusBadge, subscriptionStatusLabel } from "@/components/status-badges";
import { Button } from "@/components/ui/button";
import { CopyableId } from "@/components/ui/copy-button";
import { Input, Label } from "@/components/ui/input";
import { Table, TableBody, TableEmpty, TableHead, Td, Th } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listSubscriptions, parseSubscriptionFilters, type SubscriptionFilters } from "@/lib/subscriptions/queries";
import { isEndedSubscriptionStatus, SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { HttpError } from "@/lib/http/errors";
import { formatMoney } from "@/lib/money";
import { CancelSubscription } from "./cancel-subscription";

export const metadata: Metadata = { title: "Subscriptions" };
export const dynamic = "force-dynamic";

const PATH = "/admin/subscriptions";


export default async function SubscriptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  let filters: SubscriptionFilters = {};
  let invalid: string | null = null;
  try {
    filters = parseSubscriptionFilters(params);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    invalid = error.message;
  }
  const current: Record<string, string | undefined> = { ...filters };
  await requireAdminPageOrSignIn(withQuery(PATH, current, {}));
  const cursor = typeof params.cursor === "string" && !invalid ? params.cursor : null;
  const page = await listSubscriptions(filters, cursor);
  const active: ActiveFilter[] = [];
  if (filters.q) active.push({ key: "q", label: "Search", value: filters.q });
  if (filters.status) active.push({ key: "status", label: "Status", value: subscriptionStatusLabel(filters.status) });
  const filtered = active.length > 0;

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Subscriptions</h1>
      <div className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4">
        <ChipGroup path={PATH} current={current} name="status" label="Status" options={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: subscriptionStatusLabel(s) }))} />
        <form action={PATH} method="get" className="flex flex-wrap items-end gap-3" aria-label="Subscription search">
          {filters.status && <input type="hidden" name="status" value={filters.status} />}
          <div className="w-full max-w-sm space-y-1">
            <Label htmlFor="s-q">Search</Label>
            <Input id="s-q" name="q" defaultValue={filters.q} placeholder="Email, sub_… or cus_…" className="h-9" />
          </div>
          <Button type="submit" variant="secondary" size="sm">
            Search
          </Button>
        </form>
        <FilterChips path={PATH} current={current} filters={active} />
        {invalid && (
          <p className="text-sm text-red-600" role="alert">
            {invalid}
          </p>
        )}
      </div>
      <Table label="Subscriptions" data-testid="subscriptions-table">
        <TableHead>
          <tr>
            <Th>Customer</Th>
            <Th>Status</Th>
            <Th>Plan</Th>
            <Th align="right">Price</Th>
            <Th>Current period ends</Th>
            <Th>Subscription</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </TableHead>
        <TableBody>
          {page.rows.length === 0 ? (
            <TableEmpty colSpan={7} title={filtered ? "No subscriptions match" : "No subscriptions yet"}>
              {filtered ? (
                <Link href={PATH} className="text-accent-700 hover:underline">
                  Show all subscriptions
                </Link>
              ) : (
                "Subscriptions appear here when customers subscribe to a plan."
              )}
            </TableEmpty>
          ) : (
            page.rows.map((s) => (
              <tr key={s.id} data-testid="subscription-row" data-status={s.status}>
                <Td className="max-w-56">
                  {s.userId ? (
                    <Link href={`/admin/customers/${encodeURIComponent(s.userId)}`} className="block truncate font-medium text-zinc-900 hover:text-accent-700">
                      {s.email}
                    </Link>
                  ) : (
                    <CopyableId value={s.stripeCustomerId} />
                  )}
                  <span className="block text-xs text-zinc-500">since {formatDateTime(s.createdAt)}</span>
                </Td>
                <Td>
                  <SubscriptionStatusBadge status={s.status} />
                  {s.cancelAtPeriodEnd && <span className="mt-1 block text-xs text-amber-700">Cancels at period end</span>}
                </Td>
                <Td className="text-zinc-700">
                  {s.plan ?? "—"}
                  {s.quantity && s.quantity > 1 ? <span className="text-zinc-500"> × {s.quantity}</span> : null}
                </Td>
                <Td align="right" className="whitespace-nowrap">
                  {s.amount !== null && s.currency ? `${formatMoney(s.amount, s.currency)}${s.interval ? ` / ${s.interval}` : ""}` : "—"}
                </Td>
                <Td className="whitespace-nowrap text-zinc-600">{s.currentPeriodEnd ? formatDateTime(s.currentPeriodEnd) : "—"}</Td>
                <Td>
                  <CopyableId value={s.stripeSubscriptionId} className="max-w-44" />
                </Td>
                <Td align="right">
                  {!isEndedSubscriptionStatus(s.status) && (
                    <CancelSubscription id={s.id} customer={s.email ?? s.stripeCustomerId} cancelAtPeriodEnd={s.cancelAtPeriodEnd} />
                  )}
                </Td>
              </tr>
            ))
          )}
        </TableBody>
      </Table>
      <Pagination isFirst={!cursor} firstHref={withQuery(PATH, current, {})} nextHref={page.nextCursor ? withQuery(PATH, current, { cursor: page.nextCursor }) : null} />
    </div>
  );
}
