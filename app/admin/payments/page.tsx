import type { Metadata } from "next";
import Link from "next/link";
import { ClickableRow } from "@/components/admin/clickable-row";
import { activeFilters, ChipGroup, FilterPanel, withQuery } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { DateRangeFilter, FilterForm, ListPagination, ListTable, ListTitle, SelectFilter, ShowAllLink, SubmitFilters, TextFilter, YES_NO } from "@/components/admin/list-page";
import { PAYMENT_SOURCE_LABEL, paymentHref, PaymentSourceCell } from "@/components/payments/payment-source";
import { PAYMENT_STATUS_BADGE, PaymentStatusBadge } from "@/components/status-badges";
import { CopyableId } from "@/components/ui/copy-button";
import { Td } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listPayments, parsePaymentFilters, PAYMENT_SOURCES, paymentCurrencies } from "@/lib/payments/queries";
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
        <FilterForm path={PATH} label="Payment filters" keep={{ status: filters.status, source: filters.source }} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
          <TextFilter id="f-q" name="q" label="Search" value={filters.q} placeholder="Email, order id, pi_…, ch_…, sub_…, in_…" className="lg:col-span-2" />
          <SelectFilter id="f-currency" name="currency" label="Currency" value={filters.currency} options={currencies.map((c) => ({ value: c, label: c.toUpperCase() }))} />
          <SelectFilter id="f-refunded" name="refunded" label="Refunded" value={filters.refunded} options={YES_NO} />
          <SelectFilter id="f-disputed" name="disputed" label="Disputed" value={filters.disputed} options={YES_NO} />
          <DateRangeFilter from={filters.from} to={filters.to} className="lg:col-span-1" />
          <div className="flex items-end lg:col-span-6">
            <SubmitFilters>Apply filters</SubmitFilters>
          </div>
        </FilterForm>
      </FilterPanel>

      <ListTable
        label="Payments"
        testId="payments-table"
        columns={["Created", { label: "Amount", align: "right" }, "Status", "Customer", "Card", "Source", "Payment"]}
        empty={
          page.rows.length === 0 && {
            title: active.length ? "No payments match these filters" : "No payments yet",
            hint: active.length ? (
              <ShowAllLink path={PATH} className="font-medium">
                Clear the filters
              </ShowAllLink>
            ) : (
              "Payments appear here as soon as a customer checks out or pays a subscription invoice."
            ),
          }
        }
      >
        {page.rows.map((row) => (
          <ClickableRow key={row.id} href={paymentHref(row)} testId="payment-row">
            <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(row.createdAt)}</Td>
            <Td align="right" className="font-medium whitespace-nowrap text-zinc-900">
              {formatMoney(row.amount, row.currency)}
              {manyCurrencies && <span className="ml-1 text-xs font-normal text-zinc-500">{row.currency.toUpperCase()}</span>}
            </Td>
            <Td>
              <PaymentStatusBadge status={row.status} />
            </Td>
            <Td className="max-w-48 truncate text-zinc-700">{row.email ?? "—"}</Td>
            <Td className="whitespace-nowrap text-zinc-600">{row.cardLast4 ? `${row.cardBrand ?? "card"} •••• ${row.cardLast4}` : "—"}</Td>
            <Td>
              <PaymentSourceCell row={row} />
            </Td>
            <Td className="max-w-40">
              <Link href={paymentHref(row)} className="sr-only focus:not-sr-only">
                Open payment {row.id}
              </Link>
              <CopyableId value={row.id} />
            </Td>
          </ClickableRow>
        ))}
      </ListTable>
      <ListPagination path={PATH} current={current} cursor={cursor} nextCursor={page.nextCursor} />
    </div>
  );
}

function flat(params: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
