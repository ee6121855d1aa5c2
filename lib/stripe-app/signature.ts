// What a Stripe App signature covers, and checking it.
//
// The UI extension calls fetchStripeSignature(extra) and POSTs a JSON body
// holding the same `extra` keys plus `user_id` and `account_id`. Stripe signs
// JSON.stringify({ ...extra, user_id, account_id }) with the app's secret
// (shared/stripe/BEHAVIOR.md §10). We rebuild exactly that string from the
// body: every body key except user_id/account_id, in the body's own key order,
// then user_id, then account_id. So everything the backend acts on is signed;
// the bytes on the wire may differ (whitespace, key order of user_id) but the
// values may not. Extra keys must not look like array indexes ("0", "12"):
// JavaScript objects move such keys first, so their order cannot be kept.
import Stripe from "stripe";

/** Stripe's own default (stripe-node ≥ 23 applies it too); a signature older than this is refused. */
export const APP_SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignedBody = { user_id: string; account_id: string } & Record<string, unknown>;

/** The exact string Stripe signed for this body. */
export function canonicalSignedPayload(body: SignedBody): string {
  const { user_id, account_id, ...extra } = body;
  return JSON.stringify({ ...extra, user_id, account_id });
}

// Verification needs no API key or network; a dedicated instance keeps it
// independent of the app's Stripe client (and its emulator host settings).
const verifier = new Stripe("sk_test_signature_verification_only");

export type SignatureCheck = { ok: true; secretIndex: number } | { ok: false; reason: string };

/**
 * Accepts the header if any of `secrets` produced one of its v1 signatures
 * within the tolerance. During a rotation Stripe sends one v1 per valid secret
 * and we hold both, so either secret passing is enough.
 */
export function checkAppSignature(payload: string, header: string, secrets: string[], nowSeconds?: number): SignatureCheck {
  const signature = verifier.webhooks.signature;
  if (!signature) return { ok: false, reason: "signature verification is unavailable in this runtime" };
  let reason = "no secret configured";
  for (const [secretIndex, secret] of secrets.entries()) {
    try {
      signature.verifyHeader(payload, header, secret, APP_SIGNATURE_TOLERANCE_SECONDS, undefined, nowSeconds);
      return { ok: true, secretIndex };
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
  }
  return { ok: false, reason };
}

/** The header Stripe would send for `body` (tests and scripts/stripe-app-sign.ts). */
export function generateAppSignatureHeader(body: SignedBody, secret: string, timestamp?: number): string {
  return verifier.webhooks.generateTestHeaderString({ payload: canonicalSignedPayload(body), secret, timestamp });
}
