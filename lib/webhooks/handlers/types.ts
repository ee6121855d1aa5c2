import type Stripe from "stripe";

/** A handler receives the event already narrowed to its type. */
export type StripeEventHandler<T extends Stripe.Event.Type> = (event: Extract<Stripe.Event, { type: T }>) => Promise<void>;

export type StripeEventHandlers = { [T in Stripe.Event.Type]?: StripeEventHandler<T> };

/**
 * The handler of an event whose payload is the whole object: the domain's
 * apply function takes the snapshot with the event's time, so any delivery
 * order ends in the same state.
 */
export function applySnapshot<T>(apply: (object: T, observedAt: number) => Promise<unknown>) {
  return async (event: { data: { object: T }; created: number }): Promise<void> => {
    await apply(event.data.object, event.created);
  };
}
