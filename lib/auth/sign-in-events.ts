// Every sign-in attempt to a Payport account, kept for support's account
// timeline (the Stripe App's customer page). Recording never decides a
// sign-in: a failure to write is logged and the attempt goes on as it was.
import { getDb, type Db } from "@/lib/db";
import { normalizeEmail } from "@/lib/auth/users";
import { SHARED_CLIENT } from "@/lib/http/client-ip";
import { log } from "@/lib/observability/log";

export type SignInOutcome = "succeeded" | "failed";
export type SignInMethod = "credentials" | "github";

export type SignInAttempt = {
  /** The email that was tried (anything a form sent: only a string up to 254 characters is kept). */
  email: unknown;
  outcome: SignInOutcome;
  method: SignInMethod;
  /** The account the attempt was for, when known; otherwise looked up by the email. */
  userId?: string | null;
  ip?: string | null;
};

export async function recordSignInAttempt(attempt: SignInAttempt, db: Db = getDb()): Promise<void> {
  if (typeof attempt.email !== "string") return;
  const email = normalizeEmail(attempt.email);
  if (email === "" || email.length > 254) return;
  try {
    const userId = attempt.userId ?? (await db.user.findUnique({ where: { email }, select: { id: true } }))?.id ?? null;
    // Without a trusted proxy every client is the same "local" bucket: not an address worth showing.
    const ip = attempt.ip && attempt.ip !== SHARED_CLIENT ? attempt.ip : null;
    await db.signInEvent.create({ data: { email, userId, outcome: attempt.outcome, method: attempt.method, ip } });
  } catch (error) {
    log.warn("sign-in attempt not recorded", { outcome: attempt.outcome, method: attempt.method, error: error instanceof Error ? error.message : String(error) });
  }
}
