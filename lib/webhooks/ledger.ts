// The StripeEvent ledger's states and the retry policy every worker shares
// (the SQLite in-process worker and the PostgreSQL graphile-worker tasks).
//
//   received ──► processed | ignored (no handler)
//      │     └──► other_mode | foreign_account (not ours to apply: lib/webhooks/scope.ts)
//      │
//      ├──► unmatched (no row of ours yet) ──retry──► … after N attempts it stays
//      │                                              unmatched, for reconcile
//      └──► failed (handler threw) ──retry──► … after N attempts: dead
//
// `nextAttemptAt` says when a worker may take the event next: due at once after
// the ack, after a retry's backoff, or after a running worker's lease, so an
// event whose worker was killed mid-way is taken again. Null: nothing to do.
import { z } from "zod";

export const LEDGER_STATUSES = ["received", "processed", "ignored", "unmatched", "failed", "dead", "other_mode", "foreign_account"] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** What the states an operator may wonder about mean: acknowledged to Stripe, and why nothing was applied. */
export const NOT_APPLIED_MEANING: Partial<Record<LedgerStatus, string>> = {
  other_mode:
    "Other mode: a live-mode event reaching this test-mode Payport, or a test-mode event reaching a live one. Acknowledged so Stripe stops resending it; never applied.",
  foreign_account: "Foreign account: an event of a Stripe account that is neither ours nor one of our sellers'. Acknowledged; never applied.",
};

/** States a worker still takes when `nextAttemptAt` is due. */
export const WAITING_STATUSES: LedgerStatus[] = ["received", "unmatched", "failed"];

const count = (fallback: number, min: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number().int().min(min).default(fallback));

const settingsSchema = z.object({
  PAYPORT_WEBHOOK_MAX_ATTEMPTS: count(8, 1),
  PAYPORT_WEBHOOK_RETRY_BASE_MS: count(10_000, 0),
  PAYPORT_WEBHOOK_LEASE_MS: count(60_000, 1_000),
  PAYPORT_WEBHOOK_WORKERS: count(1, 0),
});

export type WebhookQueueSettings = {
  /** Handler runs before a failing event is dead (an unmatched one stops being retried). */
  maxAttempts: number;
  /** First retry delay; each further attempt doubles it, up to an hour. */
  retryBaseMs: number;
  /** How long a worker holds an event before another may take it (a killed worker's event). */
  leaseMs: number;
  /** Concurrent workers in this process (0: the app process runs none, `npm run worker` does the work). */
  workers: number;
};

const MAX_RETRY_DELAY_MS = 3_600_000;

/** Read on every use, so an operator's (or a test's) change applies without a restart of the module. */
export function webhookQueueSettings(env: Record<string, string | undefined> = process.env): WebhookQueueSettings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid webhook queue settings: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const s = parsed.data;
  return { maxAttempts: s.PAYPORT_WEBHOOK_MAX_ATTEMPTS, retryBaseMs: s.PAYPORT_WEBHOOK_RETRY_BASE_MS, leaseMs: s.PAYPORT_WEBHOOK_LEASE_MS, workers: s.PAYPORT_WEBHOOK_WORKERS };
}

/** Exponential backoff after the `attempts`-th run: base, 2×base, 4×base, … capped at an hour. */
export function retryDelayMs(attempts: number, settings: WebhookQueueSettings = webhookQueueSettings()): number {
  return Math.min(MAX_RETRY_DELAY_MS, settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}
