// POST /api/webhooks/stripe, minus the HTTP plumbing:
//   1. verify the signature on the raw body (300 s tolerance) before anything;
//   2. store the event once in the StripeEvent ledger (unique on Stripe's id);
//   3. run its handler and record the outcome.
// Status codes are what Stripe acts on: 2xx = done (never resent), anything
// else = retry later. So bad signatures are 400 with nothing written, handler
// errors and database failures are 5xx, and unhandled types are 200.
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isUniqueViolation } from "@/lib/db-errors";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/errors";
import { getStripe } from "@/lib/stripe/client";
import { processStripeEvent } from "@/lib/webhooks/process";
import { log } from "@/lib/observability/log";

export const SIGNATURE_TOLERANCE_SECONDS = 300;
// A "received" row older than this belongs to a delivery that died mid-way.
const IN_PROGRESS_GRACE_MS = 60_000;

export type WebhookResponse = { status: number; body: Record<string, unknown> };

const fail = (status: number, message: string): WebhookResponse => ({ status, body: { error: { message } } });

export async function receiveStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookResponse> {
  if (!signature) return fail(400, "Missing Stripe-Signature header.");
  let event: Stripe.Event;
  try {
    event = getStripe().webhooks.constructEvent(rawBody, signature, getEnv().stripeWebhookSecret, SIGNATURE_TOLERANCE_SECONDS);
  } catch (error) {
    return fail(400, `Webhook signature verification failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Signed but not an event (`[]`, `{}`, no data.object): retrying cannot help, so it is refused, not a 5xx.
  const malformed = malformedEvent(event);
  if (malformed) return fail(400, `Not a Stripe event: ${malformed}`);

  let ledger: LedgerDecision;
  try {
    ledger = await recordStripeEvent(event, rawBody);
  } catch (error) {
    log.error("webhook: ledger unavailable", { eventId: event.id, error });
    return fail(503, "Event store unavailable; retry later.");
  }
  if (ledger === "done") return { status: 200, body: { received: true, duplicate: true } };
  // Not 2xx: Stripe retries later, when the running delivery has settled the event.
  if (ledger === "in_progress") return fail(409, "This event is being processed by another delivery; retry later.");

  try {
    const outcome = await processStripeEvent(event);
    if (outcome.status === "failed") return fail(500, `Handler for ${event.type} failed; Stripe will retry.`);
    return { status: 200, body: { received: true, status: outcome.status } };
  } catch (error) {
    // The handler's outcome could not be written: the database is gone.
    log.error("webhook: could not record the outcome", { eventId: event.id, error });
    return fail(503, "Event store unavailable; retry later.");
  }
}

function malformedEvent(event: unknown): string | null {
  if (!event || typeof event !== "object" || Array.isArray(event)) return "the body is not an object.";
  const { id, type, created, data } = event as Record<string, unknown>;
  if (typeof id !== "string" || !/^evt_[\w-]+$/.test(id)) return "id must be an evt_ id.";
  if (typeof type !== "string" || type === "") return "type is missing.";
  if (typeof created !== "number") return "created is missing.";
  const object = (data as { object?: unknown } | null | undefined)?.object;
  if (!object || typeof object !== "object" || Array.isArray(object)) return "data.object must be an object.";
  if (findUnstorableText({ type, objectId: (object as { id?: unknown }).id })) return `type or data.object.id ${UNSTORABLE_TEXT_MESSAGE}`;
  return null;
}

type LedgerDecision = "process" | "done" | "in_progress";

/**
 * Inserts the ledger row and says what to do with this delivery: a new event,
 * a failed one, or one whose earlier delivery died mid-way is processed; an
 * event already processed or ignored is done. The payload is stored as the
 * exact signed bytes, so a replay sees precisely what Stripe sent.
 */
async function recordStripeEvent(event: Stripe.Event, rawBody: string): Promise<LedgerDecision> {
  const db = getDb();
  const objectId = (event.data.object as { id?: string }).id ?? null;
  try {
    await db.stripeEvent.create({
      data: { id: event.id, type: event.type, objectId, created: event.created, payload: rawBody, status: "received" },
    });
    return "process";
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const row = await db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } });
  if (row.status === "processed" || row.status === "ignored") return "done";
  if (row.status === "received" && Date.now() - row.receivedAt.getTime() < IN_PROGRESS_GRACE_MS) return "in_progress";
  return "process";
}
