// Events as the emulator stores them, and who caused one. Kept apart from emulator.ts so the
// webhook dispatcher and request context can use them without importing the emulator.
import type Stripe from "stripe";

/** Who caused an event: the request (id + idempotency key) or Stripe automation (null). */
export type EventCause = { requestId: string; idempotencyKey: string | null } | null;

/**
 * Events are stored with `data` serialised once: snapshots never change, and flat strings keep
 * the heap small and cheap to collect under load.
 */
export type StoredEvent = Omit<Stripe.Event, "data"> & { data: string };

export function hydrateEvent(event: StoredEvent): Stripe.Event {
  return { ...event, data: JSON.parse(event.data) } as Stripe.Event;
}
