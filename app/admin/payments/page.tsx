import type { Metadata } from "next";
import { AdminTable, listQuery, RowLink } from "@/components/admin/admin-table";
import { activeFilters, ChipGroup, FilterPanel, withQuery } from "@/components/admin/filter-chips";
import { DateRangeFilter, FilterForm, SearchFilter, SelectFilter, YES_NO } from "@/components/admin/filters";
import { formatDateTime } from "@/components/admin/format";
import { ListPagination, ListTitle, ShowAllLink } from "@/components/admin/list-page";
import { PAYMENT_SOURCE_LABEL, paymentHref, PaymentSourceCell } from "@/components/payments/payment-source";
import { PAYMENT_STATUS_BADGE, PaymentStatusBadge } from "@/components/status-badges";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listPayments, parsePaymentFilters, PAYMENT_SOURCES, paymentCurrencies, type PaymentRow } from "@/lib/payments/queries";
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
  const current = listQuery(filters);
  const active = activeFilters(filters, {
    q: "Search",
    status: ["Status", (s) => PAYMENT_STATUS_BADGE[s].label],
    currency: ["Currency", (c) => c.toUpperCase()],
    from: "From",
    to: "To",
    refunded: "Refunded",
    disputed: "Disputed",
    source: ["Source", (s) => PAYMENT_SOURCE_LABEL[s]],
  });
  const manyCurrencies = new Set(page.rows.map((r) => r.currency)).size > 1 || currencies.length > 1;
  const href = (row: PaymentRow) => paymentHref(row);

  return (
    <div className="space-y-5">
      <ListTitle title="Payments" exportHref={withQuery("/api/admin/payments/export", current, {})} exportTestId="payments-export" />

      <FilterPanel path={PATH} current={current} filters={active} invalid={invalid}>
        <ChipGroup
          path={PATH}
          current={current}
          name="status"
          label="Status"
          options={PAYMENT_STATUSES.map((s) => ({ value: s, label: PAYMENT_STATUS_BADGE[s].label }))}
        />
        <ChipGroup path={PATH} current={current} name="source" label="Source" options={PAYMENT_SOURCES.map((s) => ({ value: s, label: PAYMENT_SOURCE_LABEL[s] }))} />
        <FilterForm path={PATH} label="Payment filters" keep={{ status: current.status, source: current.source, sort: current.sort }}>
          <SearchFilter value={filters.q} placeholder="Email, order id, pi_…, ch_…, sub_…, in_…" />
          <SelectFilter id="f-currency" name="currency" label="Currency" value={filters.currency} options={currencies.map((c) => ({ value: c, label: c.toUpperCase() }))} />
          <SelectFilter id="f-refunded" name="refunded" label="Refunded" value={filters.refunded} options={YES_NO} />
          <SelectFilter id="f-disputed" name="disputed" label="Disputed" value={filters.disputed} options={YES_NO} />
          <DateRangeFilter path={PATH} current={current} from={filters.from} to={filters.to} />
        </FilterForm>
      </FilterPanel>

      <AdminTable
        label="Payments"
        testId="payments-table"
        rows={page.rows}
        rowKey={(row) => row.id}
        rowHref={href}
        rowTestId="payment-row"
        sort={{ path: PATH, query: current, current: filters.sort ?? { column: "createdAt", direction: "desc" } }}
        columns={[
          {
            label: "Amount",
            align: "right",
            sort: { column: "amount" },
            className: "font-medium whitespace-nowrap text-zinc-900",
            cell: (row) => (
              <RowLink href={href(row)} label={`Open payment ${row.id}: ${formatMoney(row.amount, row.currency)}`}>
                {formatMoney(row.amount, row.currency)}
                {manyCurrencies && <span className="ml-1 text-xs font-normal text-zinc-500">{row.currency.toUpperCase()}</span>}
              </RowLink>
            ),
          },
          { label: "Status", cell: (row) => <PaymentStatusBadge status={row.status} /> },
          { label: "Customer", className: "max-w-56 truncate text-zinc-700", cell: (row) => row.email },
          { label: "Created", sort: { column: "createdAt" }, fold: "wide", className: "whitespace-nowrap text-zinc-600", cell: (row) => formatDateTime(row.createdAt) },
          {
            label: "Card",
            fold: "wider",
            className: "whitespace-nowrap text-zinc-600",
            cell: (row) => (row.cardLast4 ? `${row.cardBrand ?? "card"} •••• ${row.cardLast4}` : "—"),
          },
          { label: "Source", fold: "wider", cell: (row) => <PaymentSourceCell row={row} /> },
        ]}
        empty={{
          title: active.length ? "No payments match these filters" : "No payments yet",
          hint: active.length ? (
            <ShowAllLink path={PATH} className="font-medium">
              Clear the filters
            </ShowAllLink>
          ) : (
            "Payments appear here as soon as a customer checks out or pays a subscription invoice."
          ),
        }}
      />
      <ListPagination path={PATH} current={current} cursor={cursor} nextCursor={page.nextCursor} />
    </div>
  );
}

function flat(params: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
