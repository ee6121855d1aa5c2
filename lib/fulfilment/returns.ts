// Returns of shipped items, recorded by support from the Stripe App's invoice
// page. The rules:
//   - only a shipped (or delivered) order has anything to return, and per line
//     never more than was shipped: neither more requested back nor more
//     received back (a receipt fulfils the requests before it, so "requested 1"
//     then "received 1" is one item);
//   - the return window is PAYPORT_RETURN_WINDOW_DAYS days (default 30) from
//     delivery, or from shipping while the order is not marked delivered;
//     outside it a return is refused unless the request sets the explicit
//     staff override, and the row remembers that it was overridden;
//   - each submission carries its own request id: sending it again answers the
//     row it created (a double click or a retry never returns twice), while the
//     same id with different contents is refused;
//   - the return and its audit row are written in one transaction; once every
//     line is back (received), the order's fulfilment becomes "returned".
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/actions";
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { EnvError } from "@/lib/env";
import { HttpError } from "@/lib/errors";
import { toFulfilmentView } from "@/lib/fulfilment/actions";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ReturnView, ShippingOrder } from "@/stripe-app/src/contract";

export const DEFAULT_RETURN_WINDOW_DAYS = 30;
export const RETURN_STATUSES = ["requested", "received"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

const windowDaysSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce
    .number({ error: "PAYPORT_RETURN_WINDOW_DAYS must be a whole number of days, e.g. 30." })
    .int("PAYPORT_RETURN_WINDOW_DAYS must be a whole number of days, e.g. 30.")
    .min(0, "PAYPORT_RETURN_WINDOW_DAYS cannot be negative; 0 means no returns without the staff override.")
    .max(3650, "PAYPORT_RETURN_WINDOW_DAYS is at most 3650 days.")
    .default(DEFAULT_RETURN_WINDOW_DAYS),
);

/** PAYPORT_RETURN_WINDOW_DAYS: days after delivery (or shipping) during which a return needs no override. */
export function getReturnWindowDays(env: Record<string, string | undefined> = process.env): number {
  const parsed = windowDaysSchema.safeParse(env.PAYPORT_RETURN_WINDOW_DAYS);
  if (!parsed.success) throw new EnvError(parsed.error.issues.map((i) => i.message));
  return parsed.data;
}

export const shippingInclude = {
  lines: { orderBy: { id: "asc" } },
  fulfilment: true,
  returns: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.OrderInclude;

type OrderForShipping = Prisma.OrderGetPayload<{ include: typeof shippingInclude }>;
type ReturnRow = OrderForShipping["returns"][number];

const SHIPPED_STATUSES = new Set(["shipped", "delivered", "returned"]);

function toReturnView(row: ReturnRow): ReturnView {
  return {
    id: row.id,
    orderLineId: row.orderLineId,
    quantity: row.quantity,
    status: row.status as ReturnStatus,
    reason: row.reason,
    outsideWindow: row.outsideWindow,
    recordedBy: row.recordedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

function returnWindow(order: OrderForShipping, days: number, now: Date): ShippingOrder["returnWindow"] {
  const f = order.fulfilment;
  if (!f || !SHIPPED_STATUSES.has(f.status)) return null;
  const from = f.deliveredAt ?? f.shippedAt ?? order.paidAt ?? order.createdAt;
  const closesAt = new Date(from.getTime() + days * DAY_MS);
  return { days, closesAt: closesAt.toISOString(), open: now.getTime() <= closesAt.getTime() };
}

/** Quantities of a line requested back and received back. */
function returnTotals(returns: Pick<ReturnRow, "orderLineId" | "status" | "quantity">[], lineId: string) {
  const totals = { requested: 0, received: 0 };
  for (const r of returns) if (r.orderLineId === lineId) totals[r.status === "received" ? "received" : "requested"] += r.quantity;
  return totals;
}

// A receipt fulfils the requests before it: requested 1 then received 1 is one
// item coming back, not two. So a line's returned quantity is the larger total.
function returnedQuantity(returns: Pick<ReturnRow, "orderLineId" | "status" | "quantity">[], lineId: string): number {
  const { requested, received } = returnTotals(returns, lineId);
  return Math.max(requested, received);
}

export function toShippingOrder(order: OrderForShipping, days: number, now: Date = new Date()): ShippingOrder {
  const shipped = Boolean(order.fulfilment && SHIPPED_STATUSES.has(order.fulfilment.status));
  return {
    id: order.id,
    status: order.status,
    amount: order.amount,
    currency: order.currency,
    fulfilment: toFulfilmentView(order.fulfilment),
    lines: order.lines.map((line) => ({
      id: line.id,
      productName: line.productName,
      quantity: line.quantity,
      shippedQuantity: shipped ? line.quantity : 0,
      returnedQuantity: returnedQuantity(order.returns, line.id),
    })),
    returns: order.returns.map(toReturnView),
    returnWindow: returnWindow(order, days, now),
  };
}

/** Orders (newest first) with their lines, fulfilment, returns and return window. */
export async function listShippingOrders(where: Prisma.OrderWhereInput, db: Db = getDb()): Promise<ShippingOrder[]> {
  const days = getReturnWindowDays();
  const orders = await db.order.findMany({ where, include: shippingInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 50 });
  return orders.map((o) => toShippingOrder(o, days));
}

export type RecordReturnInput = {
  orderId: string;
  orderLineId: string;
  quantity: number;
  status: ReturnStatus;
  reason?: string | null;
  /** Staff decided to accept a return after the window closed. */
  overrideWindow: boolean;
  requestId: string;
};

export type RecordedReturn = { created: boolean; return: ReturnView; order: ShippingOrder };

function inTransaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  return getDb().$transaction((tx) => fn(tx as unknown as Db), { maxWait: 10_000, timeout: 10_000 });
}

async function loadOrder(db: Db, orderId: string): Promise<OrderForShipping> {
  const order = await db.order.findUnique({ where: { id: orderId }, include: shippingInclude });
  if (!order) throw new HttpError(404, `No Payport order ${orderId}.`, "orderId");
  return order;
}

/** The row an earlier submission with this request id made, if it asked for the same return. */
async function earlierSubmission(input: RecordReturnInput, db: Db): Promise<RecordedReturn | null> {
  const existing = await db.orderReturn.findUnique({ where: { requestId: input.requestId } });
  if (!existing) return null;
  const same =
    existing.orderId === input.orderId && existing.orderLineId === input.orderLineId && existing.quantity === input.quantity && existing.status === input.status;
  if (!same) throw new HttpError(409, `request_id ${input.requestId} was already used for another return; send a new request_id for a new return.`, "request_id");
  const order = await loadOrder(db, existing.orderId);
  return { created: false, return: toReturnView(existing), order: toShippingOrder(order, getReturnWindowDays()) };
}

export async function recordReturn(input: RecordReturnInput, actor: AuditActor, now: Date = new Date()): Promise<RecordedReturn> {
  const days = getReturnWindowDays();
  const earlier = await earlierSubmission(input, getDb());
  if (earlier) return earlier;
  try {
    return await inTransaction(async (db) => {
      // Taking the fulfilment row first serialises two returns of one order (PostgreSQL row lock).
      const locked = await db.fulfilment.updateMany({ where: { orderId: input.orderId }, data: { updatedAt: now } });
      const order = await loadOrder(db, input.orderId);
      const line = order.lines.find((l) => l.id === input.orderLineId);
      if (!line) throw new HttpError(400, `order_line_id ${input.orderLineId} is not a line of order ${order.id}.`, "order_line_id");
      if (locked.count === 0 || !order.fulfilment || !SHIPPED_STATUSES.has(order.fulfilment.status)) {
        throw new HttpError(409, `Order ${order.id} has not shipped, so nothing of it can be returned yet.`, "orderId");
      }
      const view = toShippingOrder(order, days, now);
      const lineView = view.lines.find((l) => l.id === line.id)!;
      const totals = returnTotals(order.returns, line.id);
      // A request covers what is not already coming back; a receipt, what has not arrived yet.
      const already = input.status === "received" ? totals.received : Math.max(totals.requested, totals.received);
      const left = lineView.shippedQuantity - already;
      if (input.quantity > left) {
        throw new HttpError(
          409,
          `Only ${left} × ${line.productName} can still be ${input.status === "received" ? "received back" : "returned"}: ${lineView.shippedQuantity} shipped, ${already} already ${input.status === "received" ? "received" : "returned"}.`,
          "quantity",
        );
      }
      const window = view.returnWindow!;
      const outsideWindow = !window.open;
      if (outsideWindow && !input.overrideWindow) {
        throw new HttpError(
          409,
          `The ${days}-day return window of order ${order.id} closed on ${window.closesAt.slice(0, 10)}; to accept this return anyway, record it with the staff override (override_window: true).`,
          "override_window",
        );
      }
      const row = await db.orderReturn.create({
        data: {
          orderId: order.id,
          orderLineId: line.id,
          quantity: input.quantity,
          status: input.status,
          reason: input.reason ?? null,
          outsideWindow,
          requestId: input.requestId,
          recordedBy: actor.email,
        },
      });
      const received = new Map<string, number>();
      for (const r of [...order.returns, row]) if (r.status === "received") received.set(r.orderLineId, (received.get(r.orderLineId) ?? 0) + r.quantity);
      const allBack = order.lines.every((l) => (received.get(l.id) ?? 0) >= l.quantity);
      const markReturned = allBack && order.fulfilment.status !== "returned";
      if (markReturned) await db.fulfilment.update({ where: { orderId: order.id }, data: { status: "returned" } });
      await recordAudit(
        {
          actor,
          action: "return.record",
          targetType: "order",
          targetId: order.id,
          details: {
            returnId: row.id,
            orderLineId: line.id,
            productName: line.productName,
            quantity: row.quantity,
            status: row.status,
            reason: row.reason,
            windowClosesAt: window.closesAt,
            outsideWindow,
            overrideWindow: input.overrideWindow,
            fulfilmentReturned: markReturned,
          },
        },
        db,
      );
      return { created: true, return: toReturnView(row), order: toShippingOrder(await loadOrder(db, order.id), days, now) };
    });
  } catch (error) {
    // The same submission raced itself: the one that lost answers what the winner recorded.
    if (isUniqueViolation(error)) {
      const raced = await earlierSubmission(input, getDb());
      if (raced) return raced;
    }
    throw error;
  }
}
