// The admin payments table: one row per order that reached Stripe, filtered
// and searched on the server, paged by keyset on (createdAt, id).
import { parseQuery, utcDayParam, withinDays, type QueryParams } from "@/lib/http/query";
import { z } from "zod";
import { keyset } from "@/lib/http/pagination";
import { sortParam, type Sort } from "@/lib/http/sort";
import { getDb, prefixFilter } from "@/lib/db";
import { OPEN_DISPUTE_STATUSES, isOpenDispute } from "@/lib/disputes/status";
import { PAYMENT_STATUSES, paymentStatusOf, type PaymentStatus } from "@/lib/payments/status";
import { refundableOf, refundBlockedReason, type Refundable } from "@/lib/refunds/rules";
import { formatMajor } from "@/lib/money";
import { toFulfilmentView, type FulfilmentView } from "@/lib/fulfilment/actions";

const yesNo = z.enum(["yes", "no"]).optional();
const day = utcDayParam.optional();

export const paymentFiltersSchema = z.object({
  status: z.enum(PAYMENT_STATUSES, { error: "Unknown status filter." }).optional(),
  currency: z.string().trim().toLowerCase().regex(/^[a-z]{3}$/, "The currency must be a three-letter ISO code.").optional(),
  from: day,
  to: day,
  refunded: yesNo,
  disputed: yesNo,
  q: z.string().trim().max(200).optional(),
  sort: sortParam(["createdAt", "amount"]).optional(),
});

export type PaymentFilters = z.infer<typeof paymentFiltersSchema>;

/** Reads filters from a query string; empty values are "no filter". */
export const parsePaymentFilters = (params: QueryParams): PaymentFilters => parseQuery(paymentFiltersSchema, params);

// An open dispute outranks every other status on the badge, so the filters agree with it.
const notDisputed = { disputes: { none: { status: { in: [...OPEN_DISPUTE_STATUSES] } } } };

function statusWhere(status: PaymentStatus) {
  switch (status) {
    case "succeeded":
      return { status: "paid", amountRefunded: 0, ...notDisputed };
    case "partially_refunded":
      return { status: "paid", amountRefunded: { gt: 0 }, ...notDisputed };
    case "refunded":
      return { status: "refunded", ...notDisputed };
    case "disputed":
      return { disputes: { some: { status: { in: [...OPEN_DISPUTE_STATUSES] } } } };
    default:
      return { status };
  }
}

function searchWhere(q: string) {
  if (/^pi_/.test(q)) return { stripePaymentIntentId: q };
  if (/^ch_/.test(q)) return { stripeChargeId: q };
  if (q.includes("@")) return { email: prefixFilter(q.toLowerCase()) };
  return { OR: [{ id: q }, { email: prefixFilter(q.toLowerCase()) }] };
}

export function paymentsWhere(filters: PaymentFilters) {
  const and: object[] = [{ stripePaymentIntentId: { not: null } }];
  if (filters.status) and.push(statusWhere(filters.status));
  if (filters.currency) and.push({ currency: filters.currency });
  const created = withinDays(filters.from, filters.to);
  if (created) and.push({ createdAt: created });
  if (filters.refunded === "yes") and.push({ amountRefunded: { gt: 0 } });
  if (filters.refunded === "no") and.push({ amountRefunded: 0 });
  if (filters.disputed === "yes") and.push({ disputes: { some: {} } });
  if (filters.disputed === "no") and.push({ disputes: { none: {} } });
  if (filters.q) and.push(searchWhere(filters.q));
  return { AND: and };
}

export type PaymentRow = {
  id: string;
  createdAt: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  status: PaymentStatus;
  email: string;
  cardBrand: string | null;
  cardLast4: string | null;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
};

type OrderForRow = {
  id: string;
  createdAt: Date;
  amount: number;
  amountRefunded: number;
  currency: string;
  status: string;
  email: string;
  cardBrand: string | null;
  cardLast4: string | null;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
  disputes: { status: string }[];
};

export function toPaymentRow(order: OrderForRow): PaymentRow {
  return {
    id: order.id,
    createdAt: order.createdAt.toISOString(),
    amount: order.amount,
    amountRefunded: order.amountRefunded,
    currency: order.currency,
    status: paymentStatusOf(order),
    email: order.email,
    cardBrand: order.cardBrand,
    cardLast4: order.cardLast4,
    stripePaymentIntentId: order.stripePaymentIntentId,
    stripeChargeId: order.stripeChargeId,
  };
}

const ROW_SELECT = {
  id: true,
  createdAt: true,
  amount: true,
  amountRefunded: true,
  currency: true,
  status: true,
  email: true,
  cardBrand: true,
  cardLast4: true,
  stripePaymentIntentId: true,
  stripeChargeId: true,
  disputes: { select: { status: true } },
} as const;

export const PAGE_SIZE = 25;
const NEWEST_FIRST: Sort<"createdAt" | "amount"> = { column: "createdAt", direction: "desc" };

export async function listPayments(filters: PaymentFilters, cursor: string | null = null, limit = PAGE_SIZE): Promise<{ rows: PaymentRow[]; nextCursor: string | null }> {
  const keys = keyset(cursor, limit, filters.sort ?? NEWEST_FIRST);
  const page = keys.page(await getDb().order.findMany({ where: { AND: [paymentsWhere(filters), keys.where] }, orderBy: keys.orderBy, take: keys.take, select: ROW_SELECT }));
  return { rows: page.rows.map(toPaymentRow), nextCursor: page.nextCursor };
}

/** Every row of the filtered set, in pages (for the CSV export). */
export async function* allPayments(filters: PaymentFilters, batchSize = 500): AsyncGenerator<PaymentRow[]> {
  let cursor: string | null = null;
  do {
    const page = await listPayments(filters, cursor, batchSize);
    if (page.rows.length) yield page.rows;
    cursor = page.nextCursor;
  } while (cursor);
}

export const PAYMENT_CSV_HEADER = ["created", "order_id", "status", "amount", "amount_refunded", "currency", "email", "card_brand", "card_last4", "payment_intent", "charge"];

/** Amounts in CSV are major units in the row's currency (25.00 USD, 1500 JPY), as a spreadsheet reads them. */
export function paymentCsvValues(row: PaymentRow): unknown[] {
  return [row.createdAt, row.id, row.status, formatMajor(row.amount, row.currency), formatMajor(row.amountRefunded, row.currency), row.currency.toUpperCase(), row.email, row.cardBrand, row.cardLast4, row.stripePaymentIntentId, row.stripeChargeId];
}

/** Currencies for the filter: those of our prices (orders are priced from them), never a scan of the orders. */
export async function paymentCurrencies(): Promise<string[]> {
  const rows = await getDb().price.groupBy({ by: ["currency"], orderBy: { currency: "asc" } });
  return rows.map((r) => r.currency);
}

// One payment for the admin detail page: amounts, customer, lines, card and risk, refunds, disputes, fulfilment, and the timeline of Stripe events.
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
