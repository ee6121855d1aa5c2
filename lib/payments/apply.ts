// The mirror of payments that are not orders': a successful charge nothing of
// ours created (a subscription or invoice payment), the invoice payment that
// says which invoice and subscription it paid, its refunds and its Stripe fee.
// Each writer sets only what its object knows, so charge.* and
// invoice_payment.paid may arrive in any order, any number of times.
// Order charges stay on the Order row (their fee included).
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { invoiceSubscriptionId } from "@/lib/invoices/apply";
import { getStripe } from "@/lib/stripe/client";
import { idOf } from "@/lib/stripe/types";

const dateOf = (seconds: number) => new Date(seconds * 1000);

type PaymentKey = { stripePaymentIntentId: string } | { stripeChargeId: string };

function keyOfCharge(charge: Stripe.Charge): PaymentKey {
  const pi = idOf(charge.payment_intent ?? null);
  return pi ? { stripePaymentIntentId: pi } : { stripeChargeId: charge.id };
}

async function isOrderIntent(paymentIntentId: string | null, db: Db): Promise<boolean> {
  if (!paymentIntentId) return false;
  return (await db.order.count({ where: { stripePaymentIntentId: paymentIntentId } })) > 0;
}

/** Creates the row, or updates it when another writer created it first. */
async function upsertPayment(key: PaymentKey, create: Parameters<Db["payment"]["create"]>[0]["data"], update: Parameters<Db["payment"]["update"]>[0]["data"], db: Db): Promise<string> {
  const existing = await db.payment.findUnique({ where: key, select: { id: true } });
  if (existing) return (await db.payment.update({ where: { id: existing.id }, data: update, select: { id: true } })).id;
  try {
    return (await db.payment.create({ data: create, select: { id: true } })).id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await db.payment.update({ where: key, data: update, select: { id: true } })).id;
  }
}

/** A dispute that arrived before its payment's row is linked once the row exists. */
async function linkDisputes(paymentId: string, chargeId: string | null, db: Db): Promise<void> {
  if (chargeId) await db.dispute.updateMany({ where: { stripeChargeId: chargeId, orderId: null, paymentId: null }, data: { paymentId } });
}

/** Who paid, as far as the payment row knows (the caller records a guest from it). */
export type Payer = { email: string; stripeCustomerId: string | null; at: Date };

async function payerOf(id: string, db: Db): Promise<Payer | null> {
  const row = await db.payment.findUniqueOrThrow({ where: { id }, select: { email: true, stripeCustomerId: true, paidAt: true } });
  return row.email ? { email: row.email, stripeCustomerId: row.stripeCustomerId, at: row.paidAt } : null;
}

/** charge.succeeded (or a later charge.updated) for a charge that is not an order's. */
export async function applySucceededCharge(charge: Stripe.Charge, db: Db = getDb()): Promise<Payer | null> {
  if (charge.status !== "succeeded") return null;
  const pi = idOf(charge.payment_intent ?? null);
  if (await isOrderIntent(pi, db)) return null;
  const card = charge.payment_method_details?.card;
  const stripeCustomerId = idOf(charge.customer ?? null);
  const email = (charge.billing_details?.email ?? charge.receipt_email)?.toLowerCase() ?? null;
  const chargeFields = {
    stripeChargeId: charge.id,
    cardBrand: card?.brand ?? null,
    cardLast4: card?.last4 ?? null,
    riskLevel: charge.outcome?.risk_level ?? null,
    paidAt: dateOf(charge.created),
    createdAt: dateOf(charge.created),
  };
  const id = await upsertPayment(
    keyOfCharge(charge),
    {
      source: "charge",
      stripePaymentIntentId: pi,
      stripeCustomerId,
      email,
      currency: charge.currency,
      amount: charge.amount_captured || charge.amount,
      ...refundFields(charge, charge.created),
      ...chargeFields,
    },
    chargeFields,
    db,
  );
  await linkDisputes(id, charge.id, db);
  return payerOf(id, db);
}

/** invoice_payment.paid: which invoice (and subscription) a payment paid; the invoice is read once by the caller. */
export async function applyPaidInvoicePayment(invoicePayment: Stripe.InvoicePayment, invoice: Stripe.Invoice, db: Db = getDb()): Promise<Payer | null> {
  const pi = idOf(invoicePayment.payment.payment_intent ?? null);
  const chargeId = idOf(invoicePayment.payment.charge ?? null);
  // Paid out of band (or by a payment record): no money moved through Stripe.
  if (!pi && !chargeId) return null;
  if (await isOrderIntent(pi, db)) return null;
  const stripeSubscriptionId = invoiceSubscriptionId(invoice);
  const email = invoice.customer_email?.toLowerCase() ?? null;
  const paidAt = dateOf(invoicePayment.status_transitions.paid_at ?? invoicePayment.created);
  const invoiceFields = { source: stripeSubscriptionId ? "subscription" : "invoice", stripeInvoiceId: invoice.id ?? null, stripeSubscriptionId, ...(email && { email }) };
  const id = await upsertPayment(
    pi ? { stripePaymentIntentId: pi } : { stripeChargeId: chargeId! },
    {
      ...invoiceFields,
      stripePaymentIntentId: pi,
      stripeChargeId: chargeId,
      stripeCustomerId: idOf(invoice.customer ?? null),
      currency: invoicePayment.currency,
      amount: invoicePayment.amount_paid ?? invoicePayment.amount_requested,
      paidAt,
      createdAt: paidAt,
    },
    invoiceFields,
    db,
  );
  await linkDisputes(id, chargeId, db);
  return payerOf(id, db);
}

function refundFields(charge: Stripe.Charge, observedAt: number) {
  return {
    amountRefunded: charge.amount_refunded,
    refundedAt: charge.amount_refunded > 0 ? dateOf(observedAt) : null,
    status: charge.amount_refunded > 0 && charge.amount_refunded >= (charge.amount_captured || charge.amount) ? "refunded" : "paid",
  };
}

/** charge.refunded / charge.updated: amountRefunded only ever grows, so a late snapshot changes nothing. */
export async function applyPaymentRefunds(charge: Stripe.Charge, observedAt: number, db: Db = getDb()): Promise<void> {
  if (charge.amount_refunded <= 0) return;
  await db.payment.updateMany({ where: { ...keyOfCharge(charge), amountRefunded: { lt: charge.amount_refunded } }, data: refundFields(charge, observedAt) });
}

/**
 * Stripe's processing fee of a charge, from its balance transaction (attached
 * by charge.updated after an asynchronous capture): stored once on the order
 * or payment the charge belongs to.
 */
export async function applyChargeFee(charge: Stripe.Charge, db: Db = getDb()): Promise<void> {
  if (!charge.balance_transaction) return;
  const pi = idOf(charge.payment_intent ?? null);
  const orderWhere = pi ? { stripePaymentIntentId: pi, fee: null } : { stripeChargeId: charge.id, fee: null };
  const paymentWhere = { ...keyOfCharge(charge), fee: null };
  const [orders, payments] = await Promise.all([db.order.count({ where: orderWhere }), db.payment.count({ where: paymentWhere })]);
  if (orders + payments === 0) return;
  const txn = typeof charge.balance_transaction === "string" ? await getStripe().balanceTransactions.retrieve(charge.balance_transaction) : charge.balance_transaction;
  await Promise.all([db.order.updateMany({ where: orderWhere, data: { fee: txn.fee } }), db.payment.updateMany({ where: paymentWhere, data: { fee: txn.fee } })]);
}
