// A signed Stripe App request that changes something is good once. Its
// signature stays valid for APP_SIGNATURE_TOLERANCE_SECONDS, so a captured
// request (a proxy log, a browser extension) could otherwise be sent again
// within that window; the UI extension fetches a fresh signature for every
// request, so a legitimate caller never repeats one. Used signatures live in
// the database (StripeAppSignatureUse), so every app instance on one
// PostgreSQL refuses the replay, whichever instance took the first request.
import { createHash } from "node:crypto";
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { HttpError } from "@/lib/errors";
import { log } from "@/lib/observability/log";
import { APP_SIGNATURE_TOLERANCE_SECONDS } from "@/lib/stripe-app/signature";

/**
 * The signature's timestamp (`t=`), read exactly as the stripe SDK reads it
 * when verifying (the last `t=`, parseInt), so the key below is the very
 * timestamp the signature was checked against, however the header is spelled.
 */
function signedAt(header: string): number | null {
  let t = Number.NaN;
  for (const item of header.split(",")) {
    const [name, value] = item.split("=");
    if (name === "t") t = parseInt(value, 10);
  }
  return Number.isFinite(t) ? t : null;
}

/** What a verified request's signature covers: the header (for its timestamp) and the signed payload. */
export type SignedRequest = { payload: string; header: string };

/**
 * Runs `change` as the one use of this signature, or refuses with 409 when it
 * was used before. Keyed by what the signature covers (its timestamp and the
 * signed payload), not the header's text: during a secret rotation a header
 * carries two v1 values, and sending either one alone is the same request.
 * A change that fails (a 4xx, an outage) gives the signature back: it changed
 * nothing, so at most one use of a signature ever changes anything.
 */
export async function onceForSignature<T>(signed: SignedRequest, change: () => Promise<T>, db: Db = getDb()): Promise<T> {
  const t = signedAt(signed.header);
  // checkAppSignature already refused a header without a timestamp; this keeps the rule local.
  if (t === null) throw new HttpError(401, "Stripe-Signature has no timestamp (t=…): fetch a fresh signature for every request.");
  const key = createHash("sha256").update(`${t}.${signed.payload}`).digest("hex");
  try {
    await db.stripeAppSignatureUse.create({ data: { key, expiresAt: new Date((t + APP_SIGNATURE_TOLERANCE_SECONDS) * 1000) } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new HttpError(
      409,
      "This signed request was already received; a repeat changes nothing. Each Stripe-Signature is good for one change: fetch a fresh signature (fetchStripeSignature) for every request.",
    );
  }
  let result: T;
  try {
    result = await change();
  } catch (error) {
    await db.stripeAppSignatureUse.delete({ where: { key } }).catch((e: unknown) => log.warn("stripe app: could not give back the signature of a failed change", { error: e }));
    throw error;
  }
  await pruneUsedSignatures(db, new Date());
  return result;
}

/** Signatures past their tolerance can no longer be replayed: their rows are no longer needed. */
async function pruneUsedSignatures(db: Db, now: Date): Promise<void> {
  try {
    await db.stripeAppSignatureUse.deleteMany({ where: { expiresAt: { lt: now } } });
  } catch (error) {
    // Best effort: the next write prunes again; the request itself is already accepted.
    log.warn("stripe app: could not prune used signatures", { error });
  }
}
