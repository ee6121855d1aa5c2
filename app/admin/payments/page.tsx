import type { Metadata } from "next";
import Link from "next/link";
import { ClickableRow } from "@/components/admin/clickable-row";
import { ChipGroup, FilterPanel, Pagination, withQuery, type ActiveFilter } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { PAYMENT_STATUS_BADGE, PaymentStatusBadge } from "@/components/status-badges";
import { buttonClasses } from "@/components/ui/button";
import { CopyableId } from "@/components/ui/copy-button";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableEmpty, TableHead, Td, Th } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listPayments, parsePaymentFilters, paymentCurrencies } from "@/lib/payments/queries";
import { PAYMENT_STATUSES } from "@/lib/payments/status";
import { readListQuery } from "@/lib/http/query";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Payments" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

const PATH = "/admin/payments";

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  await requireAdminPageOrSignIn(withQuery(PATH, flat(params), {}));
  const { filters, invalid, cursor } = readListQuery(parsePaymentFilters, params);
  const [page, currencies] = await Promise.all([listPayments(filters, cursor), paymentCurrencies()]);
  const current: Record<string, string | undefined> = { ...filters };
  const exportHref = withQuery("/api/admin/payments/export", current, {});
  const active: ActiveFilter[] = [];
  if (filters.q) active.push({ key: "q", label: "Search", value: filters.q });
  if (filters.status) active.push({ key: "status", label: "Status", value: PAYMENT_STATUS_BADGE[filters.status].label });
  if (filters.currency) active.push({ key: "currency", label: "Currency", value: filters.currency.toUpperCase() });
  if (filters.from) active.push({ key: "from", label: "From", value: filters.from });
  if (filters.to) active.push({ key: "to", label: "To", value: filters.to });
  if (filters.refunded) active.push({ key: "refunded", label: "Refunded", value: filters.refunded });
  if (filters.disputed) active.push({ key: "disputed", label: "Disputed", value: filters.disputed });
  const manyCurrencies = new Set(page.rows.map((r) => r.currency)).size > 1 || currencies.length > 1;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Payments</h1>
        <a href={exportHref} className={buttonClasses("secondary", "sm")} download data-testid="payments-export">
          Export CSV
        </a>
      </div>

      <FilterPanel path={PATH} current={current} filters={active} invalid={invalid}>
        <ChipGroup
          path={PATH}
          current={current}
          name="status"
          label="Status"
          options={PAYMENT_STATUSES.map((s) => ({ value: s, label: PAYMENT_STATUS_BADGE[s].label }))}
        />
        <form action={PATH} method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6" aria-label="Payment filters">
          {filters.status && <input type="hidden" name="status" value={filters.status} />}
          <div className="space-y-1 lg:col-span-2">
            <Label htmlFor="f-q">Search</Label>
            <Input id="f-q" name="q" defaultValue={filters.q} placeholder="Email, order id, pi_…, ch_…" className="h-9" />
          </div>
          <div className="space-y-1">
            <Label htmlFor="f-currency">Currency</Label>
            <Select id="f-currency" name="currency" defaultValue={filters.currency ?? ""} className="h-9">
              <option value="">Any</option>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <Label htmlFor="f-refunded">Refunded</Label>
            <Select id="f-refunded" name="refunded" defaultValue={filters.refunded ?? ""} className="h-9">
              <option value="">Any</option>
              <option value="yes">Yes</option>
              <option value="no">No</option>
            </Select>
          </div>
          <div className="space-y-1">
            <Label htmlFor="f-disputed">Disputed</Label>
            <Select id="f-disputed" name="disputed" defaultValue={filters.disputed ?? ""} className="h-9">
              <option value="">Any</option>
              <option value="yes">Yes</option>
              <option value="no">No</option>
            </Select>
          </div>
          <div className="grid grid-cols-2 gap-2 lg:col-span-1">
            <div className="space-y-1">
              <Label htmlFor="f-from">From</Label>
              <Input id="f-from" name="from" type="date" defaultValue={filters.from} className="h-9 px-1.5 text-xs" />
            </div>
            <div className="space-y-1">
              <Label htmlFor="f-to">To</Label>
              <Input id="f-to" name="to" type="date" defaultValue={filters.to} className="h-9 px-1.5 text-xs" />
            </div>
          </div>
          <div className="flex items-end lg:col-span-6">
            <button type="submit" className={buttonClasses("primary", "sm")}>
              Apply filters
            </button>
          </div>
        </form>
      </FilterPanel>

      <Table label="Payments" data-testid="payments-table">
        <TableHead>
          <tr>
            <Th>Created</Th>
            <Th align="right">Amount</Th>
            <Th>Status</Th>
            <Th>Customer</Th>
            <Th>Card</Th>
            <Th>Order</Th>
          </tr>
        </TableHead>
        <TableBody>
          {page.rows.length === 0 ? (
            <TableEmpty colSpan={6} title={active.length ? "No payments match these filters" : "No payments yet"}>
              {active.length ? (
                <Link href={PATH} className="font-medium text-accent-700 hover:underline">
                  Clear the filters
                </Link>
              ) : (
                "Payments appear here as soon as a customer checks out."
              )}
            </TableEmpty>
          ) : (
            page.rows.map((row) => (
              <ClickableRow key={row.id} href={`${PATH}/${row.id}`} testId="payment-row">
                <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(row.createdAt)}</Td>
                <Td align="right" className="font-medium whitespace-nowrap text-zinc-900">
                  {formatMoney(row.amount, row.currency)}
                  {manyCurrencies && <span className="ml-1 text-xs font-normal text-zinc-500">{row.currency.toUpperCase()}</span>}
                </Td>
                <Td>
                  <PaymentStatusBadge status={row.status} />
                </Td>
                <Td className="max-w-48 truncate text-zinc-700">{row.email}</Td>
                <Td className="whitespace-nowrap text-zinc-600">{row.cardLast4 ? `${row.cardBrand ?? "card"} •••• ${row.cardLast4}` : "—"}</Td>
                <Td className="max-w-40">
                  <Link href={`${PATH}/${row.id}`} className="sr-only focus:not-sr-only">
                    Open payment {row.id}
                  </Link>
                  <CopyableId value={row.id} />
                </Td>
              </ClickableRow>
            ))
          )}
        </TableBody>
      </Table>
      <Pagination
        isFirst={!cursor}
        firstHref={withQuery(PATH, current, {})}
        nextHref={page.nextCursor ? withQuery(PATH, current, { cursor: page.nextCursor }) : null}
      />
    </div>
  );
}

function flat(params: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
