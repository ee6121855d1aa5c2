import type { Metadata } from "next";
import { activeFilters, FilterPanel, withQuery } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { DateRangeFilter, FilterForm, ListPagination, ListTable, ListTitle, SelectFilter, SubmitFilters, TextFilter } from "@/components/admin/list-page";
import { Td } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { auditActions, listAudit, parseAuditFilters } from "@/lib/audit/queries";
import { readListQuery } from "@/lib/http/query";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const PATH = "/admin/audit";

function targetHref(type: string, id: string): string | null {
  if (type === "order") return `/admin/payments/${id}`;
  if (type === "stripe_event") return `/admin/events/${id}`;
  if (type === "dispute") return `/admin/disputes/${id}`;
  return null;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  await requireAdminPageOrSignIn(PATH);
  const { filters, invalid, cursor } = readListQuery(parseAuditFilters, params);
  const [page, actions] = await Promise.all([listAudit(filters, cursor), auditActions()]);
  const current: Record<string, string | undefined> = { ...filters };
  const active = activeFilters(filters, { action: "Action", actor: "Who", targetId: "Target", from: "From", to: "To" });

  return (
    <div className="space-y-5">
      <ListTitle title="Audit log" exportHref={withQuery("/api/admin/audit/export", current, {})} exportTestId="audit-export" />
      <FilterPanel path={PATH} current={current} filters={active} invalid={invalid}>
        <FilterForm path={PATH} label="Audit filters" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <SelectFilter id="f-action" name="action" label="Action" value={filters.action} anyLabel="Any action" options={actions} />
          <TextFilter id="f-actor" name="actor" label="Who (email)" value={filters.actor} />
          <TextFilter id="f-target" name="targetId" label="Target id" value={filters.targetId} />
          <DateRangeFilter from={filters.from} to={filters.to} />
          <div className="flex items-end">
            <SubmitFilters>Apply filters</SubmitFilters>
          </div>
        </FilterForm>
      </FilterPanel>
      <ListTable
        label="Audit log"
        testId="audit-table"
        columns={["When", "Who", "Action", "Target", "Details", "Stripe request"]}
        empty={
          page.rows.length === 0 && {
            title: active.length ? "No actions match these filters" : "No admin actions yet",
            hint: "Refunds, replays, ignores, dispute responses and cancellations are recorded here.",
          }
        }
      >
        {page.rows.map((r) => {
          const href = targetHref(r.targetType, r.targetId);
          return (
            <tr key={r.id} data-testid="audit-row">
              <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(r.createdAt)}</Td>
              <Td className="text-zinc-700">{r.actorEmail}</Td>
              <Td className="font-mono text-xs font-medium text-zinc-900">{r.action}</Td>
              <Td className="text-xs">
                <span className="text-zinc-500">{r.targetType}</span>{" "}
                {href ? (
                  <a href={href} className="font-mono text-accent-700 hover:underline">
                    {r.targetId}
                  </a>
                ) : (
                  <span className="font-mono">{r.targetId}</span>
                )}
              </Td>
              <Td className="max-w-80">
                <details>
                  <summary className="cursor-pointer text-xs text-zinc-600">Show</summary>
                  <pre className="mt-1 max-w-80 overflow-auto font-mono text-[11px] whitespace-pre-wrap text-zinc-700">{pretty(r.details)}</pre>
                </details>
              </Td>
              <Td className="font-mono text-xs text-zinc-600">{r.stripeRequestId ?? "—"}</Td>
            </tr>
          );
        })}
      </ListTable>
      <ListPagination path={PATH} current={current} cursor={cursor} nextCursor={page.nextCursor} />
    </div>
  );
}

function pretty(details: string): string {
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}
