import type { Metadata } from "next";
import Link from "next/link";
import { ClickableRow } from "@/components/admin/clickable-row";
import { activeFilters, ChipGroup, FilterPanel } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { FilterForm, ListPagination, ListTable, ListTitle, SubmitFilters, TextFilter, YES_NO } from "@/components/admin/list-page";
import { Badge } from "@/components/ui/badge";
import { CopyableId } from "@/components/ui/copy-button";
import { Td } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listCustomers, parseCustomerFilters } from "@/lib/customers/queries";
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
  const current: Record<string, string | undefined> = { ...filters };
  const active = activeFilters(filters, { q: "Search", stripe: "Stripe customer", paying: "Has paid" });

  return (
    <div className="space-y-5">
      <ListTitle title="Customers" />
      <FilterPanel path={PATH} current={current} filters={active} invalid={invalid}>
        <FilterForm path={PATH} label="Customer search" keep={{ stripe: filters.stripe, paying: filters.paying }} className="flex flex-wrap items-end gap-3">
          <TextFilter id="f-q" name="q" label="Search" value={filters.q} placeholder="Email, user id or cus_…" className="min-w-64 flex-1" />
          <SubmitFilters>Search</SubmitFilters>
        </FilterForm>
        <div className="flex flex-wrap gap-4">
          <ChipGroup path={PATH} current={current} name="paying" label="Has paid" options={YES_NO} />
          <ChipGroup path={PATH} current={current} name="stripe" label="Stripe customer" options={YES_NO} />
        </div>
      </FilterPanel>
      <ListTable
        label="Customers"
        testId="customers-table"
        columns={["Email", "Name", "Stripe customer", { label: "Payments", align: "right" }, { label: "Paid", align: "right" }, "Since"]}
        empty={
          page.rows.length === 0 && {
            title: active.length ? "No customers match" : "No customers yet",
            hint: active.length ? "Try another search or clear the filters." : "Accounts appear here when shoppers sign up, guests when they pay.",
          }
        }
      >
        {page.rows.map((c) => (
          <ClickableRow key={c.id} href={`${PATH}/${c.id}`} testId="customer-row">
            <Td>
              <Link href={`${PATH}/${c.id}`} className="font-medium text-zinc-900 hover:text-accent-700">
                {c.email}
              </Link>
            </Td>
            <Td className="text-zinc-600">
              {c.kind === "guest" ? (
                <Badge tone="neutral" data-testid="customer-guest">
                  Guest
                </Badge>
              ) : (
                (c.name ?? "—")
              )}
            </Td>
            <Td>{c.stripeCustomerId ? <CopyableId value={c.stripeCustomerId} /> : <span className="text-zinc-400">—</span>}</Td>
            <Td align="right" className="tabular-nums">
              {c.paymentsCount}
            </Td>
            <Td align="right" className="whitespace-nowrap tabular-nums">
              {c.totals.length ? c.totals.map((t) => formatMoney(t.amount, t.currency)).join(" · ") : "—"}
            </Td>
            <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(c.createdAt)}</Td>
          </ClickableRow>
        ))}
      </ListTable>
      <ListPagination path={PATH} current={current} cursor={cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
