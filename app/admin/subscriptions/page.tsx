import type { Metadata } from "next";
import Link from "next/link";
import { activeFilters, ChipGroup, FilterChips, withQuery } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { FilterForm, ListPagination, ListTable, ListTitle, ShowAllLink, SubmitFilters, TextFilter } from "@/components/admin/list-page";
import { SubscriptionStatusBadge, subscriptionStatusLabel } from "@/components/status-badges";
import { CopyableId } from "@/components/ui/copy-button";
import { Td } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listSubscriptions, parseSubscriptionFilters } from "@/lib/subscriptions/queries";
import { isEndedSubscriptionStatus, SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { readListQuery } from "@/lib/http/query";
import { formatMoney } from "@/lib/money";
import { CancelSubscription } from "./cancel-subscription";

export const metadata: Metadata = { title: "Subscriptions" };
export const dynamic = "force-dynamic";

const PATH = "/admin/subscriptions";

export default async function SubscriptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { filters, invalid, cursor } = readListQuery(() => parseSubscriptionFilters(params), params);
  const current: Record<string, string | undefined> = { ...filters };
  await requireAdminPageOrSignIn(withQuery(PATH, current, {}));
  const page = await listSubscriptions(filters, cursor);
  const active = activeFilters(filters, { q: "Search", status: ["Status", subscriptionStatusLabel] });
  const filtered = active.length > 0;

  return (
    <div className="space-y-5">
      <ListTitle title="Subscriptions" />
      <div className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4">
        <ChipGroup path={PATH} current={current} name="status" label="Status" options={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: subscriptionStatusLabel(s) }))} />
        <FilterForm path={PATH} label="Subscription search" keep={{ status: filters.status }} className="flex flex-wrap items-end gap-3">
          <TextFilter id="s-q" name="q" label="Search" value={filters.q} placeholder="Email, sub_… or cus_…" className="w-full max-w-sm" />
          <SubmitFilters variant="secondary">Search</SubmitFilters>
        </FilterForm>
        <FilterChips path={PATH} current={current} filters={active} />
        {invalid && (
          <p className="text-sm text-red-600" role="alert">
            {invalid}
          </p>
        )}
      </div>
      <ListTable
        label="Subscriptions"
        testId="subscriptions-table"
        columns={["Customer", "Status", "Plan", { label: "Price", align: "right" }, "Current period ends", "Subscription", { label: "Actions", srOnly: true }]}
        empty={
          page.rows.length === 0 && {
            title: filtered ? "No subscriptions match" : "No subscriptions yet",
            hint: filtered ? <ShowAllLink path={PATH}>Show all subscriptions</ShowAllLink> : "Subscriptions appear here when customers subscribe to a plan.",
          }
        }
      >
        {page.rows.map((s) => (
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
              <Link href={`/admin/payments?q=${encodeURIComponent(s.stripeSubscriptionId)}`} className="mt-1 block text-xs text-accent-700 hover:underline" data-testid="subscription-payments-link">
                Payments
              </Link>
            </Td>
            <Td align="right">
              {!isEndedSubscriptionStatus(s.status) && (
                <CancelSubscription id={s.id} customer={s.email ?? s.stripeCustomerId} cancelAtPeriodEnd={s.cancelAtPeriodEnd} />
              )}
            </Td>
          </tr>
        ))}
      </ListTable>
      <ListPagination path={PATH} current={current} cursor={cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
