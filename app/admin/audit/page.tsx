import type { Metadata } from "next";
import { FilterPanel, Pagination, withQuery, type ActiveFilter } from "@/components/admin/filter-chips";
import { formatDateTime } from "@/components/admin/format";
import { buttonClasses } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableEmpty, TableHead, Td, Th } from "@/components/ui/table";
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
  const active: ActiveFilter[] = [];
  if (filters.action) active.push({ key: "action", label: "Action", value: filters.action });
  if (filters.actor) active.push({ key: "actor", label: "Who", value: filters.actor });
  if (filters.targetId) active.push({ key: "targetId", label: "Target", value: filters.targetId });
  if (filters.from) active.push({ key: "from", label: "From", value: filters.from });
  if (filters.to) active.push({ key: "to", label: "To", value: filters.to });

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Audit log</h1>
        <a href={withQuery("/api/admin/audit/export", current, {})} className={buttonClasses("secondary", "sm")} download data-testid="audit-export">
          Export CSV
        </a>
      </div>
      <FilterPanel path={PATH} current={current} filters={active} invalid={invalid}>
        <form action={PATH} method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="Audit filters">
          <div className="space-y-1">
            <Label htmlFor="f-action">Action</Label>
            <Select id="f-action" name="action" defaultValue={filters.action ?? ""} className="h-9">
              <option value="">Any action</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <Label htmlFor="f-actor">Who (email)</Label>
            <Input id="f-actor" name="actor" defaultValue={filters.actor} className="h-9" />
          </div>
          <div className="space-y-1">
            <Label htmlFor="f-target">Target id</Label>
            <Input id="f-target" name="targetId" defaultValue={filters.targetId} className="h-9" />
          </div>
          <div className="grid grid-cols-2 gap-2">
            <div className="space-y-1">
              <Label htmlFor="f-from">From</Label>
              <Input id="f-from" name="from" type="date" defaultValue={filters.from} className="h-9 px-1.5 text-xs" />
            </div>
            <div className="space-y-1">
              <Label htmlFor="f-to">To</Label>
              <Input id="f-to" name="to" type="date" defaultValue={filters.to} className="h-9 px-1.5 text-xs" />
            </div>
          </div>
          <div className="flex items-end">
            <button type="submit" className={buttonClasses("primary", "sm")}>
              Apply filters
            </button>
          </div>
        </form>
      </FilterPanel>
      <Table label="Audit log" data-testid="audit-table">
        <TableHead>
          <tr>
            <Th>When</Th>
            <Th>Who</Th>
            <Th>Action</Th>
            <Th>Target</Th>
            <Th>Details</Th>
            <Th>Stripe request</Th>
          </tr>
        </TableHead>
        <TableBody>
          {page.rows.length === 0 ? (
            <TableEmpty colSpan={6} title={active.length ? "No actions match these filters" : "No admin actions yet"}>
              Refunds, replays, ignores, dispute responses and cancellations are recorded here.
            </TableEmpty>
          ) : (
            page.rows.map((r) => {
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
            })
          )}
        </TableBody>
      </Table>
      <Pagination isFirst={!cursor} firstHref={withQuery(PATH, current, {})} nextHref={page.nextCursor ? withQuery(PATH, current, { cursor: page.nextCursor }) : null} />
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
