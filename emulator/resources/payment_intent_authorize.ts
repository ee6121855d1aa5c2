// Authorizing the card of a confirmed PaymentIntent: the charge, success or decline, and what
// follows (billing hooks, saving the card, settlement, test-card disputes).
import type Stripe from "stripe";
import type { EventCause, RequestContext } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import { ApiError } from "../core/errors.ts";
import { declineError } from "./intents.ts";
import { createCharge, settleLater } from "./charges.ts";
import { openDispute } from "./dispute_lifecycle.ts";
import { openReview } from "./reviews.ts";
import { testCardOf, type PaymentMethodMeta } from "./payment_methods.ts";
import { type Decline, paymentIntentHooks, piMeta } from "./payment_intent_records.ts";

/**
 * Authorizes the card: creates the charge and moves the intent on. Returns the 402 error to throw
 * when the card declines (the intent is already updated and its events emitted).
 */
export function authorize(emu: Emulator, cause: EventCause, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, threeDSecure: boolean): ApiError | null {
  const behavior = testCardOfEmu(emu, pm).behavior;
  if (behavior.kind === "decline") return fail(emu, cause, pi, pm, behavior);
  if (behavior.kind === "three_d_secure" && behavior.declineAfter) return fail(emu, cause, pi, pm, behavior.declineAfter, threeDSecure);
  const manual = pi.capture_method === "manual";
  const charge = createCharge(emu, pi, pm, { captured: !manual, threeDSecure, behavior, radarSession: piMeta(emu, pi.id).radarSession });
  // Radar's elevated-risk rule: the payment goes through and waits in the review queue.
  const review = charge.outcome?.type === "manual_review" ? openReview(emu, charge, pi) : null;
  if (review) emu.store.put("charges", charge);
  pi.latest_charge = charge.id;
  pi.next_action = null;
  pi.last_payment_error = null;
  if (manual) {
    pi.status = "requires_capture";
    pi.amount_capturable = pi.amount;
  } else {
    pi.status = "succeeded";
    pi.amount_received = pi.amount;
  }
  const pmMeta = emu.store.meta<PaymentMethodMeta>(pm.id);
  const customer = pi.customer ? emu.store.get<Stripe.Customer>("customers", pi.customer as string) : undefined;
  emu.store.put("payment_intents", pi);
  emu.emit("charge.succeeded", charge, cause);
  if (review) emu.emit("review.opened", review, cause);
  emu.emit(manual ? "payment_intent.amount_capturable_updated" : "payment_intent.succeeded", pi, cause);
  // Invoice bookkeeping (invoice_payment.paid … customer.subscription.updated) precedes the attach (§6.3).
  if (!manual) for (const hook of paymentIntentHooks.succeeded) hook(emu, pi, cause);
  if (pi.setup_future_usage && customer) {
    if (!pm.customer) attachPaymentMethodQuietly(emu, cause, pm, customer);
    pmMeta.setupForOffSession = true;
  } else if (!pm.customer) pmMeta.consumed = true;
  if (!manual) {
    settleLater(emu, charge.id);
    if (behavior.kind === "dispute") openDispute(emu, charge, behavior.reason, behavior.inquiry);
  }
  return null;
}

function attachPaymentMethodQuietly(emu: Emulator, cause: EventCause, pm: Stripe.PaymentMethod, customer: Stripe.Customer): void {
  pm.customer = customer.id;
  emu.store.put("payment_methods", pm);
  emu.emit("payment_method.attached", pm, cause);
}

function testCardOfEmu(emu: Emulator, pm: Stripe.PaymentMethod) {
  return testCardOf({ emu } as RequestContext, pm);
}

/** Decline: failed charge, intent back to requires_payment_method, 402 with the intent embedded. */
export function fail(emu: Emulator, cause: EventCause, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, decline: Decline, threeDSecure = false): ApiError {
  const behavior = testCardOfEmu(emu, pm).behavior;
  const charge = createCharge(emu, pi, pm, { captured: false, threeDSecure, behavior, decline, radarSession: piMeta(emu, pi.id).radarSession });
  const error: Stripe.PaymentIntent.LastPaymentError = declineError(decline, pm, charge.id);
  pi.status = "requires_payment_method";
  pi.latest_charge = charge.id;
  pi.payment_method = null;
  pi.next_action = null;
  pi.last_payment_error = error;
  emu.store.put("payment_intents", pi);
  emu.emit("charge.failed", charge, cause);
  emu.emit("payment_intent.payment_failed", pi, cause);
  for (const hook of paymentIntentHooks.failed) hook(emu, pi, cause);
  return new ApiError(402, { ...(error as unknown as Record<string, unknown>), type: "card_error", payment_intent: pi });
}
