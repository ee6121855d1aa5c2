import type Stripe from "stripe";

/** A handler receives the event already narrowed to its type. */
export type StripeEventHandler<T extends Stripe.Event.Type> = (event: Extract<Stripe.Event, { type: T }>) => Promise<void>;

export type StripeEventHandlers = { [T in Stripe.Event.Type]?: StripeEventHandler<T> };
