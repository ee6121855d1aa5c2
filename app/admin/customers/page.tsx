import type { Metadata } from "next";
import { AdminTable, listQuery, RowLink } from "@/components/admin/admin-table";
import { activeFilters, ChipGroup, FilterPanel } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { FilterForm, SearchFilter, YES_NO } from "@/components/admin/filters";
import { ListPagination, ListTitle, ShowAllLink } from "@/components/admin/list-page";
import { Badge } from "@/components/ui/badge";
import { CopyableId } from "@/components/ui/copy-button";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listCustomers, parseCustomerFilters, type CustomerRow } from "@/lib/customers/queries";
import { readListQuery } from "@/lib/http/query";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Customers" };
export const dynamic = "force-dynamic";

const PATH = "/admin/customers";

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  await requireAdminPageOrSignIn(PATH);
  const { filters, invalid, cursor } = readListQuery(parseCustomerFilters, params);
  const page = await listCustomers(filters, cursor);
  const current = listQuery(filters);
  const href = (c: CustomerRow) => `${PATH}/${c.id}`;
  const active = activeFilters(filters, { q: "Search", stripe: "Stripe customer", paying: "Has paid" });

  return (
    <div className="space-y-5">
      <ListTitle title="Customers" />
      <FilterPanel path={PATH} current={current} filters={active} invalid={invalid}>
        <FilterForm path={PATH} label="Customer filters" keep={{ stripe: current.stripe, paying: current.paying, sort: current.sort }}>
          <SearchFilter value={filters.q} placeholder="Email, user id or cus_…" />
        </FilterForm>
        <div className="flex flex-wrap gap-4">
          <ChipGroup path={PATH} current={current} name="paying" label="Has paid" options={YES_NO} />
          <ChipGroup path={PATH} current={current} name="stripe" label="Stripe customer" options={YES_NO} />
        </div>
      </FilterPanel>
      <AdminTable
        label="Customers"
        testId="customers-table"
        rows={page.rows}
        rowKey={(c) => c.id}
        rowHref={href}
        rowTestId="customer-row"
        sort={{ path: PATH, query: current, current: filters.sort ?? { column: "createdAt", direction: "desc" } }}
        columns={[
          {
            label: "Email",
            sort: { column: "email", first: "asc" },
            className: "max-w-72 truncate",
            cell: (c) => (
              <>
                <RowLink href={href(c)}>{c.email}</RowLink>
                {c.kind === "guest" && (
                  <Badge tone="neutral" className="ml-2" data-testid="customer-guest">
                    Guest
                  </Badge>
                )}
              </>
            ),
          },
          { label: "Payments", align: "right", fold: "wider", className: "tabular-nums", cell: (c) => c.paymentsCount },
          { label: "Paid", align: "right", className: "whitespace-nowrap tabular-nums", cell: (c) => (c.totals.length ? c.totals.map((t) => formatMoney(t.amount, t.currency)).join(" · ") : "—") },
          { label: "Since", sort: { column: "createdAt" }, className: "whitespace-nowrap text-zinc-600", cell: (c) => formatDateTime(c.createdAt) },
          { label: "Name", fold: "wide", className: "text-zinc-600", cell: (c) => c.name ?? "—" },
          { label: "Stripe customer", fold: "wider", cell: (c) => (c.stripeCustomerId ? <CopyableId value={c.stripeCustomerId} /> : <span className="text-zinc-500">—</span>) },
        ]}
        empty={{
          title: active.length ? "No customers match" : "No customers yet",
          hint: active.length ? <ShowAllLink path={PATH}>Clear the search and filters</ShowAllLink> : "Accounts appear here when shoppers sign up, guests when they pay.",
        }}
      />
      <ListPagination path={PATH} current={current} cursor={cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
