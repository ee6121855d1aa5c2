// Admin refunds: validated against what remains refundable on our side before
// anything is sent to Stripe. Our Refund row exists first (status pending); its
// id is the refund's metadata.payport_refund_id and the idempotency key, so a
// retried request can never refund twice and the refund.* webhooks find the
// row even when they arrive before Stripe's response.
import Stripe from "stripe";
import { recordAudit, stripeRequestIdOf, type AuditActor } from "@/lib/audit/actions";
import { getDb } from "@/lib/db";
import { HttpError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { publish } from "@/lib/live/bus";
import { refundableOf, refundBlockedReason } from "@/lib/refunds/rules";
import type { CreateRefundInput, RefundReason } from "@/lib/refunds/schemas";
import { blocksRefund } from "@/lib/disputes/status";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";
import { isStripePermissionError } from "@/lib/stripe/types";

export type CreatedRefund = { id: string; stripeRefundId: string; amount: number; currency: string; status: string; stripeRequestId: string | null };

export async function createAdminRefund(orderId: string, { amount, currency, reason, note }: CreateRefundInput, actor: AuditActor): Promise<CreatedRefund> {
  const db = getDb();

  const exists = await db.order.findUnique({ where: { id: orderId }, select: { id: true } });
  if (!exists) throw new HttpError(404, "Payment not found.");

  // Validation and our row in one transaction that first writes the order row:
  // concurrent refunds of one payment queue on that row lock (SQLite serialises
  // writers), so each sees the rows of those before it and the sum can never exceed the payment.
  const { order, row } = await db.$transaction(async (tx) => {
    await tx.order.update({ where: { id: orderId }, data: { updatedAt: new Date() } });
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, include: { refunds: true, disputes: true } });
    if (currency !== order.currency)
      throw new HttpError(400, `This payment is in ${order.currency.toUpperCase()}; refund it in ${order.currency.toUpperCase()}, not ${currency.toUpperCase()}.`, "currency");
    // An earlier request for this amount that Stripe never answered (the row is pending, with the
    // error noted, and no refund.* webhook has named it): the admin's retry sends that same refund
    // again under its key, so Stripe either returns the refund it made or makes it now, once.
    const unanswered = order.refunds.find((r) => r.status === "pending" && r.stripeRefundId === null && r.failureReason !== null && r.amount === amount);
    if (unanswered && !order.disputes.some((d) => blocksRefund(d.status))) {
      return { order: { id: order.id, currency: order.currency, stripePaymentIntentId: order.stripePaymentIntentId! }, row: unanswered };
    }
    const blocked = refundBlockedReason(order);
    if (blocked) throw new HttpError(409, blocked);
    const refundable = refundableOf(order, order.refunds);
    if (amount > refundable.remaining) throw new HttpError(400, `At most ${formatMoney(refundable.remaining, order.currency)} can still be refunded.`, "amount");
    const row = await tx.refund.create({ data: { orderId: order.id, amount, currency: order.currency, status: "pending", reason } });
    // refundBlockedReason has refused a payment without an intent.
    return { order: { id: order.id, currency: order.currency, stripePaymentIntentId: order.stripePaymentIntentId! }, row };
  }, { maxWait: 10_000, timeout: 10_000 });

  let refund: Stripe.Response<Stripe.Refund>;
  try {
    refund = await getStripe().refunds.create(
      {
        payment_intent: order.stripePaymentIntentId,
        amount,
        // The row's own reason: a resent refund must carry the parameters its key was first used with.
        reason: (row.reason as RefundReason | null) ?? reason,
        metadata: { payport_refund_id: row.id, payport_order_id: order.id },
      },
      { idempotencyKey: idempotencyKey("refund", row.id) },
    );
  } catch (error) {
    // A 4xx is Stripe's definite refusal: the row is failed and nothing counts against the payment.
    // Without an answer the outcome is unknown: the row stays pending until a refund.* webhook (or reconcile) settles it.
    const message = error instanceof Stripe.errors.StripeError ? error.message : "Stripe could not be reached.";
    const refused = error instanceof Stripe.errors.StripeError && (error.statusCode ?? 500) < 500;
    // Only while no refund.* webhook has named the row: once Stripe has reported the refund, its state stands.
    await db.refund.updateMany({ where: { id: row.id, stripeRefundId: null }, data: { ...(refused && { status: "failed" }), failureReason: message.slice(0, 500) } });
    await recordAudit({
      actor,
      action: "refund.create",
      targetType: "order",
      targetId: order.id,
      details: { refundId: row.id, amount, currency: order.currency, reason, note: note ?? null, outcome: refused ? "failed" : "unknown", error: message },
      stripeRequestId: error instanceof Stripe.errors.StripeError ? (error.requestId ?? null) : null,
    });
    if (isStripePermissionError(error)) throw error;
    if (refused) throw new HttpError(400, `Stripe refused the refund: ${message}`);
    throw new HttpError(502, "Stripe did not confirm the refund; it stays pending until Stripe reports it.");
  }

  const stripeRequestId = stripeRequestIdOf(refund);
  // A refund.* webhook may already have matched the row by metadata; keep its newer status.
  const current = await db.refund.findUnique({ where: { id: row.id } });
  const updated = await db.refund.update({
    where: { id: row.id },
    data: {
      stripeRefundId: refund.id,
      ...(current?.statusAt == null && { status: refund.status ?? "pending", statusAt: refund.created, failureReason: refund.failure_reason ?? null }),
    },
  });
  await recordAudit({
    actor,
    action: "refund.create",
    targetType: "order",
    targetId: order.id,
    details: { refundId: row.id, stripeRefundId: refund.id, amount, currency: order.currency, reason, note: note ?? null, outcome: refund.status },
    stripeRequestId,
  });
  await publish(`order:${order.id}`, db);
  return { id: row.id, stripeRefundId: refund.id, amount, currency: order.currency, status: updated.status, stripeRequestId };
}
