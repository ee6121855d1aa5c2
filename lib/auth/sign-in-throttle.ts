// Brute-force protection for email + password sign-in (rules signInPerAccount
// and signInPerIp in lib/http/rate-limits.ts). Only failures count:
//   - per email from one IP: at the limit, that pair is blocked for the rule's
//     window (15 minutes by default), twice as long on each repeat within a day
//     (at most a day). Per email *and* IP, so a stranger cannot lock the owner out.
//   - per IP, any email: spraying many accounts from one address.
// The guard in front of next-auth (lib/auth/next-auth-guard.ts) refuses a
// blocked attempt with 429 before the password is even checked, so the right
// password does not get through either until the block ends. A success resets
// the per-email counters.
import type { TooManyRequestsError } from "@/lib/errors";
import { getRateLimits, hashedKey, refusal, refusalOf, type RateLimits } from "@/lib/http/rate-limiter";
import { MAX_SIGN_IN_BLOCK_SECONDS, SIGN_IN_THROTTLED_MESSAGE } from "@/lib/http/rate-limits";
import { authenticateWithPassword, normalizeEmail, type AccountUser } from "@/lib/auth/users";
import { recordSignInAttempt } from "@/lib/auth/sign-in-events";

const DAY_SECONDS = 24 * 60 * 60;

function accountKey(email: unknown, ip: string): string {
  return `${hashedKey(typeof email === "string" ? normalizeEmail(email) : "")}|${ip}`;
}

/** How many times this email+IP pair was blocked today. */
const offences = (limits: RateLimits) =>
  limits.limiter("signInPerAccount", { suffix: "blocks", points: Number.MAX_SAFE_INTEGER, windowSeconds: DAY_SECONDS });

/** The 429 for a sign-in from these headers for this email, or null when it may go ahead. */
export async function signInRefusal(email: unknown, headers: Headers, limits: RateLimits = getRateLimits()): Promise<TooManyRequestsError | null> {
  if (!limits.config.enabled) return null;
  const ip = limits.clientIp(headers);
  for (const [name, key] of [["signInPerIp", ip], ["signInPerAccount", accountKey(email, ip)]] as const) {
    const spent = await limits.peek(name, key);
    if (spent && spent.consumedPoints >= limits.rule(name).points) return refusal(SIGN_IN_THROTTLED_MESSAGE, spent.msBeforeNext);
  }
  return null;
}

/** Counts a failed password sign-in; at the limit, blocks that email from that IP (longer on each repeat). */
export async function recordSignInFailure(email: unknown, headers: Headers, limits: RateLimits = getRateLimits()): Promise<void> {
  if (!limits.config.enabled) return;
  const ip = limits.clientIp(headers);
  await refusalOf(async () => (await limits.limiter("signInPerIp")).penalty(ip));
  await refusalOf(async () => {
    const key = accountKey(email, ip);
    const { points, windowSeconds } = limits.rule("signInPerAccount");
    const failures = await (await limits.limiter("signInPerAccount")).penalty(key);
    if (failures.consumedPoints < points) return;
    const repeat = (await (await offences(limits)).penalty(key)).consumedPoints;
    await (await limits.limiter("signInPerAccount")).block(key, Math.min(windowSeconds * 2 ** (repeat - 1), MAX_SIGN_IN_BLOCK_SECONDS));
  });
}

/** A right password: the email's failures from that IP are forgotten. */
export async function recordSignInSuccess(email: unknown, headers: Headers, limits: RateLimits = getRateLimits()): Promise<void> {
  if (!limits.config.enabled) return;
  const key = accountKey(email, limits.clientIp(headers));
  await refusalOf(async () => (await limits.limiter("signInPerAccount")).delete(key));
  await refusalOf(async () => (await offences(limits)).delete(key));
}

/** next-auth's credentials `authorize`: the account for a right password, else null; either way counted and recorded. */
export async function authorizePassword(email: unknown, password: unknown, headers: Headers, limits: RateLimits = getRateLimits()): Promise<AccountUser | null> {
  const user = await authenticateWithPassword(email, password);
  await (user ? recordSignInSuccess : recordSignInFailure)(email, headers, limits);
  await recordSignInAttempt({ email, outcome: user ? "succeeded" : "failed", method: "credentials", userId: user?.id, ip: limits.clientIp(headers) });
  return user;
}
