// GET /api/ready: every dependency a request may need, checked side by side.
import { checkDatabase, checkStripe, type CheckResult, type ReadinessCheck } from "@/lib/health/checks";
import { checkJobQueue } from "@/lib/health/queue";
import { log } from "@/lib/observability/log";

export const READINESS_CHECKS = {
  database: () => checkDatabase(),
  stripe: () => checkStripe(),
  queue: checkJobQueue,
} satisfies Record<string, ReadinessCheck>;

export type CheckName = keyof typeof READINESS_CHECKS;

export type Readiness = {
  status: "ready" | "not ready";
  /** The checks that failed, by name (absent when ready). */
  failing?: CheckName[];
  checks: Record<CheckName, CheckResult>;
};

export async function checkReadiness(checks: Record<CheckName, ReadinessCheck> = READINESS_CHECKS): Promise<Readiness> {
  const names = Object.keys(checks) as CheckName[];
  const results = await Promise.all(
    names.map((name) =>
      checks[name]().catch((error): CheckResult => {
        log.warn("readiness: check threw", { check: name, error });
        return { ok: false, detail: "check failed" };
      }),
    ),
  );
  const byName = Object.fromEntries(names.map((name, i) => [name, results[i]])) as Record<CheckName, CheckResult>;
  const failing = names.filter((name) => !byName[name].ok);
  return failing.length ? { status: "not ready", failing, checks: byName } : { status: "ready", checks: byName };
}
