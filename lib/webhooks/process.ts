// Runs the handler for a stored event and stamps the ledger row with the
// outcome. Used on first delivery, on Stripe's retries of failed events, and by
// replayStripeEvent.
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { handlerFor } from "@/lib/webhooks/handlers";
import { log } from "@/lib/observability/log";

export type ProcessOutcome =
  | { status: "processed"; handlerMs: number }
  | { status: "ignored" }
  | { status: "failed"; handlerMs: number; error: string };

export async function processStripeEvent(event: Stripe.Event): Promise<ProcessOutcome> {
  const db = getDb();
  const handler = handlerFor(event);
  if (!handler) {
    await db.stripeEvent.update({ where: { id: event.id }, data: { status: "ignored", handledAt: new Date() } });
    return { status: "ignored" };
  }

  const started = performance.now();
  try {
    await handler(event);
  } catch (error) {
    const handlerMs = Math.round(performance.now() - started);
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log.error("webhook handler failed", { eventId: event.id, eventType: event.type, handlerMs, error });
    await db.stripeEvent.update({
      where: { id: event.id },
      data: { status: "failed", attempts: { increment: 1 }, lastError: message.slice(0, 2000), handlerMs },
    });
    return { status: "failed", handlerMs, error: message };
  }
  const handlerMs = Math.round(performance.now() - started);
  await db.stripeEvent.update({
    where: { id: event.id },
    data: { status: "processed", attempts: { increment: 1 }, lastError: null, handlerMs, handledAt: new Date() },
  });
  return { status: "processed", handlerMs };
}

/** Re-runs a stored event's handler (admin "resend"); handlers are idempotent. */
export async function replayStripeEvent(id: string): Promise<ProcessOutcome | null> {
  const row = await getDb().stripeEvent.findUnique({ where: { id } });
  if (!row) return null;
  return processStripeEvent(JSON.parse(row.payload) as Stripe.Event);
}
