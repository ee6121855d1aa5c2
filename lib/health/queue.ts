// The readiness check of the webhook job queue: its store answers (the ledger,
// and on PostgreSQL graphile-worker's schema). A backlog is reported, not
// failed on: taking this instance out of rotation would not shrink it, and an
// instance that runs no workers still acknowledges events into the ledger.
import { getDb, providerOf, type Db } from "@/lib/db";
import { within, type CheckResult } from "@/lib/health/checks";
import { log } from "@/lib/observability/log";
import { WAITING_STATUSES } from "@/lib/webhooks/ledger";

const QUEUE_TIMEOUT_MS = 2_000;

export async function checkJobQueue(db: Db = getDb(), now = new Date()): Promise<CheckResult> {
  try {
    const [backlog, oldest, installed] = await within(
      QUEUE_TIMEOUT_MS,
      Promise.all([
        db.stripeEvent.count({ where: { status: { in: WAITING_STATUSES } } }),
        db.stripeEvent.findFirst({ where: { status: "received" }, orderBy: { receivedAt: "asc" }, select: { receivedAt: true } }),
        providerOf(db) === "postgresql"
          ? db.$queryRaw<{ installed: boolean }[]>`SELECT to_regclass('graphile_worker.jobs') IS NOT NULL AS installed`.then((rows) => rows[0]?.installed ?? false)
          : Promise.resolve(true),
      ]),
    );
    const lag = oldest ? Math.max(0, Math.round((now.getTime() - oldest.receivedAt.getTime()) / 1000)) : 0;
    const engine = providerOf(db) === "postgresql" ? (installed ? "graphile-worker" : "graphile-worker (schema installed by the first worker)") : "in-process";
    return { ok: true, detail: `${engine}; backlog ${backlog}, oldest waiting ${lag} s` };
  } catch (error) {
    log.warn("readiness: job queue check failed", { error });
    return { ok: false, detail: "unreachable" };
  }
}
