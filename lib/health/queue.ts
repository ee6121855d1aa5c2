// The readiness check of the webhook job queue (the `worker` service). Not
// wired yet: the queue's owner replaces the body with a cheap check that the
// queue's store answers (e.g. one query on its schema, bounded in time) and
// reports a backlog only if it should take this instance out of rotation.
import type { CheckResult } from "@/lib/health/checks";

export async function checkJobQueue(): Promise<CheckResult> {
  return { ok: true, detail: "not configured" };
}
