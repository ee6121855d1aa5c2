// Inputs of the fulfilment service, shared by the Stripe App routes and the
// admin area: what a support person may type, with messages they can act on.
import { z } from "zod";

export const FULFILMENT_STATUSES = ["unfulfilled", "shipped", "delivered", "returned"] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

export const NOTE_SOURCES = ["stripe_app", "admin"] as const;
export type NoteSource = (typeof NOTE_SOURCES)[number];

export const MAX_NOTE_LENGTH = 2000;

// Field builders take the field's name as the caller spells it (orderId here,
// order_id in the Stripe App's JSON), so messages name what the caller sent.
export const orderIdField = (name = "orderId") =>
  z.string({ error: `${name} is required: the Payport order id.` }).trim().min(1, `${name} is required: the Payport order id.`).max(64, `${name} is too long.`);

export const trackingNumberField = (name = "trackingNumber") =>
  z
    .string({ error: `${name} is required: the carrier's tracking number.` })
    .trim()
    .min(3, `${name} must be at least 3 characters.`)
    .max(64, `${name} must be at most 64 characters.`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, `${name} may contain letters, digits, spaces, dots, dashes and underscores.`);

export const carrierField = (name = "carrier") =>
  z.string().trim().min(1, `${name}, when given, must not be empty.`).max(40, `${name} must be at most 40 characters.`);

export const noteBodyField = (name = "body") =>
  z
    .string({ error: `${name} is required: the text of the note.` })
    .trim()
    .min(1, "The note is empty; write something.")
    .max(MAX_NOTE_LENGTH, `A note is at most ${MAX_NOTE_LENGTH} characters.`);

export const markShippedSchema = z.object({
  orderId: orderIdField(),
  trackingNumber: trackingNumberField(),
  carrier: carrierField().optional(),
  /** Defaults to now. */
  shippedAt: z.date().optional(),
});
export type MarkShippedInput = z.input<typeof markShippedSchema>;

export const supportNoteSchema = z
  .object({
    orderId: orderIdField().optional(),
    stripeCustomerId: z.string().trim().regex(/^cus_\w+$/, "stripeCustomerId must be a Stripe customer id (cus_…).").optional(),
    body: noteBodyField(),
    author: z.string().trim().min(1, "author is required.").max(200),
    source: z.enum(NOTE_SOURCES),
  })
  .refine((n) => n.orderId || n.stripeCustomerId, { message: "A note is about an order or a Stripe customer: give orderId or stripeCustomerId.", path: ["orderId"] });
export type SupportNoteInput = z.input<typeof supportNoteSchema>;

/**
 * After shipping, a fulfilment only moves forward: a shipped parcel is
 * delivered or comes back; a delivered one can still come back. Each target
 * status lists the statuses it may be reached from; everything else is a 409.
 */
export const FULFILMENT_TRANSITIONS = {
  delivered: ["shipped"],
  returned: ["shipped", "delivered"],
} as const satisfies Record<string, readonly FulfilmentStatus[]>;
export type FulfilmentTransitionTarget = keyof typeof FULFILMENT_TRANSITIONS;
export const FULFILMENT_TRANSITION_TARGETS = Object.keys(FULFILMENT_TRANSITIONS) as FulfilmentTransitionTarget[];

/** The statuses an order with this fulfilment status may be moved to (besides a shipping correction). */
export function nextFulfilmentStatuses(from: FulfilmentStatus): FulfilmentTransitionTarget[] {
  return FULFILMENT_TRANSITION_TARGETS.filter((to) => (FULFILMENT_TRANSITIONS[to] as readonly FulfilmentStatus[]).includes(from));
}

export const fulfilmentStatusSchema = z.object({
  orderId: orderIdField(),
  status: z.enum(["delivered", "returned"] satisfies FulfilmentTransitionTarget[], { error: "status must be delivered or returned." }),
  /** When it happened (delivered); defaults to now. */
  at: z.date().optional(),
});
export type FulfilmentStatusInput = z.input<typeof fulfilmentStatusSchema>;

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
