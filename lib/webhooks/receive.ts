// POST /api/webhooks/stripe, minus the HTTP plumbing. The ack path and nothing else:
//   1. verify the signature on the raw body (300 s tolerance) before anything;
//   2. a signed body that is not an event is parked for an operator and refused (400);
//   3. store the event once in the StripeEvent ledger (grouped with concurrent
//      deliveries into one write, with its job on PostgreSQL) and answer 200.
// Handlers run later, in workers (lib/webhooks/queue). Status codes are what
// Stripe acts on: 2xx = done (never resent), so it is sent only once the row is
// durable; a database failure is 503 and Stripe retries.
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/errors";
import { getStripe } from "@/lib/stripe/client";
import { acknowledgeStripeEvent } from "@/lib/webhooks/queue";
import { log } from "@/lib/observability/log";

export const SIGNATURE_TOLERANCE_SECONDS = 300;

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
  if (malformed) {
    await parkWebhook(rawBody, malformed);
    return fail(400, `Not a Stripe event: ${malformed}`);
  }

  const objectId = (event.data.object as { id?: unknown }).id;
  try {
    const stored = await acknowledgeStripeEvent({
      id: event.id,
      type: event.type,
      objectId: typeof objectId === "string" ? objectId : null,
      created: event.created,
      // The exact signed bytes, so a replay sees precisely what Stripe sent.
      payload: rawBody,
    });
    return { status: 200, body: stored === "duplicate" ? { received: true, duplicate: true } : { received: true } };
  } catch (error) {
    log.error("webhook: ledger unavailable", { eventId: event.id, error });
    return fail(503, "Event store unavailable; retry later.");
  }
}

function malformedEvent(event: unknown): string | null {
  if (!event || typeof event !== "object" || Array.isArray(event)) return "the body is not an object.";
  const { id, type, created, data } = event as Record<string, unknown>;
  if (typeof id !== "string" || !/^evt_[\w-]+$/.test(id)) return "id must be an evt_ id.";
  if (typeof type !== "string" || type === "") return "type is missing.";
  // Stripe's `created` is unix seconds: a whole number the ledger's 32-bit column holds.
  if (typeof created !== "number" || !Number.isInteger(created) || created < 0 || created > 2_147_483_647) return "created must be a unix time in seconds.";
  const object = (data as { object?: unknown } | null | undefined)?.object;
  if (!object || typeof object !== "object" || Array.isArray(object)) return "data.object must be an object.";
  if (findUnstorableText({ type, objectId: (object as { id?: unknown }).id })) return `type or data.object.id ${UNSTORABLE_TEXT_MESSAGE}`;
  return null;
}

/**
 * Keeps a signed body that is not an event where an operator can see it
 * (admin events page). Best effort: the answer is 400 either way, because
 * sending the same bytes again cannot make them an event.
 */
async function parkWebhook(rawBody: string, reason: string): Promise<void> {
  try {
    // The body parsed as JSON, so it holds no NUL byte; broken Unicode was replaced when it was decoded.
    await getDb().parkedWebhook.create({ data: { reason, payload: rawBody } });
  } catch (error) {
    log.error("webhook: could not park a malformed delivery", { reason, error });
  }
}
