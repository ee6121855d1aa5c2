import type { Metadata } from "next";
import Link from "next/link";
import { ClickableRow } from "@/components/admin/clickable-row";
import { ChipGroup, FilterPanel, Pagination, withQuery, type ActiveFilter } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { buttonClasses } from "@/components/ui/button";
import { CopyableId } from "@/components/ui/copy-button";
import { Input, Label } from "@/components/ui/input";
import { Table, TableBody, TableEmpty, TableHead, Td, Th } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listCustomers, parseCustomerFilters } from "@/lib/customers/queries";
import { readListQuery } from "@/lib/http/query";

export const metadata: Metadata = { title: "Customers" };
export const dynamic = "force-dynamic";

const PATH = "/admin/customers";

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  await requireAdminPageOrSignIn(PATH);
  const { filters, invalid, cursor } = readListQuery(parseCustomerFilters, params);
  const page = await listCustomers(filters, cursor);
  const current: Record<string, string | undefined> = { ...filters };
  const active: ActiveFilter[] = [];
  if (filters.q) active.push({ key: "q", label: "Search", value: filters.q });
  if (filters.stripe) active.push({ key: "stripe", label: "Stripe customer", value: filters.stripe });
  if (filters.paying) active.push({ key: "paying", label: "Has paid", value: filters.paying });

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Customers</h1>
      <FilterPanel path={PATH} current={current} filters={active} invalid={invalid}>
        <form action={PATH} method="get" className="flex flex-wrap items-end gap-3" aria-label="Customer search">
          {filters.stripe && <input type="hidden" name="stripe" value={filters.stripe} />}
          {filters.paying && <input type="hidden" name="paying" value={filters.paying} />}
          <div className="min-w-64 flex-1 space-y-1">
            <Label htmlFor="f-q">Search</Label>
            <Input id="f-q" name="q" defaultValue={filters.q} placeholder="Email, user id or cus_…" className="h-9" />
          </div>
          <button type="submit" className={buttonClasses("primary", "sm")}>
            Search
          </button>
        </form>
        <div className="flex flex-wrap gap-4">
          <ChipGroup path={PATH} current={current} name="paying" label="Has paid" options={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} />
          <ChipGroup path={PATH} current={current} name="stripe" label="Stripe customer" options={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} />
        </div>
      </FilterPanel>
      <Table label="Customers" data-testid="customers-table">
        <TableHead>
          <tr>
            <Th>Email</Th>
            <Th>Name</Th>
            <Th>Stripe customer</Th>
            <Th align="right">Orders</Th>
            <Th>Joined</Th>
          </tr>
        </TableHead>
        <TableBody>
          {page.rows.length === 0 ? (
            <TableEmpty colSpan={5} title={active.length ? "No customers match" : "No customer accounts yet"}>
              {active.length ? "Try another search or clear the filters." : "Accounts appear here when shoppers sign up. Guest payments are under Payments."}
            </TableEmpty>
          ) : (
            page.rows.map((c) => (
              <ClickableRow key={c.id} href={`${PATH}/${c.id}`} testId="customer-row">
                <Td>
                  <Link href={`${PATH}/${c.id}`} className="font-medium text-zinc-900 hover:text-accent-700">
                    {c.email}
                  </Link>
                </Td>
                <Td className="text-zinc-600">{c.name ?? "—"}</Td>
                <Td>{c.stripeCustomerId ? <CopyableId value={c.stripeCustomerId} /> : <span className="text-zinc-400">—</span>}</Td>
                <Td align="right">{c.orders}</Td>
                <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(c.createdAt)}</Td>
              </ClickableRow>
            ))
          )}
        </TableBody>
      </Table>
      <Pagination isFirst={!cursor} firstHref={withQuery(PATH, current, {})} nextHref={page.nextCursor ? withQuery(PATH, current, { cursor: page.nextCursor }) : null} />
    </div>
  );
}
