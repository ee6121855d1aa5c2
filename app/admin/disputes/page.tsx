import type { Metadata } from "next";
import { DisputeStatusBadge, disputeStatusLabel } from "@/components/status-badges";
import { EvidenceCountdown } from "@/components/disputes/evidence-countdown";
import { AdminTable, listQuery, RowLink } from "@/components/admin/admin-table";
import { ChipGroup } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { ListPagination, ListTitle, ShowAllLink } from "@/components/admin/list-page";
import { CopyableId } from "@/components/ui/copy-button";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listDisputes, parseDisputeFilters, type DisputeListItem } from "@/lib/disputes/queries";
import type { Sort } from "@/lib/http/sort";
import { isRespondable } from "@/lib/disputes/status";
import { HttpError } from "@/lib/errors";
import { readListQuery } from "@/lib/http/query";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Disputes" };
export const dynamic = "force-dynamic";

const PATH = "/admin/disputes";
const NEWEST_FIRST: Sort<"createdAt" | "amount"> = { column: "createdAt", direction: "desc" };
const STATUS_CHIPS = ["open", "needs_response", "warning_needs_response", "under_review", "won", "lost"];

export default async function DisputesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  await requireAdminPageOrSignIn(typeof params.status === "string" ? `/admin/disputes?status=${encodeURIComponent(params.status)}` : "/admin/disputes");
  const query = readListQuery(parseDisputeFilters, params);
  let invalid = query.invalid;
  let page: Awaited<ReturnType<typeof listDisputes>>;
  try {
    page = await listDisputes(query.filters, query.cursor);
  } catch (error) {
    // A stale or hand-edited cursor: show the first page with the reason.
    if (!(error instanceof HttpError)) throw error;
    invalid = error.message;
    page = await listDisputes({});
  }
  const status = invalid ? undefined : query.filters.status;
  const sort = (!invalid && query.filters.sort) || NEWEST_FIRST;
  const current = { status, sort: invalid ? undefined : listQuery(query.filters).sort };
  const href = (d: DisputeListItem) => `${PATH}/${encodeURIComponent(d.id)}`;

  return (
    <div className="space-y-5">
      <ListTitle title="Disputes" description="Chargebacks and inquiries from cardholders' banks. Respond before the evidence deadline." />
      <div className="rounded-xl border border-zinc-200 bg-white p-4">
        <ChipGroup
          path={PATH}
          current={current}
          name="status"
          label="Status"
          options={STATUS_CHIPS.map((s) => ({ value: s, label: s === "open" ? "Open" : disputeStatusLabel(s) }))}
        />
        {invalid && (
          <p className="mt-2 text-sm text-red-600" role="alert">
            {invalid}
          </p>
        )}
      </div>
      <AdminTable
        label="Disputes"
        testId="disputes-table"
        rows={page.disputes}
        rowKey={(d) => d.id}
        rowHref={href}
        rowTestId="dispute-row"
        sort={{ path: PATH, query: current, current: sort }}
        columns={[
          {
            label: "Amount",
            align: "right",
            sort: { column: "amount" },
            className: "whitespace-nowrap",
            cell: (d) => (
              <>
                <RowLink href={href(d)}>{formatMoney(d.amount, d.currency)}</RowLink>
                <span className="block text-xs text-zinc-500">opened {formatDateTime(d.createdAt)}</span>
              </>
            ),
          },
          { label: "Status", cell: (d) => <DisputeStatusBadge status={d.status} /> },
          { label: "Evidence due", className: "whitespace-nowrap", cell: (d) => <EvidenceCountdown dueBy={d.evidenceDueBy} active={isRespondable(d.status)} /> },
          { label: "Reason", fold: "wide", className: "whitespace-nowrap text-zinc-700", cell: (d) => d.reason.replaceAll("_", " ") },
          { label: "Customer", fold: "wider", className: "max-w-48 truncate text-zinc-700", cell: (d) => d.email ?? "—" },
          { label: "Dispute", fold: "wider", cell: (d) => <CopyableId value={d.stripeDisputeId} className="max-w-44" /> },
          { label: "Opened", sort: { column: "createdAt" }, fold: "wider", className: "whitespace-nowrap text-zinc-600", cell: (d) => formatDateTime(d.createdAt) },
        ]}
        empty={{
          title: status ? "No disputes match this filter" : "No disputes",
          hint: status ? <ShowAllLink path={PATH}>Show all disputes</ShowAllLink> : "When a cardholder disputes a payment, it appears here with its deadline.",
        }}
      />
      <ListPagination path={PATH} current={current} cursor={query.cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
