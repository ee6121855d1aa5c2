import type { Metadata } from "next";
import { DetailItem } from "@/components/admin/detail-page";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventActions } from "@/components/webhooks/event-actions";
import { formatDateTime } from "@/components/admin/format";
import { EventStatusBadge } from "@/components/status-badges";
import { Card, CardContent } from "@/components/ui/card";
import { CopyableId } from "@/components/ui/copy-button";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { getStripeEvent } from "@/lib/webhooks/queries";
import { NOT_APPLIED_MEANING, type LedgerStatus } from "@/lib/webhooks/ledger";

export const metadata: Metadata = { title: "Stripe event" };
export const dynamic = "force-dynamic";

export default async function EventDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdminPageOrSignIn(`/admin/events/${encodeURIComponent(id)}`);
  const event = await getStripeEvent(id);
  if (!event) notFound();

  return (
    <div className="space-y-6" data-testid="event-detail" data-status={event.status}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <Link href="/admin/events" className="text-sm text-zinc-500 hover:text-zinc-900">
            ← Stripe events
          </Link>
          <div className="flex items-center gap-3">
            <h1 className="font-mono text-2xl font-semibold tracking-tight text-zinc-900">{event.type}</h1>
            <EventStatusBadge status={event.status} />
          </div>
          <CopyableId value={event.id} />
        </div>
        <EventActions id={event.id} status={event.status} size="md" />
      </div>
      <Card>
        <CardContent>
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <DetailItem label="Object">{event.objectId ? <CopyableId value={event.objectId} /> : "—"}</DetailItem>
            <DetailItem label="Created at Stripe">{formatDateTime(event.created)}</DetailItem>
            <DetailItem label="Received">{formatDateTime(event.receivedAt)}</DetailItem>
            <DetailItem label="Handled">{event.handledAt ? formatDateTime(event.handledAt) : "—"}</DetailItem>
            <DetailItem label="Attempts">{event.attempts}</DetailItem>
            <DetailItem label="Handler time">{event.handlerMs === null ? "—" : `${event.handlerMs} ms`}</DetailItem>
            <DetailItem label="Next attempt">{event.nextAttemptAt ? formatDateTime(event.nextAttemptAt) : "—"}</DetailItem>
          </dl>
          {NOT_APPLIED_MEANING[event.status as LedgerStatus] && (
            <p className="mt-4 rounded-md bg-zinc-50 p-3 text-sm text-zinc-700" data-testid="event-status-meaning">
              {NOT_APPLIED_MEANING[event.status as LedgerStatus]}
            </p>
          )}
          {event.otherApiVersion && (
            <p className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="event-api-version">
              Rendered with API version <span className="font-mono">{event.otherApiVersion}</span>, not Payport&apos;s{" "}
              <span className="font-mono">{event.pinnedApiVersion}</span>: set the webhook endpoint&apos;s API version in the Stripe Dashboard to Payport&apos;s, or upgrade Payport.
            </p>
          )}
          {event.lastError && (
            <p className="mt-4 rounded-md bg-red-50 p-3 font-mono text-xs break-all text-red-800" data-testid="event-last-error">
              {event.lastError}
            </p>
          )}
        </CardContent>
      </Card>
      <details open className="rounded-xl border border-zinc-200 bg-white">
        <summary className="cursor-pointer px-4 py-3 text-sm font-medium text-zinc-900">Payload</summary>
        <pre className="max-h-[32rem] overflow-auto border-t border-zinc-100 p-4 font-mono text-xs leading-relaxed text-zinc-800" data-testid="event-payload">
          {event.payload}
        </pre>
      </details>
    </div>
  );
}
