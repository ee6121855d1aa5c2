import type { Metadata } from "next";
import { AdminTable, listQuery, RowLink } from "@/components/admin/admin-table";
import { EventActions } from "@/components/webhooks/event-actions";
import { activeFilters, ChipGroup, FilterPanel } from "@/components/admin/filter-chips";
import { formatDateTime, formatDuration } from "@/components/admin/format";
import { FilterForm, SearchFilter, SelectFilter } from "@/components/admin/filters";
import { ListPagination, ListTable, ListTitle, ShowAllLink } from "@/components/admin/list-page";
import { EventStatusBadge, eventStatusLabel } from "@/components/status-badges";
import { Card } from "@/components/ui/card";
import { Td } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { API_VERSION_WINDOW_DAYS, EVENT_STATUSES, eventTypes, getWebhookHealth, listParkedWebhooks, listStripeEvents, parseEventFilters, type EventRow, type WebhookHealth } from "@/lib/webhooks/queries";
import { NOT_APPLIED_MEANING } from "@/lib/webhooks/ledger";
import { readListQuery } from "@/lib/http/query";

export const metadata: Metadata = { title: "Stripe events" };
export const dynamic = "force-dynamic";

const PATH = "/admin/events";
// Events an operator may replay or ignore: anything not (yet) done.
const ACTIONABLE = ["received", "failed", "dead", "unmatched"];

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  await requireAdminPageOrSignIn(PATH);
  const { filters, invalid, cursor } = readListQuery(parseEventFilters, params);
  const [health, page, types, parked] = await Promise.all([getWebhookHealth(), listStripeEvents(filters, cursor), eventTypes(), listParkedWebhooks()]);
  const current = listQuery(filters);
  const href = (e: EventRow) => `${PATH}/${e.id}`;
  const active = activeFilters(filters, { q: "Id", type: "Type", status: "Status" });

  return (
    <div className="space-y-5">
      <ListTitle title="Stripe events" />

      <section aria-label="Webhook health" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-4" data-testid="webhook-health">
        <Stat label="Backlog" value={String(health.backlog)} hint={`not final yet (${health.received} received in the last hour)`} tone={health.backlog > 0 ? "warning" : undefined} testId="health-backlog" />
        <Stat label="Lag" value={formatDuration(health.lagSeconds)} hint="age of the oldest waiting event" />
        <Stat label="Failures" value={String(health.failures)} hint="failed, will be retried" tone={health.failures > 0 ? "danger" : undefined} testId="health-failures" />
        <Stat label="Dead" value={String(health.dead)} hint="failed every attempt; replay to retry" tone={health.dead > 0 ? "danger" : undefined} testId="health-dead" />
        <Stat label="Unmatched" value={String(health.unmatched)} hint="no row of ours yet; reconcile repairs" tone={health.unmatched > 0 ? "warning" : undefined} testId="health-unmatched" />
        <Stat label="p95 handler time" value={health.p95HandlerMs === null ? "—" : `${health.p95HandlerMs} ms`} hint="last hour" />
        <Stat label="Other mode" value={String(health.otherMode)} hint="live/test mode not ours; acknowledged, never applied" testId="health-other-mode" />
        <Stat label="Foreign account" value={String(health.foreignAccount)} hint="another Stripe account's; acknowledged, never applied" testId="health-foreign-account" />
      </section>

      <ApiVersionNotice versions={health.apiVersions} />

      <FilterPanel path={PATH} current={current} filters={active} invalid={invalid}>
        <ChipGroup path={PATH} current={current} name="status" label="Status" options={EVENT_STATUSES.map((s) => ({ value: s, label: eventStatusLabel(s) }))} />
        <FilterForm path={PATH} label="Event filters" keep={{ status: current.status, sort: current.sort }}>
          <SearchFilter label="Event or object id" value={filters.q} placeholder="evt_…, pi_…, re_…" />
          <SelectFilter id="f-type" name="type" label="Type" value={filters.type} anyLabel="Any type" options={types} />
        </FilterForm>
      </FilterPanel>

      {filters.status && NOT_APPLIED_MEANING[filters.status] && (
        <p className="text-sm text-zinc-600" data-testid="status-meaning">
          {NOT_APPLIED_MEANING[filters.status]}
        </p>
      )}

      <AdminTable
        label="Stripe events"
        testId="events-table"
        rows={page.rows}
        rowKey={(e) => e.id}
        rowHref={href}
        rowTestId="event-row"
        sort={{ path: PATH, query: current, current: filters.sort ?? { column: "receivedAt", direction: "desc" } }}
        columns={[
          {
            label: "Type",
            className: "max-w-56",
            cell: (e) => (
              <>
                <RowLink href={href(e)} className="block truncate font-mono text-xs">
                  {e.type}
                </RowLink>
                <p className="truncate font-mono text-[11px] text-zinc-500">{e.id}</p>
              </>
            ),
          },
          { label: "Status", cell: (e) => <EventStatusBadge status={e.status} /> },
          { label: "Received", sort: { column: "receivedAt" }, className: "text-xs whitespace-nowrap text-zinc-600", cell: (e) => formatDateTime(e.receivedAt) },
          { label: "Actions", srOnlyLabel: true, cell: (e) => ACTIONABLE.includes(e.status) && <EventActions id={e.id} status={e.status} /> },
          {
            label: "Last error",
            fold: "wider",
            className: "max-w-56 truncate text-xs text-red-700",
            cell: (e) => (e.lastError ? <span title={e.lastError}>{e.lastError}</span> : "—"),
          },
          {
            label: "Object",
            fold: "wider",
            className: "max-w-44 truncate font-mono text-xs text-zinc-600",
            cell: (e) => <span title={e.objectId ?? undefined}>{e.objectId ?? "—"}</span>,
          },
          { label: "Attempts", align: "right", fold: "wider", cell: (e) => e.attempts },
          { label: "Handler", align: "right", fold: "wider", cell: (e) => (e.handlerMs === null ? "—" : `${e.handlerMs} ms`) },
        ]}
        empty={{
          title: active.length ? "No events match these filters" : "No Stripe events yet",
          hint: active.length ? <ShowAllLink path={PATH}>Clear the filters to see every event.</ShowAllLink> : "Events are stored here as Stripe's webhooks arrive.",
        }}
      />
      <ListPagination path={PATH} current={current} cursor={cursor} nextCursor={page.nextCursor} />

      {parked.length > 0 && (
        <ListTable label="Parked deliveries" testId="parked-table" columns={["Received", "Reason", "Body"]}>
          {parked.map((p) => (
            <tr key={p.id} data-testid="parked-row">
              <Td className="text-xs whitespace-nowrap text-zinc-600">{formatDateTime(p.receivedAt)}</Td>
              <Td className="text-xs text-red-700">{p.reason}</Td>
              <Td className="max-w-96 truncate font-mono text-[11px] text-zinc-600" title={p.payload}>
                {p.payload}
              </Td>
            </tr>
          ))}
        </ListTable>
      )}
    </div>
  );
}

/** Events Stripe rendered with another API version than ours: applied, but their shape may not be what Payport reads. */
function ApiVersionNotice({ versions }: { versions: WebhookHealth["apiVersions"] }) {
  if (versions.other.length === 0) return null;
  const total = versions.other.reduce((n, v) => n + v.events, 0);
  return (
    <section aria-label="Webhook API versions" className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" data-testid="api-version-notice">
      <p className="font-medium">
        {total} {total === 1 ? "event" : "events"} in the last {API_VERSION_WINDOW_DAYS} days came with another API version than Payport's ({versions.pinned}).
      </p>
      <ul className="mt-2 space-y-0.5">
        {versions.other.map((v) => (
          <li key={v.version} data-testid="api-version-row">
            <span className="font-mono">{v.version}</span>: {v.events} {v.events === 1 ? "event" : "events"}, last {formatDateTime(v.lastReceivedAt)}
          </li>
        ))}
      </ul>
      <p className="mt-2">
        They were applied, but fields may be missing or shaped differently. In the Stripe Dashboard (Developers → Webhooks → this endpoint), set the endpoint&apos;s API version to{" "}
        <span className="font-mono">{versions.pinned}</span>; if Stripe no longer offers it, upgrade Payport to a release that pins a newer version.
      </p>
    </section>
  );
}

function Stat({ label, value, hint, tone, testId }: { label: string; value: string; hint: string; tone?: "danger" | "warning"; testId?: string }) {
  return (
    <Card className="p-4">
      <p className="text-xs font-medium text-zinc-500">{label}</p>
      <p
        className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "danger" ? "text-red-700" : tone === "warning" ? "text-amber-700" : "text-zinc-900"}`}
        data-testid={testId}
      >
        {value}
      </p>
      <p className="mt-0.5 text-xs text-zinc-500">{hint}</p>
    </Card>
  );
}
