import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DisputeActions } from "@/components/disputes/dispute-actions";
import { DisputeStatusBadge } from "@/components/status-badges";
import { EvidenceCountdown } from "@/components/disputes/evidence-countdown";
import { formatDateTime } from "@/components/admin/format";
import { EventStatusBadge } from "@/components/status-badges";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyableId } from "@/components/ui/copy-button";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { getDisputeDetail } from "@/lib/disputes/queries";
import { isRespondable } from "@/lib/disputes/status";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Dispute" };
export const dynamic = "force-dynamic";

export default async function DisputePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdminPageOrSignIn(`/admin/disputes/${encodeURIComponent(id)}`);
  const dispute = await getDisputeDetail(id);
  if (!dispute) notFound();
  const amount = formatMoney(dispute.amount, dispute.currency);
  const respondable = isRespondable(dispute.status) && (!dispute.evidenceDueBy || new Date(dispute.evidenceDueBy).getTime() > Date.now());

  return (
    <div className="space-y-6" data-testid="dispute-detail" data-dispute-id={dispute.id}>
      <div>
        <Link href="/admin/disputes" className="text-sm text-zinc-500 hover:text-zinc-900">
          ← Disputes
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums">{amount}</h1>
          <DisputeStatusBadge status={dispute.status} />
        </div>
        <p className="mt-1 text-sm text-zinc-500">Disputed as {dispute.reason.replaceAll("_", " ")}</p>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardContent>
              <dl className="grid gap-4 text-sm sm:grid-cols-2">
                <div>
                  <dt className="text-zinc-500">Evidence due</dt>
                  <dd className="mt-1">
                    <EvidenceCountdown dueBy={dispute.evidenceDueBy} active={isRespondable(dispute.status)} />
                  </dd>
                </div>
                <div>
                  <dt className="text-zinc-500">Opened</dt>
                  <dd className="mt-1 text-zinc-900">{formatDateTime(dispute.createdAt)}</dd>
                </div>
                <div>
                  <dt className="text-zinc-500">Dispute</dt>
                  <dd className="mt-1">
                    <CopyableId value={dispute.stripeDisputeId} />
                  </dd>
                </div>
                <div>
                  <dt className="text-zinc-500">Charge</dt>
                  <dd className="mt-1">
                    <CopyableId value={dispute.stripeChargeId} />
                  </dd>
                </div>
                <div>
                  <dt className="text-zinc-500">Payment</dt>
                  <dd className="mt-1">
                    {dispute.order ? (
                      <Link href={`/admin/payments/${encodeURIComponent(dispute.order.id)}`} className="font-medium text-accent-700 hover:underline" data-testid="dispute-order-link">
                        {formatMoney(dispute.order.amount, dispute.order.currency)} · {dispute.order.email}
                      </Link>
                    ) : (
                      <span className="text-zinc-500">Not a Payport order</span>
                    )}
                  </dd>
                </div>
                <div>
                  <dt className="text-zinc-500">Card</dt>
                  <dd className="mt-1 text-zinc-900">{dispute.order?.cardBrand ? `${dispute.order.cardBrand} •••• ${dispute.order.cardLast4 ?? ""}` : "—"}</dd>
                </div>
              </dl>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Timeline</CardTitle>
            </CardHeader>
            <CardContent>
              {dispute.events.length === 0 && dispute.audit.length === 0 ? (
                <p className="text-sm text-zinc-500">No events recorded yet.</p>
              ) : (
                <ol className="space-y-3 text-sm" data-testid="dispute-timeline">
                  {[
                    ...dispute.events.map((e) => ({ key: e.id, at: new Date(e.created * 1000).toISOString(), kind: "event" as const, e })),
                    ...dispute.audit.map((a) => ({ key: a.id, at: a.createdAt, kind: "audit" as const, a })),
                  ]
                    .sort((x, y) => y.at.localeCompare(x.at))
                    .map((item) => (
                      <li key={item.key} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                        <span className="w-44 shrink-0 text-xs text-zinc-500">{formatDateTime(item.at)}</span>
                        {item.kind === "event" ? (
                          <>
                            <Link href={`/admin/events/${encodeURIComponent(item.e.id)}`} className="font-mono text-xs text-zinc-900 hover:text-accent-700">
                              {item.e.type}
                            </Link>
                            <EventStatusBadge status={item.e.status} />
                          </>
                        ) : (
                          <span className="text-zinc-900">
                            <span className="font-medium">{item.a.action}</span> by {item.a.actorEmail}
                            {item.a.stripeRequestId && <code className="ml-2 font-mono text-xs text-zinc-500">{item.a.stripeRequestId}</code>}
                          </span>
                        )}
                      </li>
                    ))}
                </ol>
              )}
            </CardContent>
          </Card>
        </div>

        <div className="space-y-6">
          {respondable ? (
            <DisputeActions disputeId={dispute.id} amountLabel={amount} />
          ) : (
            <Card data-testid="dispute-closed-note">
              <CardContent className="text-sm text-zinc-600">
                {isRespondable(dispute.status)
                  ? "The evidence deadline has passed; Stripe no longer accepts a response."
                  : dispute.status.includes("under_review")
                    ? "Evidence was submitted; the bank is reviewing it. Stripe reports the outcome here."
                    : "This dispute is closed."}
              </CardContent>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
