// Admin side of fulfilment and support notes, on the same service the Stripe
// App uses: mark an order shipped (or correct its tracking), move it on to
// delivered / returned, add a note. Each change and its audit row are written
// in one transaction: an action is never applied without its audit record.
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/actions";
import { getDb, type Db } from "@/lib/db";
import {
  addSupportNote,
  getFulfilment,
  markOrderShipped,
  updateFulfilmentStatus,
  UNFULFILLED,
  type FulfilmentView,
  type SupportNoteView,
} from "@/lib/fulfilment/actions";
import { carrierField, FULFILMENT_TRANSITION_TARGETS, noteBodyField, trackingNumberField, type FulfilmentTransitionTarget } from "@/lib/fulfilment/schemas";

// Request bodies, in the admin API's snake_case; messages name the field as sent.
export const adminMarkShippedSchema = z.object({
  status: z.literal("shipped").optional(),
  tracking_number: trackingNumberField("tracking_number"),
  carrier: carrierField().nullish(),
});

export const adminFulfilmentStatusSchema = z.object({
  status: z.enum(["delivered", "returned"] satisfies FulfilmentTransitionTarget[], { error: `status must be shipped, ${FULFILMENT_TRANSITION_TARGETS.join(" or ")}.` }),
});

/** The body of POST /api/admin/orders/{id}/fulfilment: `status` picks the action (none or "shipped": mark shipped). */
export const adminFulfilmentSchema = z.discriminatedUnion("status", [adminMarkShippedSchema, adminFulfilmentStatusSchema], {
  error: `status must be shipped, ${FULFILMENT_TRANSITION_TARGETS.join(" or ")}.`,
});

export const adminNoteSchema = z.object({ body: noteBodyField("body") });

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
