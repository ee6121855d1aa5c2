import type { Metadata } from "next";
import { activeFilters, FilterPanel, withQuery } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { AdminTable, listQuery, RowLink } from "@/components/admin/admin-table";
import { DateRangeFilter, FilterForm, SelectFilter, TextFilter } from "@/components/admin/filters";
import { ListPagination, ListTitle } from "@/components/admin/list-page";
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
  const current = listQuery(filters);
  const active = activeFilters(filters, { action: "Action", actor: "Who", targetId: "Target", from: "From", to: "To" });

  return (
    <div className="space-y-5">
      <ListTitle title="Audit log" exportHref={withQuery("/api/admin/audit/export", current, {})} exportTestId="audit-export" />
      <FilterPanel path={PATH} current={current} filters={active} invalid={invalid}>
        <FilterForm path={PATH} label="Audit filters" keep={{ sort: current.sort }}>
          <SelectFilter id="f-action" name="action" label="Action" value={filters.action} anyLabel="Any action" options={actions} />
          <TextFilter id="f-actor" name="actor" label="Who (email)" value={filters.actor} />
          <TextFilter id="f-target" name="targetId" label="Target id" value={filters.targetId} />
          <DateRangeFilter path={PATH} current={current} from={filters.from} to={filters.to} />
        </FilterForm>
      </FilterPanel>
      <AdminTable
        label="Audit log"
        testId="audit-table"
        rows={page.rows}
        rowKey={(r) => r.id}
        rowHref={(r) => targetHref(r.targetType, r.targetId)}
        rowTestId="audit-row"
        sort={{ path: PATH, query: current, current: filters.sort ?? { column: "createdAt", direction: "desc" } }}
        columns={[
          {
            label: "Action",
            cell: (r) => {
              const href = targetHref(r.targetType, r.targetId);
              return (
                <>
                  <p className="font-mono text-xs font-medium text-zinc-900">{r.action}</p>
                  <p className="text-xs">
                    <span className="text-zinc-500">{r.targetType}</span>{" "}
                    {href ? (
                      <RowLink href={href} className="font-mono font-normal break-all text-accent-700 hover:underline">
                        {r.targetId}
                      </RowLink>
                    ) : (
                      <span className="font-mono break-all">{r.targetId}</span>
                    )}
                  </p>
                </>
              );
            },
          },
          { label: "When", sort: { column: "createdAt" }, className: "whitespace-nowrap text-zinc-600", cell: (r) => formatDateTime(r.createdAt) },
          { label: "Who", className: "max-w-56 truncate text-zinc-700", cell: (r) => r.actorEmail },
          {
            label: "Details",
            fold: "wide",
            className: "max-w-80",
            cell: (r) => (
              <details>
                <summary className="cursor-pointer text-xs text-zinc-600">Show</summary>
                <pre className="mt-1 max-w-80 overflow-auto font-mono text-[11px] whitespace-pre-wrap text-zinc-700">{pretty(r.details)}</pre>
              </details>
            ),
          },
          { label: "Stripe request", fold: "wider", className: "font-mono text-xs text-zinc-600", cell: (r) => r.stripeRequestId ?? "—" },
        ]}
        empty={{
          title: active.length ? "No actions match these filters" : "No admin actions yet",
          hint: "Refunds, replays, ignores, dispute responses and cancellations are recorded here.",
        }}
      />
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
