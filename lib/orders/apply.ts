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
//
// The webhook workers apply a whole batch of intents at once
// (applyPaymentIntents: one read, one UPDATE per round, inside their
// transaction); a single apply is a batch of one, so both run the same rule.
import type Stripe from "stripe";
import { getDb, providerOf, type Db, type DbClient } from "@/lib/db";
import { publishAll, type LiveTopic } from "@/lib/live/bus";
import { queueOrderReceipts } from "@/lib/mail/compose";
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
  const [result] = await applyPaymentIntents([{ pi, observedAt }], db);
  if (result instanceof Error) throw result;
  return result;
}

export type PaymentIntentSnapshot = { pi: Stripe.PaymentIntent; observedAt: number };

type OrderRow = { id: string; amount: number; currency: string; stripePaymentIntentId: string | null };

/**
 * Applies snapshots in the order given (Stripe's `created` order), with the
 * same result as applying them one after another: one result per snapshot,
 * a PaymentIntentMismatchError in place of the one that does not fit its
 * order (the others still apply). Pass `tx` to run inside the caller's
 * transaction (the live-change notices then go out on its commit); `db`
 * names the database (its SQL dialect).
 */
export async function applyPaymentIntents(snapshots: PaymentIntentSnapshot[], db: Db = getDb(), tx: DbClient = db): Promise<(ApplyResult | PaymentIntentMismatchError)[]> {
  const results: (ApplyResult | PaymentIntentMismatchError)[] = new Array(snapshots.length);
  if (snapshots.length === 0) return results;
  const intentIds = [...new Set(snapshots.map((s) => s.pi.id))];
  const metadataIds = [...new Set(snapshots.map((s) => s.pi.metadata?.order_id).filter((id): id is string => typeof id === "string" && id !== ""))];
  const orders = await tx.order.findMany({
    where: { OR: [{ stripePaymentIntentId: { in: intentIds } }, ...(metadataIds.length ? [{ id: { in: metadataIds } }] : [])] },
    select: { id: true, amount: true, currency: true, stripePaymentIntentId: true },
  });
  const byIntent = new Map<string, OrderRow>();
  const byId = new Map<string, OrderRow>();
  for (const order of orders) {
    byId.set(order.id, order);
    if (order.stripePaymentIntentId) byIntent.set(order.stripePaymentIntentId, order);
  }

  // Each order's snapshots go to successive rounds, so one UPDATE never meets an order twice.
  const rounds: { index: number; order: OrderRow; write: OrderWrite }[][] = [];
  const roundOf = new Map<string, number>();
  snapshots.forEach(({ pi, observedAt }, index) => {
    // payment_intent.created can beat the checkout request that stores the id: then the metadata names the order.
    const orderId = pi.metadata?.order_id;
    const order = byIntent.get(pi.id) ?? (orderId ? byId.get(orderId) : undefined);
    if (!order) {
      // Our checkout names its order in the metadata; that order not being here yet is worth a retry.
      results[index] = orderId ? unmatched(`No order ${orderId} for ${pi.id} yet.`) : { outcome: "not_ours" };
      return;
    }
    const mismatch = mismatchOf(order, pi);
    if (mismatch) {
      results[index] = mismatch;
      return;
    }
    // Linked as the write will link it, for the snapshots after this one.
    order.stripePaymentIntentId = pi.id;
    byIntent.set(pi.id, order);
    const round = roundOf.get(order.id) ?? 0;
    roundOf.set(order.id, round + 1);
    (rounds[round] ??= []).push({ index, order, write: writeFor(order.id, pi, observedAt) });
  });

  const changed = new Set<string>();
  // The guard lets `succeeded` through once per order (it is terminal), so this is the moment it became paid.
  const paid: string[] = [];
  const now = new Date();
  for (const round of rounds) {
    const applied = await writeRound(db, tx, round.map((r) => r.write), now);
    for (const { index, order, write } of round) {
      if (applied.has(order.id)) {
        changed.add(order.id);
        if (write.paid) paid.push(order.id);
        results[index] = { outcome: "applied", orderId: order.id, status: write.status };
      } else results[index] = { outcome: "stale", orderId: order.id };
    }
  }
  // The receipt commits (or rolls back) with the payment state; it is delivered after commit.
  await queueOrderReceipts(paid, db, tx);
  if (changed.size) await publishAll([...changed].map((id): LiveTopic => `order:${id}`), tx);
  return results;
}

function mismatchOf(order: OrderRow, pi: Stripe.PaymentIntent): PaymentIntentMismatchError | null {
  if (order.stripePaymentIntentId && order.stripePaymentIntentId !== pi.id) {
    return new PaymentIntentMismatchError(`Order ${order.id} belongs to ${order.stripePaymentIntentId}, not ${pi.id}`);
  }
  // Amounts come only from our prices; a PaymentIntent that disagrees must
  // never mark the order paid (it would mean someone changed it at Stripe).
  if (pi.amount !== order.amount || pi.currency !== order.currency) {
    return new PaymentIntentMismatchError(`PaymentIntent ${pi.id} is for ${pi.amount} ${pi.currency} but order ${order.id} is ${order.amount} ${order.currency}`);
  }
  return null;
}

/** What applying one snapshot writes to its order, if the guard lets it. */
type OrderWrite = {
  orderId: string;
  status: string;
  paymentStatus: string;
  observedAt: number;
  terminal: boolean;
  /** Nobody has tried to pay it yet: it loses a same-second tie (Stripe's clock counts seconds). */
  untouched: boolean;
  lastPaymentError: string | null;
  paymentIntentId: string;
  /** Kept as it is when null. */
  chargeId: string | null;
  paid: boolean;
};

function writeFor(orderId: string, pi: Stripe.PaymentIntent, observedAt: number): OrderWrite {
  return {
    orderId,
    status: orderStatusFor(pi),
    paymentStatus: pi.status,
    observedAt,
    terminal: isTerminalPaymentStatus(pi.status),
    untouched: orderStatusFor(pi) === "pending",
    lastPaymentError: pi.last_payment_error?.message ?? null,
    paymentIntentId: pi.id,
    chargeId: idOf(pi.latest_charge),
    paid: pi.status === "succeeded",
  };
}

const TERMINAL_SQL = TERMINAL_PAYMENT_STATUSES.map((s) => `'${s}'`).join(", ");

/**
 * One UPDATE for a round's orders (each at most once), the guard in its WHERE:
 * a terminal status is never overwritten, and a non-terminal snapshot applies
 * only if it is not older than the stored one. Returns the ids it changed.
 * Raw SQL: one statement for the whole round, and no query compilation.
 */
async function writeRound(db: Db, tx: DbClient, writes: OrderWrite[], now: Date): Promise<Set<string>> {
  const postgres = providerOf(db) === "postgresql";
  const params: unknown[] = [];
  const bind = (value: unknown, cast = "") => (postgres ? `$${params.push(value)}${cast}` : (params.push(value), "?"));
  // PostgreSQL's timestamp(3) columns hold UTC wall time, as Prisma writes them; SQLite's hold Prisma's text form.
  // SQLite's `?` are filled in textual order: the VALUES bind first, then each timestamp where it is written.
  const stamp = () => (postgres ? `(${bind(now.toISOString())}::timestamptz AT TIME ZONE 'UTC')` : bind(now));
  const rows = writes
    .map((w) => {
      const values = [
        bind(w.orderId, "::text"),
        bind(w.status, "::text"),
        bind(w.paymentStatus, "::text"),
        bind(w.observedAt, "::int"),
        bind(w.terminal ? 1 : 0, "::int"),
        bind(w.untouched ? 1 : 0, "::int"),
        bind(w.lastPaymentError, "::text"),
        bind(w.paymentIntentId, "::text"),
        bind(w.chargeId, "::text"),
        bind(w.paid ? 1 : 0, "::int"),
      ];
      return `(${values.join(", ")})`;
    })
    .join(", ");
  const paidAt = stamp();
  const updatedAt = stamp();
  const sql = `WITH v ("id", "status", "paymentStatus", "observedAt", "terminal", "untouched", "lastPaymentError", "paymentIntentId", "chargeId", "paid") AS (VALUES ${rows})
UPDATE "Order" SET
  "status" = v."status",
  "paymentStatus" = v."paymentStatus",
  "paymentStatusAt" = v."observedAt",
  "lastPaymentError" = v."lastPaymentError",
  "stripePaymentIntentId" = v."paymentIntentId",
  "stripeChargeId" = COALESCE(v."chargeId", "Order"."stripeChargeId"),
  "paidAt" = CASE WHEN v."paid" = 1 THEN ${paidAt} ELSE "Order"."paidAt" END,
  "updatedAt" = ${updatedAt}
FROM v
WHERE "Order"."id" = v."id"
  AND ("Order"."paymentStatus" IS NULL OR "Order"."paymentStatus" NOT IN (${TERMINAL_SQL}))
  AND (v."terminal" = 1 OR "Order"."paymentStatusAt" IS NULL OR "Order"."paymentStatusAt" < v."observedAt"
       OR (v."untouched" = 0 AND "Order"."paymentStatusAt" = v."observedAt"))
RETURNING "Order"."id"`;
  const changed = await tx.$queryRawUnsafe<{ id: string }[]>(sql, ...params);
  return new Set(changed.map((r) => r.id));
}
