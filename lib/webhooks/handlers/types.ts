import type Stripe from "stripe";
import type { Db, DbClient } from "@/lib/db";
import { isUnmatched, type Unmatched } from "@/lib/stripe/types";

/**
 * What a handler reports: nothing (the event is applied, or there was nothing
 * of ours in it) or `unmatched(reason)` from lib/stripe/types when the row it
 * belongs to is not here yet (the ledger retries it).
 */
export type HandlerResult = Unmatched | void;

/** A handler receives the event already narrowed to its type. */
export type StripeEventHandler<T extends Stripe.Event.Type> = (event: Extract<Stripe.Event, { type: T }>) => Promise<HandlerResult>;

export type StripeEventHandlers = { [T in Stripe.Event.Type]?: StripeEventHandler<T> };

/**
 * The handler of an event whose payload is the whole object: the domain's
 * apply function takes the snapshot with the event's time, so any delivery
 * order ends in the same state.
 */
export function applySnapshot<T>(apply: (object: T, observedAt: number) => Promise<unknown>) {
  return async (event: { data: { object: T }; created: number }): Promise<HandlerResult> => {
    const result = await apply(event.data.object, event.created);
    if (isUnmatched(result)) return result;
  };
}

/**
 * A handler for many events at once, inside the worker's transaction (`tx`;
 * `db` names the database): one result per event, in order, an Error for an
 * event it could not apply (the others still count). Events come in Stripe's
 * `created` order and must end as if applied one after another.
 */
export type StripeEventBatchHandler = (events: Stripe.Event[], db: Db, tx: DbClient) => Promise<(HandlerResult | Error)[]>;
