import Link from "next/link";
import { DetailSection } from "@/components/admin/detail-page";
import { formatDateTime } from "@/components/admin/format";
import { EventStatusBadge } from "@/components/status-badges";
import type { TimelineEvent } from "@/lib/payments/queries";

/** The Stripe events of one payment (order or charge), oldest first, each linking to the event log. */
export function PaymentTimeline({ timeline }: { timeline: TimelineEvent[] }) {
  return (
    <DetailSection id="timeline-title" title="Stripe events">
      {timeline.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 bg-white p-6 text-sm text-zinc-600">
          No Stripe events received for this payment yet. They appear here as webhooks arrive.
        </p>
      ) : (
        <ol className="rounded-xl border border-zinc-200 bg-white" data-testid="payment-timeline">
          {timeline.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-100 px-4 py-3 last:border-0">
              <div className="min-w-0">
                <Link href={`/admin/events/${e.id}`} className="font-mono text-sm font-medium text-zinc-900 hover:text-accent-700">
                  {e.type}
                </Link>
                <p className="text-xs text-zinc-500">
                  {e.objectId} · {formatDateTime(e.created)}
                </p>
              </div>
              <EventStatusBadge status={e.status} />
            </li>
          ))}
        </ol>
      )}
    </DetailSection>
  );
}
