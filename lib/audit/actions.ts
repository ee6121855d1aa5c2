// The audit trail: every admin action (refund, cancel, evidence, replay,
// ignore, reconcile…) is recorded with who did it, what it targeted, its
// parameters/outcome and the Stripe request id it made (when it made one).
import { getDb, type Db } from "@/lib/db";

export type AuditActor = { id: string | null; email: string };

export type AuditEntry = {
  actor: AuditActor;
  /** e.g. refund.create, dispute.evidence, dispute.close, event.replay, event.ignore, reconcile.run, subscription.cancel */
  action: string;
  /** e.g. order, refund, dispute, stripe_event, subscription, reconcile */
  targetType: string;
  targetId: string;
  /** Parameters and outcome; serialised as JSON (undefined → {}). */
  details?: unknown;
  /** `lastResponse.requestId` of the Stripe call the action made, if any. */
  stripeRequestId?: string | null;
};

export type AuditRecord = {
  id: string;
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  details: string;
  stripeRequestId: string | null;
  createdAt: Date;
};

function serialiseDetails(details: unknown): string {
  if (details === undefined || details === null) return "{}";
  if (typeof details === "string") return JSON.stringify({ message: details });
  try {
    return JSON.stringify(details);
  } catch {
    return JSON.stringify({ unserialisable: String(details) });
  }
}

/**
 * Writes one AuditLog row and returns it. Pass `db` to write inside a
 * transaction (`db.$transaction(async (tx) => recordAudit(entry, tx))`).
 */
export async function recordAudit(entry: AuditEntry, db: Db = getDb()): Promise<AuditRecord> {
  return db.auditLog.create({
    data: {
      actorId: entry.actor.id ?? null,
      actorEmail: entry.actor.email,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: serialiseDetails(entry.details),
      stripeRequestId: entry.stripeRequestId ?? null,
    },
  });
}

/** The Stripe request id of an SDK result (`obj.lastResponse.requestId`), if present. */
export function stripeRequestIdOf(result: unknown): string | null {
  const id = (result as { lastResponse?: { requestId?: unknown } } | null | undefined)?.lastResponse?.requestId;
  return typeof id === "string" && id !== "" ? id : null;
}
