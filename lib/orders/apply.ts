// The one function that moves an order's payment state. Webhooks (with the
// event's snapshot) and the return page (with a fresh retrieve) both call it,
// in any order and any number of times:
//   - a terminal status (succeeded/canceled) is never overwritten;
//   - among non-terminal statuses the newer Stripe time wins (observedAt vs
//     the stored paymentStatusAt), so a late `processing` or `created` event
//     cannot undo a decline or a 3-D Secure step seen earlier; in a tie (same
//     second) an untouched intent loses.
// The guard is part of the UPDATE's WHERE clause, so concurrent applies
// cannot interleave into a regression either.
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { publish } from "@/lib/live/bus";
import { TERMINAL_PAYMENT_STATUSES, isTerminalPaymentStatus, orderStatusFor } from "@/lib/orders/status";
import { idOf, unmatched, type Unmatched } from "@/lib/stripe/types";

export type ApplyResult =
  | { outcome: "applied"; orderId: string; status: string }
  | { outcome: "stale"; orderId: string }
  // An intent our checkout did not create (e.g. a subscription invoice's): nothing to do.
  | { outcome: "not_ours" }
  | Unmatched;

export class PaymentIntentMismatchError extends Error {
  name = "PaymentIntentMismatchError";
}

export async function applyPaymentIntent(pi: Stripe.PaymentIntent, observedAt: number, db: Db = getDb()): Promise<ApplyResult> {
  const order = await findOrderForPaymentIntent(pi, db);
  if (!order) {
    // Our checkout names its order in the metadata; that order not being here yet is worth a retry.
    const orderId = pi.metadata?.order_id;
    return orderId ? unmatched(`No order ${orderId} for ${pi.id} yet.`) : { outcome: "not_ours" };
  }

  if (order.stripePaymentIntentId && order.stripePaymentIntentId !== pi.id) {
    throw new PaymentIntentMismatchError(`Order ${order.id} belongs to ${order.stripePaymentIntentId}, not ${pi.id}`);
  }
  // Amounts come only from our prices; a PaymentIntent that disagrees must
  // never mark the order paid (it would mean someone changed it at Stripe).
  if (pi.amount !== order.amount || pi.currency !== order.currency) {
    throw new PaymentIntentMismatchError(
      `PaymentIntent ${pi.id} is for ${pi.amount} ${pi.currency} but order ${order.id} is ${order.amount} ${order.currency}`,
    );
  }

  const status = orderStatusFor(pi);
  const terminal = isTerminalPaymentStatus(pi.status);
  const notYetTerminal = { OR: [{ paymentStatus: null }, { paymentStatus: { notIn: [...TERMINAL_PAYMENT_STATUSES] } }] };
  // Stripe's clock counts seconds, so a decline and the intent's creation can carry the same time;
  // an intent nobody has tried to pay yet is then the older snapshot and must not erase the other.
  const untouched = status === "pending";
  const notNewer = { OR: [{ paymentStatusAt: null }, { paymentStatusAt: untouched ? { lt: observedAt } : { lte: observedAt } }] };
  const latestCharge = idOf(pi.latest_charge);

  const { count } = await db.order.updateMany({
    where: terminal ? { id: order.id, ...notYetTerminal } : { id: order.id, AND: [notYetTerminal, notNewer] },
    data: {
      status,
      paymentStatus: pi.status,
      paymentStatusAt: observedAt,
      lastPaymentError: pi.last_payment_error?.message ?? null,
      stripePaymentIntentId: pi.id,
      ...(latestCharge && { stripeChargeId: latestCharge }),
      ...(pi.status === "succeeded" && { paidAt: new Date() }),
    },
  });
  if (count === 0) return { outcome: "stale", orderId: order.id };

  await publish(`order:${order.id}`, db);
  return { outcome: "applied", orderId: order.id, status };
}

async function findOrderForPaymentIntent(pi: Stripe.PaymentIntent, db: Db) {
  const byIntent = await db.order.findUnique({ where: { stripePaymentIntentId: pi.id } });
  if (byIntent) return byIntent;
  // payment_intent.created can beat the checkout request that stores the id.
  const orderId = pi.metadata?.order_id;
  return orderId ? db.order.findUnique({ where: { id: orderId } }) : null;
}
