// One payment for the admin detail page: amounts, customer, lines, card and
// risk, refunds, disputes, fulfilment, and the timeline of Stripe events.
import { refundableOf, refundBlockedReason, type Refundable } from "@/lib/refunds/rules";
import { getDb } from "@/lib/db";
import { toFulfilmentView, type FulfilmentView } from "@/lib/fulfilment/actions";
import { isOpenDispute } from "@/lib/disputes/status";
import { paymentStatusOf, type PaymentStatus } from "@/lib/payments/status";

export type TimelineEvent = { id: string; type: string; objectId: string | null; created: string; status: string; receivedAt: string };

export type PaymentDetail = {
  id: string;
  createdAt: string;
  paidAt: string | null;
  email: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  status: PaymentStatus;
  orderStatus: string;
  paymentStatus: string | null;
  lastPaymentError: string | null;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
  stripeCustomerId: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  riskLevel: string | null;
  customer: { userId: string; email: string; name: string | null } | null;
  lines: { id: string; productName: string; unitAmount: number; quantity: number; amount: number }[];
  refunds: { id: string; stripeRefundId: string | null; amount: number; currency: string; status: string; reason: string | null; failureReason: string | null; createdAt: string }[];
  disputes: { id: string; stripeDisputeId: string; amount: number; currency: string; reason: string; status: string; evidenceDueBy: string | null; open: boolean }[];
  fulfilment: FulfilmentView;
  refundable: Refundable;
  /** Why a refund is not offered, or null when it is. */
  refundBlockedReason: string | null;
  timeline: TimelineEvent[];
};

const TIMELINE_LIMIT = 200;
const PAYLOAD_MATCH_WINDOW_MS = 86_400_000;

export async function getPaymentDetail(orderId: string): Promise<PaymentDetail | null> {
  const db = getDb();
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: {
      lines: true,
      refunds: { orderBy: { createdAt: "asc" } },
      disputes: { orderBy: { createdAt: "asc" } },
      fulfilment: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  if (!order) return null;

  const objectIds = [order.stripePaymentIntentId, order.stripeChargeId, ...order.refunds.map((r) => r.stripeRefundId), ...order.disputes.map((d) => d.stripeDisputeId)].filter(
    (id): id is string => !!id,
  );
  const matchers: object[] = [];
  if (objectIds.length) matchers.push({ objectId: { in: objectIds } });
  // Events about objects we never stored an id for (declined attempts' charges, a charge before
  // charge.succeeded was applied) name the intent in their payload. Bounded to the day after
  // checkout, through the (status, receivedAt) index, so a big ledger is never scanned whole.
  if (order.stripePaymentIntentId)
    matchers.push({
      status: { in: ["received", "processed", "failed", "ignored"] },
      receivedAt: { gte: new Date(order.createdAt.getTime() - 60_000), lte: new Date(order.createdAt.getTime() + PAYLOAD_MATCH_WINDOW_MS) },
      payload: { contains: `"${order.stripePaymentIntentId}"` },
    });
  const events = matchers.length
    ? await db.stripeEvent.findMany({
        where: { OR: matchers },
        orderBy: [{ created: "asc" }, { receivedAt: "asc" }],
        take: TIMELINE_LIMIT,
        select: { id: true, type: true, objectId: true, created: true, status: true, receivedAt: true },
      })
    : [];

  const status = paymentStatusOf(order);
  const refundable = refundableOf(order, order.refunds);
  const refundBlocked = refundBlockedReason(order);

  return {
    id: order.id,
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    email: order.email,
    amount: order.amount,
    amountRefunded: order.amountRefunded,
    currency: order.currency,
    status,
    orderStatus: order.status,
    paymentStatus: order.paymentStatus,
    lastPaymentError: order.lastPaymentError,
    stripePaymentIntentId: order.stripePaymentIntentId,
    stripeChargeId: order.stripeChargeId,
    stripeCustomerId: order.stripeCustomerId,
    cardBrand: order.cardBrand,
    cardLast4: order.cardLast4,
    riskLevel: order.riskLevel,
    customer: order.user ? { userId: order.user.id, email: order.user.email, name: order.user.name } : null,
    lines: order.lines.map((l) => ({ id: l.id, productName: l.productName, unitAmount: l.unitAmount, quantity: l.quantity, amount: l.amount })),
    refunds: order.refunds.map((r) => ({
      id: r.id,
      stripeRefundId: r.stripeRefundId,
      amount: r.amount,
      currency: r.currency,
      status: r.status,
      reason: r.reason,
      failureReason: r.failureReason,
      createdAt: r.createdAt.toISOString(),
    })),
    disputes: order.disputes.map((d) => ({
      id: d.id,
      stripeDisputeId: d.stripeDisputeId,
      amount: d.amount,
      currency: d.currency,
      reason: d.reason,
      status: d.status,
      evidenceDueBy: d.evidenceDueBy?.toISOString() ?? null,
      open: isOpenDispute(d.status),
    })),
    fulfilment: toFulfilmentView(order.fulfilment),
    refundable,
    refundBlockedReason: refundBlocked,
    timeline: events.map((e) => ({ ...e, created: new Date(e.created * 1000).toISOString(), receivedAt: e.receivedAt.toISOString() })),
  };
}
