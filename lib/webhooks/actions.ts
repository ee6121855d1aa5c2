// The operator's two actions on a ledger event, both audited: replay re-runs
// its (idempotent) handler; ignore marks it so nobody retries it.
import { recordAudit, type AuditActor } from "@/lib/audit/actions";
import { getDb } from "@/lib/db";
import { HttpError } from "@/lib/errors";
import { replayStripeEvent, type ProcessOutcome } from "@/lib/webhooks/process";

export async function replayEventAsAdmin(id: string, actor: AuditActor): Promise<ProcessOutcome> {
  const before = await getDb().stripeEvent.findUnique({ where: { id }, select: { status: true, type: true } });
  if (!before) throw new HttpError(404, "Event not found.");
  const outcome = await replayStripeEvent(id);
  if (!outcome) throw new HttpError(404, "Event not found.");
  await recordAudit({
    actor,
    action: "event.replay",
    targetType: "stripe_event",
    targetId: id,
    details: { type: before.type, previousStatus: before.status, outcome: outcome.status, ...(outcome.status === "failed" && { error: outcome.error }) },
  });
  return outcome;
}

export async function ignoreEventAsAdmin(id: string, actor: AuditActor): Promise<{ status: "ignored" }> {
  const db = getDb();
  const before = await db.stripeEvent.findUnique({ where: { id }, select: { status: true, type: true } });
  if (!before) throw new HttpError(404, "Event not found.");
  // No next attempt: workers leave it alone from now on.
  if (before.status !== "ignored") await db.stripeEvent.update({ where: { id }, data: { status: "ignored", handledAt: new Date(), nextAttemptAt: null } });
  await recordAudit({ actor, action: "event.ignore", targetType: "stripe_event", targetId: id, details: { type: before.type, previousStatus: before.status } });
  return { status: "ignored" };
}
