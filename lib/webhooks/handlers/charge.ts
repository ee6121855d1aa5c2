// charge.* events describe one attempt, not the intent. They matter when a
// payment_intent.* event is late or lost: if the order is still open we read
// the intent once and apply it (the same sync the return page uses).
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { syncPaymentIntentById } from "@/lib/orders/sync";
import { isTerminalPaymentStatus } from "@/lib/orders/status";
import { publishOrderChanged } from "@/lib/orders/live-events";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";

function paymentIntentIdOf(charge: Stripe.Charge): string | null {
  if (!charge.payment_intent) return null;
  return typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent.id;
}

async function syncOpenOrder(event: { data: { object: Stripe.Charge } }) {
  const piId = paymentIntentIdOf(event.data.object);
  if (!piId) return;
  const order = await getDb().order.findUnique({ where: { stripePaymentIntentId: piId } });
  // Not ours, or already settled: nothing a charge can add.
  if (!order || isTerminalPaymentStatus(order.paymentStatus)) return;
  await syncPaymentIntentById(piId);
}

// Refund events are the source of amountRefunded; this only raises it, so a
// lost refund.* event still shows up on the order.
async function recordChargeRefunds(event: { data: { object: Stripe.Charge } }) {
  const charge = event.data.object;
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
  publishOrderChanged(order.id);
}

// The admin area shows how a payment was made and how risky Radar found it;
// the successful charge is the one place that says so.
async function recordChargeDetails(event: { data: { object: Stripe.Charge } }) {
  const charge = event.data.object;
  const piId = paymentIntentIdOf(charge);
  if (!piId) return;
  const card = charge.payment_method_details?.card;
  await getDb().order.updateMany({
    where: { stripePaymentIntentId: piId },
    data: {
      stripeChargeId: charge.id,
      cardBrand: card?.brand ?? null,
      cardLast4: card?.last4 ?? null,
      riskLevel: charge.outcome?.risk_level ?? null,
    },
  });
}

export const chargeHandlers: StripeEventHandlers = {
  // Usually followed by payment_intent.succeeded; settles the order if that one is lost.
  "charge.succeeded": async (event) => {
    await recordChargeDetails(event);
    await syncOpenOrder(event);
  },
  // A declined attempt; the intent's payment_failed carries the message we show.
  "charge.failed": syncOpenOrder,
  // Money went back to the customer (fully or partly).
  "charge.refunded": recordChargeRefunds,
  // E.g. the balance transaction attached after async capture; refunds may change too.
  "charge.updated": recordChargeRefunds,
};
