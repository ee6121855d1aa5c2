// Reconciliation as an audited action: the admin button and `npm run reconcile`
// both come through here, so every run leaves an AuditLog row with its counts.
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/actions";
import { invalidateDailyStatsSince } from "@/lib/reports/daily-stats";
import { parseSince, reconcileStripe, type ReconcileReport } from "@/lib/reconcile/reconcile";

/** How many changes the audit row keeps (the full list is in the response / console). */
const AUDITED_CHANGES = 100;

/** POST /api/admin/reconcile: `since` is read by parseSince, shared with `npm run reconcile`. */
export const reconcileRequestSchema = z.object({ since: z.unknown() }, { error: "Send { since }." });

export async function runReconcile(input: { since: unknown }, actor: AuditActor): Promise<ReconcileReport> {
  const since = parseSince(input.since);
  const report = await reconcileStripe({ since });
  // Repaired rows may belong to days the dashboard already totalled.
  if (report.changes.length > 0) await invalidateDailyStatsSince(new Date(since * 1000));
  await recordAudit({
    actor,
    action: "reconcile.run",
    targetType: "reconcile",
    targetId: report.since,
    details: {
      since: report.since,
      counts: report.counts,
      errors: report.errors,
      changes: report.changes.slice(0, AUDITED_CHANGES),
      truncated: report.changes.length > AUDITED_CHANGES,
    },
  });
  return report;
}
