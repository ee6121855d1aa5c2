import type { Metadata } from "next";
import Link from "next/link";
import { DisputeStatusBadge, disputeStatusLabel } from "@/components/status-badges";
import { EvidenceCountdown } from "@/components/disputes/evidence-countdown";
import { ClickableRow } from "@/components/admin/clickable-row";
import { ChipGroup } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { ListPagination, ListTable, ListTitle, ShowAllLink } from "@/components/admin/list-page";
import { CopyableId } from "@/components/ui/copy-button";
import { Td } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { listDisputes, parseDisputeFilters } from "@/lib/disputes/queries";
import { isRespondable } from "@/lib/disputes/status";
import { HttpError } from "@/lib/errors";
import { readListQuery } from "@/lib/http/query";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Disputes" };
export const dynamic = "force-dynamic";

const PATH = "/admin/disputes";
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
  const current = { status };

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
      <ListTable
        label="Disputes"
        testId="disputes-table"
        columns={[{ label: "Amount", align: "right" }, "Status", "Reason", "Evidence due", "Customer", "Dispute"]}
        empty={
          page.disputes.length === 0 && {
            title: status ? "No disputes match this filter" : "No disputes",
            hint: status ? <ShowAllLink path={PATH}>Show all disputes</ShowAllLink> : "When a cardholder disputes a payment, it appears here with its deadline.",
          }
        }
      >
        {page.disputes.map((d) => (
          <ClickableRow key={d.id} href={`${PATH}/${encodeURIComponent(d.id)}`} testId="dispute-row">
            <Td align="right" className="whitespace-nowrap">
              <Link href={`${PATH}/${encodeURIComponent(d.id)}`} className="font-medium hover:text-accent-700">
                {formatMoney(d.amount, d.currency)}
              </Link>
              <span className="block text-xs text-zinc-500">opened {formatDateTime(d.createdAt)}</span>
            </Td>
            <Td>
              <DisputeStatusBadge status={d.status} />
            </Td>
            <Td className="whitespace-nowrap text-zinc-700">{d.reason.replaceAll("_", " ")}</Td>
            <Td className="whitespace-nowrap">
              <EvidenceCountdown dueBy={d.evidenceDueBy} active={isRespondable(d.status)} />
            </Td>
            <Td className="max-w-48 truncate text-zinc-700">{d.email ?? "—"}</Td>
            <Td>
              <CopyableId value={d.stripeDisputeId} className="max-w-44" />
            </Td>
          </ClickableRow>
        ))}
      </ListTable>
      <ListPagination path={PATH} current={current} cursor={query.cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
