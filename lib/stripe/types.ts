// Helpers over the `stripe` SDK's own types.
import Stripe from "stripe";

/**
 * The literal members of an SDK enum. The SDK joins every enum with an open
 * string (so new values do not break callers); this keeps the values the
 * pinned API version names, so a Record over them must cover each one.
 */
export type KnownValues<T> = T extends string ? (string extends T ? never : T) : never;

/**
 * An apply function found no row of ours to apply a Stripe object to *yet*
 * (an order or account that is still being written). The one way a webhook
 * handler says so: the ledger marks the event "unmatched" and retries it with
 * backoff; reconciliation repairs what is still unmatched after that.
 */
export type Unmatched = { outcome: "unmatched"; reason: string };

export const unmatched = (reason: string): Unmatched => ({ outcome: "unmatched", reason });

export function isUnmatched(value: unknown): value is Unmatched {
  return typeof value === "object" && value !== null && (value as { outcome?: unknown }).outcome === "unmatched";
}

/**
 * What a mirror's apply function did with a snapshot: applied it, skipped it
 * as older than what is stored, found it from the same second as the stored
 * one (a tie the caller settles by re-reading the object from Stripe), or
 * found nothing of ours to link it to (unmatched).
 */
export type ApplyOutcome = { outcome: "applied" | "stale" | "tie"; id: string | null } | Unmatched;

/** The id of an expandable field: Stripe sends an id, or the object when it was expanded. */
export function idOf(value: string | { id: string }): string;
export function idOf(value: string | { id?: string } | null | undefined): string | null;
export function idOf(value: string | { id?: string } | null | undefined): string | null {
  if (value == null) return null;
  return typeof value === "string" ? value : (value.id ?? null);
}

/** Now in Stripe's time unit (unix seconds): the observed time of a snapshot just read from Stripe. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * An error the Stripe SDK raised (Stripe answered with an error, or could not
 * be reached). Not only `instanceof`: the production build can hold two
 * copies of the SDK's classes (one per bundle chunk), and an error made by one
 * is not an instance of the other's.
 */
export function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  if (error instanceof Stripe.errors.StripeError) return true;
  const type = (error as { type?: unknown } | null)?.type;
  return error instanceof Error && typeof type === "string" && /^Stripe[A-Za-z]*Error$/.test(type);
}

/**
 * Stripe refused the request for the key's permissions (403, a restricted key without the
 * endpoint's permission): a configuration problem of ours, never the caller's. Domain code that
 * turns Stripe's refusals into answers lets it through to the route kernel, which names the
 * missing permission (lib/http/route.ts).
 */
export function isStripePermissionError(error: unknown): error is Stripe.errors.StripePermissionError {
  return isStripeError(error) && (error instanceof Stripe.errors.StripePermissionError || error.type === "StripePermissionError");
}
