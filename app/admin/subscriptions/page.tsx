import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, listQuery, RowLink } from "@/components/admin/admin-table";
import { activeFilters, ChipGroup, FilterPanel, withQuery } from "@/components/admin/filter-chips";
import { FilterForm, SearchFilter } from "@/components/admin/filters";
import { formatDateTime, formatDay } from "@/components/admin/format";
import { ListPagination, ListTitle, ShowAllLink } from "@/components/admin/list-page";
import { SubscriptionStatusBadge, subscriptionStatusLabel } from "@/components/status-badges";
import { CopyableId } from "@/components/ui/copy-button";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listSubscriptions, parseSubscriptionFilters, type AdminSubscriptionRow } from "@/lib/subscriptions/queries";
import { isEndedSubscriptionStatus, SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { readListQuery } from "@/lib/http/query";
import { formatMoney } from "@/lib/money";
import { CancelSubscription } from "./cancel-subscription";

export const metadata: Metadata = { title: "Subscriptions" };
export const dynamic = "force-dynamic";

const PATH = "/admin/subscriptions";
// A subscription opens its customer's page (their subscriptions, payments and invoices); one without an account has none.
const customerHref = (s: AdminSubscriptionRow) => (s.userId ? `/admin/customers/${encodeURIComponent(s.userId)}` : null);

export default async function SubscriptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { filters, invalid, cursor } = readListQuery(() => parseSubscriptionFilters(params), params);
  const current = listQuery(filters);
  await requireAdminPageOrSignIn(withQuery(PATH, current, {}));
  const page = await listSubscriptions(filters, cursor);
  const active = activeFilters(filters, { q: "Search", status: ["Status", subscriptionStatusLabel] });
  const filtered = active.length > 0;

  return (
    <div className="space-y-5">
      <ListTitle title="Subscriptions" />
      <FilterPanel path={PATH} current={current} filters={active} invalid={invalid}>
        <ChipGroup path={PATH} current={current} name="status" label="Status" options={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: subscriptionStatusLabel(s) }))} />
        <FilterForm path={PATH} label="Subscription filters" keep={{ status: current.status, sort: current.sort }}>
          <SearchFilter value={filters.q} placeholder="Email, sub_… or cus_…" />
        </FilterForm>
      </FilterPanel>
      <AdminTable
        label="Subscriptions"
        testId="subscriptions-table"
        rows={page.rows}
        rowKey={(s) => s.id}
        rowHref={customerHref}
        rowTestId="subscription-row"
        rowData={(s) => ({ "data-status": s.status })}
        sort={{ path: PATH, query: current, current: filters.sort ?? { column: "createdAt", direction: "desc" } }}
        columns={[
          {
            label: "Customer",
            className: "max-w-60",
            cell: (s) => {
              const href = customerHref(s);
              return (
                <>
                  {href ? (
                    <RowLink href={href} className="block truncate">
                      {s.email}
                    </RowLink>
                  ) : (
                    <CopyableId value={s.stripeCustomerId} />
                  )}
                  <span className="block text-xs text-zinc-500">since {formatDateTime(s.createdAt)}</span>
                </>
              );
            },
          },
          {
            label: "Status",
            cell: (s) => (
              <>
                <SubscriptionStatusBadge status={s.status} />
                {s.cancelAt && !isEndedSubscriptionStatus(s.status) && (
                  <span className="mt-1 block text-xs whitespace-nowrap text-amber-700" data-testid="subscription-cancels-on">
                    Cancels on {formatDay(s.cancelAt)}
                  </span>
                )}
              </>
            ),
          },
          {
            label: "Price",
            align: "right",
            className: "whitespace-nowrap",
            cell: (s) => (s.amount !== null && s.currency ? `${formatMoney(s.amount, s.currency)}${s.interval ? ` / ${s.interval}` : ""}` : "—"),
          },
          {
            label: "Actions",
            srOnlyLabel: true,
            align: "right",
            cell: (s) => !isEndedSubscriptionStatus(s.status) && <CancelSubscription id={s.id} customer={s.email ?? s.stripeCustomerId} cancelAtPeriodEnd={s.cancelAtPeriodEnd} />,
          },
          {
            label: "Plan",
            fold: "wide",
            className: "text-zinc-700",
            cell: (s) => (
              <>
                {s.plan ?? "—"}
                {s.quantity && s.quantity > 1 ? <span className="text-zinc-500"> × {s.quantity}</span> : null}
              </>
            ),
          },
          { label: "Current period ends", fold: "wider", className: "whitespace-nowrap text-zinc-600", cell: (s) => (s.currentPeriodEnd ? formatDateTime(s.currentPeriodEnd) : "—") },
          {
            label: "Subscription",
            fold: "wider",
            cell: (s) => (
              <>
                <CopyableId value={s.stripeSubscriptionId} className="max-w-44" />
                <Link href={`/admin/payments?q=${encodeURIComponent(s.stripeSubscriptionId)}`} className="mt-1 block text-xs text-accent-700 hover:underline" data-testid="subscription-payments-link">
                  Payments
                </Link>
              </>
            ),
          },
          { label: "Created", sort: { column: "createdAt" }, fold: "wider", className: "whitespace-nowrap text-zinc-600", cell: (s) => formatDateTime(s.createdAt) },
        ]}
        empty={{
          title: filtered ? "No subscriptions match" : "No subscriptions yet",
          hint: filtered ? <ShowAllLink path={PATH}>Show all subscriptions</ShowAllLink> : "Subscriptions appear here when customers subscribe to a plan.",
        }}
      />
      <ListPagination path={PATH} current={current} cursor={cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
