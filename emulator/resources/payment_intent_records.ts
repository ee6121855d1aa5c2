// The PaymentIntent's shape, its per-intent bookkeeping, the billing hooks and its publishable view.
import type Stripe from "stripe";
import type { EventCause } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import type { CardBehavior } from "../core/testcards.ts";

interface PaymentIntentMeta extends Record<string, unknown> {
  returnUrl?: string | null;
  offSession?: boolean;
  /** 3-D Secure completed but confirmation_method=manual: the next confirm skips the challenge. */
  authenticated?: boolean;
  /** `radar_options[session]` of the latest confirm (Stripe.js sends the Radar Session it collected). */
  radarSession?: string | null;
}

export type Decline = Extract<CardBehavior, { kind: "decline" }>;

/** The endive PaymentIntent, every always-present field checked by the compiler. */
export type PaymentIntentObject = Stripe.PaymentIntent;

/**
 * Billing hooks: invoices paid through a PaymentIntent (BEHAVIOR §6.3, §6.9) learn of the outcome
 * right after `payment_intent.succeeded` / `payment_intent.payment_failed`.
 */
export const paymentIntentHooks = {
  succeeded: [] as ((emu: Emulator, pi: Stripe.PaymentIntent, cause: EventCause) => void)[],
  failed: [] as ((emu: Emulator, pi: Stripe.PaymentIntent, cause: EventCause) => void)[],
};

export function piMeta(emu: Emulator, id: string): PaymentIntentMeta {
  return emu.store.meta<PaymentIntentMeta>(id);
}

/** Publishable-key view of a PaymentIntent (BEHAVIOR §11.6). */
export const PUBLISHABLE_PAYMENT_INTENT_FIELDS = [
  "id",
  "object",
  "amount",
  "canceled_at",
  "cancellation_reason",
  "capture_method",
  "client_secret",
  "confirmation_method",
  "created",
  "currency",
  "description",
  "last_payment_error",
  "livemode",
  "next_action",
  "payment_method",
  "payment_method_types",
  "processing",
  "receipt_email",
  "setup_future_usage",
  "shipping",
  "status",
] as const;
