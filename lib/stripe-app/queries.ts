// Payport's own view of the Stripe object open in the Dashboard: the orders
// behind it with their lines, fulfilment and notes, and notes filed under the
// customer. Read-only; the caller is already authenticated.
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { HttpError } from "@/lib/errors";
import { getStripe } from "@/lib/stripe/client";
import { parseFeatures } from "@/lib/catalog/features";
import { toFulfilmentView, toSupportNoteView } from "@/lib/fulfilment/actions";
import { toSubscriptionView } from "@/lib/subscriptions/queries";
import { ENDED_SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { getCustomerUsageThisPeriod, type UsageThisPeriod } from "@/lib/usage/actions";
// The answers are typed by the contract the UI extension (stripe-app/) reads too.
import type { StripeAppInvoiceShipping, StripeAppOrder, StripeAppSubscription, StripeAppView } from "@/stripe-app/src/contract";
import { getReturnWindowDays, listShippingOrders } from "@/lib/fulfilment/returns";
import { idOf, isStripePermissionError } from "@/lib/stripe/types";

/** The newest subscription of the customer that has not ended, with its plan's features and usage. */
async function subscriptionSection(db: Db, customerId: string | null): Promise<StripeAppSubscription | null> {
  if (!customerId) return null;
  const row = await db.subscription.findFirst({
    where: { stripeCustomerId: customerId, status: { notIn: [...ENDED_SUBSCRIPTION_STATUSES] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!row) return null;
  const view = await toSubscriptionView(row, db);
  const product = row.stripePriceId
    ? (await db.price.findUnique({ where: { stripePriceId: row.stripePriceId }, select: { product: { select: { features: true } } } }))?.product
    : null;
  let usage: UsageThisPeriod | null = null;
  if (view.meteredItemId) {
    // Usage is a nice-to-have next to the orders: a Stripe hiccup must not fail the whole view.
    usage = await getCustomerUsageThisPeriod(customerId).catch(() => null);
  }
  return {
    id: row.stripeSubscriptionId,
    status: row.status,
    planName: view.planName,
    features: parseFeatures(product?.features ?? null),
    quantity: view.quantity,
    unitAmount: view.unitAmount,
    currency: view.currency,
    interval: view.interval,
    cancelAtPeriodEnd: view.cancelAtPeriodEnd,
    currentPeriodEnd: view.currentPeriodEnd?.toISOString() ?? null,
    trialEnd: view.trialEnd?.toISOString() ?? null,
    usage: usage && {
      quantity: usage.quantity,
      estimatedAmount: usage.estimatedAmount,
      currency: usage.currency,
      periodStart: usage.periodStart,
      periodEnd: usage.periodEnd,
      addonName: usage.addonName,
    },
  };
}

const ORDER_LIMIT = 50;

const orderInclude = {
  lines: { orderBy: { id: "asc" } },
  fulfilment: true,
  supportNotes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.OrderInclude;

type OrderWithDetails = Awaited<ReturnType<typeof findOrders>>[number];

function findOrders(db: Db, where: NonNullable<Parameters<Db["order"]["findMany"]>[0]>["where"]) {
  return db.order.findMany({ where, include: orderInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: ORDER_LIMIT });
}

function toOrder(order: OrderWithDetails): StripeAppOrder {
  return {
    id: order.id,
    email: order.email,
    status: order.status,
    amount: order.amount,
    currency: order.currency,
    amountRefunded: order.amountRefunded,
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    stripePaymentIntentId: order.stripePaymentIntentId,
    stripeChargeId: order.stripeChargeId,
    stripeCustomerId: order.stripeCustomerId,
    lines: order.lines.map((l) => ({ productName: l.productName, unitAmount: l.unitAmount, quantity: l.quantity, amount: l.amount })),
    fulfilment: toFulfilmentView(order.fulfilment),
    notes: order.supportNotes.map(toSupportNoteView),
  };
}

async function customerSection(db: Db, customerId: string | null): Promise<StripeAppView["customer"]> {
  if (!customerId) return null;
  const notes = await db.supportNote.findMany({
    where: { stripeCustomerId: customerId, orderId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return { id: customerId, notes: notes.map(toSupportNoteView) };
}

// Orders carry the customer directly, or through the signed-in user who placed them.
export const ordersOfCustomer = (customerId: string) => ({
  OR: [{ stripeCustomerId: customerId }, { user: { stripeCustomerId: customerId } }],
});

export async function getCustomerView(customerId: string, db: Db = getDb()): Promise<StripeAppView> {
  const orders = await findOrders(db, ordersOfCustomer(customerId));
  return {
    object: { type: "customer", id: customerId },
    customer: await customerSection(db, customerId),
    orders: orders.map(toOrder),
    subscription: await subscriptionSection(db, customerId),
  };
}

function isMissingAtStripe(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string };
  return e?.statusCode === 404 || e?.code === "resource_missing";
}


async function customerOfOrder(db: Db, order: OrderWithDetails | undefined): Promise<string | null> {
  if (!order) return null;
  if (order.stripeCustomerId) return order.stripeCustomerId;
  if (!order.userId) return null;
  const user = await db.user.findUnique({ where: { id: order.userId }, select: { stripeCustomerId: true } });
  return user?.stripeCustomerId ?? null;
}

/** A payment detail page hands us a PaymentIntent (pi_) or a Charge (ch_/py_). */
export async function getPaymentView(paymentId: string, db: Db = getDb()): Promise<StripeAppView> {
  const isIntent = paymentId.startsWith("pi_");
  let orders = await findOrders(db, isIntent ? { stripePaymentIntentId: paymentId } : { stripeChargeId: paymentId });
  if (!isIntent && orders.length === 0) {
    // We store only the latest charge; an earlier attempt leads to the order through its intent.
    let charge: Stripe.Charge | null = null;
    try {
      charge = await getStripe().charges.retrieve(paymentId);
    } catch (error) {
      if (isStripePermissionError(error)) throw error;
      if (!isMissingAtStripe(error)) throw new HttpError(502, "Stripe did not answer while looking up this charge; try again.");
    }
    const intentId = idOf(charge?.payment_intent);
    if (intentId) orders = await findOrders(db, { stripePaymentIntentId: intentId });
  }
  const customerId = await customerOfOrder(db, orders[0]);
  return {
    object: { type: isIntent ? "payment_intent" : "charge", id: paymentId },
    customer: await customerSection(db, customerId),
    orders: orders.map(toOrder),
    subscription: await subscriptionSection(db, customerId),
  };
}

/** The invoice with its payments, and the PaymentIntents that paid it. */
async function invoiceWithPayments(invoiceId: string): Promise<{ invoice: Stripe.Invoice; intentIds: string[] }> {
  let invoice: Stripe.Invoice;
  try {
    invoice = await getStripe().invoices.retrieve(invoiceId, { expand: ["payments"] });
  } catch (error) {
    if (isStripePermissionError(error)) throw error;
    if (isMissingAtStripe(error)) throw new HttpError(404, `Stripe has no invoice ${invoiceId} on this account.`, "invoice_id");
    throw new HttpError(502, "Stripe did not answer while looking up this invoice; try again.");
  }
  const intentIds = (invoice.payments?.data ?? [])
    .map((p) => idOf(p.payment.payment_intent))
    .filter((id): id is string => id !== null);
  return { invoice, intentIds };
}

/** An invoice: its customer's Payport data, with the orders its payments settled first. */
export async function getInvoiceView(invoiceId: string, db: Db = getDb()): Promise<StripeAppView> {
  const { invoice, intentIds } = await invoiceWithPayments(invoiceId);
  const customerId = idOf(invoice.customer);
  const paidByInvoice = intentIds.length ? await findOrders(db, { stripePaymentIntentId: { in: intentIds } }) : [];
  const ofCustomer = customerId ? await findOrders(db, ordersOfCustomer(customerId)) : [];
  const seen = new Set(paidByInvoice.map((o) => o.id));
  const orders = [...paidByInvoice, ...ofCustomer.filter((o) => !seen.has(o.id))];
  return {
    object: { type: "invoice", id: invoiceId },
    customer: await customerSection(db, customerId),
    orders: orders.map(toOrder),
    subscription: await subscriptionSection(db, customerId),
  };
}

/** What the invoice paid for (only the orders its own payments settled): shipping, return window and returns. */
export async function getInvoiceShipping(invoiceId: string, db: Db = getDb()): Promise<StripeAppInvoiceShipping> {
  const { intentIds } = await invoiceWithPayments(invoiceId);
  const orders = intentIds.length ? await listShippingOrders({ stripePaymentIntentId: { in: intentIds } }, db) : [];
  return { invoiceId, returnWindowDays: getReturnWindowDays(), orders };
}
