// Fulfilment and support notes: the service the Stripe App routes and the
// admin area share. Inputs are validated here (400 with the field), unknown
// orders are 404, and impossible transitions are 409, as HttpErrors.
import type { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/actions";
import { getDb, type Db } from "@/lib/db";
import { HttpError, parseInput } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db-errors";
import { reviewHoldReason } from "@/lib/reviews/status";
import {
  type adminFulfilmentSchema,
  type adminNoteSchema,
  type FulfilmentTransitionTarget,
  FULFILMENT_TRANSITIONS,
  fulfilmentStatusSchema,
  markShippedSchema,
  supportNoteSchema,
  type FulfilmentStatus,
  type FulfilmentStatusInput,
  type MarkShippedInput,
  type SupportNoteInput,
} from "@/lib/fulfilment/schemas";

// The Stripe App's answers carry these two shapes, so they are defined in its
// contract with the UI extension; the admin area uses the same ones.
import type { FulfilmentView, SupportNoteView } from "@/stripe-app/src/contract";

export type { FulfilmentView, SupportNoteView };

// The contract restates the statuses (it imports nothing): the type-check fails when the two lists differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type FulfilmentStatusesMatchContract = Assert<Same<FulfilmentStatus, FulfilmentView["status"]>>;

/** An order without a Fulfilment row has simply not been shipped yet. */
export const UNFULFILLED: FulfilmentView = { status: "unfulfilled", carrier: null, trackingNumber: null, shippedAt: null, deliveredAt: null };

// Only money we hold is shipped: unpaid, failed or fully refunded orders are not.
const SHIPPABLE_ORDER_STATUSES = ["paid"];

type FulfilmentRow = { status: string; carrier: string | null; trackingNumber: string | null; shippedAt: Date | null; deliveredAt: Date | null };
type NoteRow = { id: string; orderId: string | null; stripeCustomerId: string | null; body: string; author: string; source: string; createdAt: Date };

export function toFulfilmentView(row: FulfilmentRow | null | undefined): FulfilmentView {
  if (!row) return UNFULFILLED;
  return {
    status: row.status as FulfilmentStatus,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
    shippedAt: row.shippedAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

export function toSupportNoteView(row: NoteRow): SupportNoteView {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** The order's fulfilment, or null when there is no such order. */
export async function getFulfilment(orderId: string, db: Db = getDb()): Promise<FulfilmentView | null> {
  const order = await db.order.findUnique({ where: { id: orderId }, select: { id: true, fulfilment: true } });
  return order ? toFulfilmentView(order.fulfilment) : null;
}

/**
 * Records that a paid order left the warehouse. Marking it shipped again
 * corrects the carrier or tracking number; a delivered or returned order can
 * no longer be marked shipped.
 */
export async function markOrderShipped(input: MarkShippedInput, db: Db = getDb()): Promise<FulfilmentView> {
  const { orderId, trackingNumber, carrier, shippedAt } = parseInput(markShippedSchema, input);
  const order = await db.order.findUnique({ where: { id: orderId }, select: { id: true, status: true, stripePaymentIntentId: true, fulfilment: true } });
  if (!order) throw new HttpError(404, `No Payport order ${orderId}.`, "orderId");
  if (!SHIPPABLE_ORDER_STATUSES.includes(order.status)) {
    throw new HttpError(409, `Order ${orderId} is ${order.status}; only paid orders can be marked shipped.`, "orderId");
  }
  const current = order.fulfilment?.status;
  // Radar asked for a human decision: nothing leaves the warehouse until the review is approved.
  // (A parcel already shipped before the review opened may still have its tracking corrected.)
  if (current !== "shipped") {
    const held = await reviewHoldReason(order, db);
    if (held) throw new HttpError(409, held, "orderId");
  }
  if (current === "delivered" || current === "returned") {
    throw new HttpError(409, `Order ${orderId} is already ${current}; it cannot be marked shipped again.`, "orderId");
  }
  const data = {
    status: "shipped",
    trackingNumber,
    carrier: carrier ?? null,
    // A correction keeps the original ship date unless a new one is given.
    shippedAt: shippedAt ?? order.fulfilment?.shippedAt ?? new Date(),
  };
  try {
    const row = await db.fulfilment.upsert({ where: { orderId }, create: { orderId, ...data }, update: data });
    return toFulfilmentView(row);
  } catch (error) {
    // Two first shipments at once: the other insert won; apply ours as an update.
    if (!isUniqueViolation(error)) throw error;
    return toFulfilmentView(await db.fulfilment.update({ where: { orderId }, data }));
  }
}

/**
 * Moves a shipped order on: shipped → delivered (stamps deliveredAt), shipped
 * or delivered → returned. Anything else (an unshipped order, a returned one,
 * the same status again) is a 409. The write is conditional on the status it
 * was checked against, so two concurrent changes cannot both apply.
 */
export async function updateFulfilmentStatus(input: FulfilmentStatusInput, db: Db = getDb()): Promise<FulfilmentView> {
  const { orderId, status, at } = parseInput(fulfilmentStatusSchema, input);
  const order = await db.order.findUnique({ where: { id: orderId }, select: { id: true, fulfilment: true } });
  if (!order) throw new HttpError(404, `No Payport order ${orderId}.`, "orderId");
  const from: FulfilmentStatus = (order.fulfilment?.status as FulfilmentStatus | undefined) ?? "unfulfilled";
  const allowed: readonly FulfilmentStatus[] = FULFILMENT_TRANSITIONS[status];
  if (!allowed.includes(from)) {
    throw new HttpError(409, `Order ${orderId} is ${from}; only a ${allowed.join(" or ")} order can be marked ${status}.`, "status");
  }
  const data = status === "delivered" ? { status, deliveredAt: at ?? new Date() } : { status };
  const { count } = await db.fulfilment.updateMany({ where: { orderId, status: { in: [...allowed] } }, data });
  if (count === 0) throw new HttpError(409, `Order ${orderId}'s fulfilment changed meanwhile; reload and try again.`, "status");
  return toFulfilmentView(await db.fulfilment.findUnique({ where: { orderId } }));
}

/** Adds a note about an order (it also files under the order's customer) or about a Stripe customer. */
export async function addSupportNote(input: SupportNoteInput, db: Db = getDb()): Promise<SupportNoteView> {
  const note = parseInput(supportNoteSchema, input);
  let stripeCustomerId = note.stripeCustomerId ?? null;
  if (note.orderId) {
    const order = await db.order.findUnique({ where: { id: note.orderId }, select: { stripeCustomerId: true } });
    if (!order) throw new HttpError(404, `No Payport order ${note.orderId}.`, "orderId");
    if (stripeCustomerId && order.stripeCustomerId && order.stripeCustomerId !== stripeCustomerId) {
      throw new HttpError(400, `Order ${note.orderId} belongs to another Stripe customer than ${stripeCustomerId}.`, "stripeCustomerId");
    }
    stripeCustomerId ??= order.stripeCustomerId;
  }
  const row = await db.supportNote.create({
    data: { orderId: note.orderId ?? null, stripeCustomerId, body: note.body, author: note.author, source: note.source },
  });
  return toSupportNoteView(row);
}

/** Notes about an order, oldest first. */
export async function listOrderNotes(orderId: string, db: Db = getDb()): Promise<SupportNoteView[]> {
  const rows = await db.supportNote.findMany({ where: { orderId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toSupportNoteView);
}

// The admin area's actions, on the same service the Stripe App uses. Each change
// and its audit row are written in one transaction: an action is never applied
// without its audit record.

function inTransaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  // The transaction client has the models of Db (not $connect/$transaction), which is all the services use.
  return getDb().$transaction((tx) => fn(tx as unknown as Db), { maxWait: 10_000, timeout: 10_000 });
}

const ACTION_OF: Record<FulfilmentTransitionTarget, string> = { delivered: "fulfilment.mark_delivered", returned: "fulfilment.mark_returned" };

export type AdminFulfilmentResult = { orderId: string; fulfilment: FulfilmentView };

/**
 * `{ tracking_number, carrier? }` (optionally `status: "shipped"`) marks the order shipped
 * or corrects its tracking; `{ status: "delivered" | "returned" }` moves it on.
 */
export async function updateFulfilmentAsAdmin(orderId: string, input: z.output<typeof adminFulfilmentSchema>, actor: AuditActor): Promise<AdminFulfilmentResult> {
  if (input.status !== undefined && input.status !== "shipped") {
    const target = input.status;
    return inTransaction(async (db) => {
      const previous = (await getFulfilment(orderId, db)) ?? UNFULFILLED;
      const fulfilment = await updateFulfilmentStatus({ orderId, status: target }, db);
      await recordAudit(
        { actor, action: ACTION_OF[target], targetType: "order", targetId: orderId, details: { from: previous.status, to: fulfilment.status, deliveredAt: fulfilment.deliveredAt } },
        db,
      );
      return { orderId, fulfilment };
    });
  }

  const { tracking_number, carrier } = input;
  return inTransaction(async (db) => {
    const previous = (await getFulfilment(orderId, db)) ?? UNFULFILLED;
    const fulfilment = await markOrderShipped({ orderId, trackingNumber: tracking_number, carrier: carrier ?? undefined }, db);
    await recordAudit(
      {
        actor,
        action: "fulfilment.mark_shipped",
        targetType: "order",
        targetId: orderId,
        details: {
          carrier: fulfilment.carrier,
          trackingNumber: fulfilment.trackingNumber,
          // A correction says what it replaced.
          previous: { status: previous.status, carrier: previous.carrier, trackingNumber: previous.trackingNumber },
        },
      },
      db,
    );
    return { orderId, fulfilment };
  });
}

/** `{ body }`: a note about the order, by the admin (source "admin", author their email). */
export async function addOrderNoteAsAdmin(orderId: string, { body }: z.output<typeof adminNoteSchema>, actor: AuditActor): Promise<SupportNoteView> {
  return inTransaction(async (db) => {
    const note = await addSupportNote({ orderId, body, author: actor.email, source: "admin" }, db);
    await recordAudit({ actor, action: "support_note.add", targetType: "order", targetId: orderId, details: { noteId: note.id, body: note.body } }, db);
    return note;
  });
}
