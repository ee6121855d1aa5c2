// What /api/ready asks before a load balancer sends this instance traffic: can
// it reach its database and Stripe (the emulator in local mode), and does a
// restricted Stripe key hold every permission Payport needs. Each check
// answers in a bounded time and says what failed in words safe for a public
// body; the reason behind it goes to the log.
import Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { log } from "@/lib/observability/log";
import { getStripe, restrictedKeyMode } from "@/lib/stripe/client";
import { describeMissing, verifyKeyPermissions } from "@/lib/stripe/permission-check";

export type CheckResult = { ok: boolean; detail?: string };
export type ReadinessCheck = () => Promise<CheckResult>;

const DATABASE_TIMEOUT_MS = 2_000;
const STRIPE_TIMEOUT_MS = 3_000;
// Probes come every few seconds from every instance; Stripe is asked at most
// this often per process (a failure is re-checked sooner).
const STRIPE_OK_TTL_MS = 30_000;
const STRIPE_FAILED_TTL_MS = 5_000;

class Timeout extends Error {}

export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkDatabase(db: Db = getDb()): Promise<CheckResult> {
  try {
    await within(DATABASE_TIMEOUT_MS, db.$queryRaw`SELECT 1`);
    return { ok: true };
  } catch (error) {
    log.warn("readiness: database check failed", { error });
    return { ok: false, detail: error instanceof Timeout ? "timed out" : "unreachable" };
  }
}

/**
 * GET /v1/balance: the cheapest authenticated read. A restricted key without
 * the Balance permission gets a 403, which still proves Stripe answers and
 * the key is live, so it counts as reachable; a rejected key (401) does not.
 */
async function askStripe(stripe: Stripe): Promise<CheckResult> {
  try {
    await stripe.balance.retrieve({}, { timeout: STRIPE_TIMEOUT_MS, maxNetworkRetries: 0 });
    return { ok: true };
  } catch (error) {
    if (error instanceof Stripe.errors.StripePermissionError) return { ok: true };
    log.warn("readiness: Stripe check failed", { error });
    if (error instanceof Stripe.errors.StripeAuthenticationError) return { ok: false, detail: "API key rejected" };
    if (error instanceof Stripe.errors.StripeConnectionError) return { ok: false, detail: "unreachable" };
    return { ok: false, detail: "unavailable" };
  }
}

type Cached = { at: number; result: Promise<CheckResult> };
// Per client, so a client built for other keys (or a test's emulator) starts fresh.
const stripeChecks = new WeakMap<Stripe, Cached>();

export async function checkStripe(stripe: Stripe = getStripe(), now = Date.now()): Promise<CheckResult> {
  const reachable = await cachedCheck(stripeChecks, stripe, now, STRIPE_OK_TTL_MS, STRIPE_FAILED_TTL_MS, () => askStripe(stripe));
  if (!reachable.ok || !restrictedKeyMode(stripe)) return reachable;
  return cachedCheck(permissionChecks, stripe, now, PERMISSIONS_OK_TTL_MS, PERMISSIONS_FAILED_TTL_MS, () => askPermissions(stripe));
}

// A restricted key's permissions change only when someone edits the key: asked far less often.
const PERMISSIONS_OK_TTL_MS = 300_000;
const PERMISSIONS_FAILED_TTL_MS = 30_000;
const permissionChecks = new WeakMap<Stripe, Cached>();

async function askPermissions(stripe: Stripe): Promise<CheckResult> {
  const report = await verifyKeyPermissions(stripe);
  if (!report || report.ok) return { ok: true };
  if ("missing" in report) return { ok: false, detail: `API key lacks permissions: ${describeMissing(report.missing)}` };
  return { ok: false, detail: "permissions unknown (Stripe did not answer)" };
}

async function cachedCheck(
  cache: WeakMap<Stripe, Cached>,
  stripe: Stripe,
  now: number,
  okTtl: number,
  failedTtl: number,
  ask: () => Promise<CheckResult>,
): Promise<CheckResult> {
  const cached = cache.get(stripe);
  if (cached) {
    const result = await cached.result;
    if (now - cached.at < (result.ok ? okTtl : failedTtl)) return result;
  }
  // Concurrent probes share the one call in flight.
  const fresh = { at: now, result: ask() };
  cache.set(stripe, fresh);
  return fresh.result;
}
