// What a charge tells us about its order. charge.* events describe one
// attempt, not the intent: they matter when a payment_intent.* event is late
// or lost (the order is settled from a fresh read of the intent), for refunds
// made anywhere (amount_refunded only ever raises ours), and for the card and
// Radar details the admin area shows.
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { publish } from "@/lib/live/bus";
import { isTerminalPaymentStatus } from "@/lib/orders/status";
import { syncPaymentIntentById } from "@/lib/orders/sync";
import { idOf } from "@/lib/stripe/types";

function paymentIntentIdOf(charge: Stripe.Charge): string | null {
  if (!charge.payment_intent) return null;
  return idOf(charge.payment_intent);
}

/** Settles an order still open from its intent, for when the payment_intent.* event is late or lost. */
export async function settleOpenOrderFromCharge(charge: Stripe.Charge): Promise<void> {
  const piId = paymentIntentIdOf(charge);
  if (!piId) return;
  const order = await getDb().order.findUnique({ where: { stripePaymentIntentId: piId } });
  // Not ours, or already settled: nothing a charge can add.
  if (!order || isTerminalPaymentStatus(order.paymentStatus)) return;
  await syncPaymentIntentById(piId);
}

// Refund events are the source of amountRefunded; this only raises it, so a
// lost refund.* event still shows up on the order.
export async function applyChargeRefunds(charge: Stripe.Charge): Promise<void> {
  const piId = paymentIntentIdOf(charge);
  if (!piId) return;
  const db = getDb();
  const order = await db.order.findUnique({ where: { stripePaymentIntentId: piId } });
  if (!order || charge.amount_refunded <= order.amountRefunded) return;
  await db.order.update({
    where: { id: order.id },
    data: {
      amountRefunded: charge.amount_refunded,
      ...(order.paymentStatus === "succeeded" && charge.amount_refunded >= order.amount && { status: "refunded" }),
    },
  });
  await publish(`order:${order.id}`, db);
}

// The admin area shows how a payment was made and how risky Radar found it;
// the successful charge is the one place that says so.
export async function applyChargeDetails(charge: Stripe.Charge): Promise<void> {
  const piId = paymentIntentIdOf(charge);
  if (!piId) return;
  const card = charge.payment_method_details?.card;
  await getDb().order.updateMany({
    where: { stripePaymentIntentId: piId },
    data: {
      stripeChargeId: charge.id,
      cardBrand: card?.brand ?? null,
      cardLast4: card?.last4 ?? null,
      ...radarOutcomeOf(charge),
    },
  });
}

// A declined or blocked attempt still says why (Radar blocked it, the issuer
// declined it). Only while it is the order's latest charge (or none is known):
// a later attempt, successful or not, has the outcome that stands.
export async function applyFailedChargeOutcome(charge: Stripe.Charge): Promise<void> {
  const piId = paymentIntentIdOf(charge);
  if (!piId || !charge.outcome) return;
  await getDb().order.updateMany({
    where: { stripePaymentIntentId: piId, OR: [{ stripeChargeId: null }, { stripeChargeId: charge.id }] },
    data: radarOutcomeOf(charge),
  });
}

/** The Radar outcome columns of an order, from its charge (`outcome.rule` is an id unless expanded). */
export function radarOutcomeOf(charge: Stripe.Charge) {
  const outcome = charge.outcome;
  return {
    riskLevel: outcome?.risk_level ?? null,
    riskScore: outcome?.risk_score ?? null,
    networkStatus: outcome?.network_status ?? null,
    sellerMessage: outcome?.seller_message ?? null,
    outcomeType: outcome?.type ?? null,
    radarRule: outcome?.rule ? idOf(outcome.rule) : null,
  };
}

/** The guest behind a successful charge of an order placed without an account (the admin Customers list shows them). */
export async function guestOrderPayer(charge: Stripe.Charge): Promise<{ email: string; stripeCustomerId: string | null; at: Date } | null> {
  const piId = paymentIntentIdOf(charge);
  if (!piId || charge.status !== "succeeded") return null;
  const order = await getDb().order.findUnique({ where: { stripePaymentIntentId: piId }, select: { email: true, userId: true, stripeCustomerId: true, createdAt: true } });
  if (!order || order.userId) return null;
  return { email: order.email, stripeCustomerId: order.stripeCustomerId ?? idOf(charge.customer ?? null), at: order.createdAt };
}
