// The admin payments table: every charge, whatever made it. Its sources are
// orders that reached Stripe (Order rows, every status) and subscription or
// invoice payments (Payment rows, lib/payments/apply). Each source is filtered
// and paged by keyset on (createdAt, id) on its own indexes, and the pages are
// merged newest first, so a page costs one small indexed query per source. A
// new kind of charge (B2B invoices, marketplace charges) is one more source.
import { parseQuery, utcDayParam, withinDays, type QueryParams } from "@/lib/http/query";
import { z } from "zod";
import { keyset, mergeSorted } from "@/lib/http/pagination";
import { sortParam, type Sort } from "@/lib/http/sort";
import { getDb, prefixFilter } from "@/lib/db";
import { OPEN_DISPUTE_STATUSES, isOpenDispute } from "@/lib/disputes/status";
import { PAYMENT_STATUSES, paymentStatusOf, type PaymentStatus } from "@/lib/payments/status";
import { refundableOf, refundBlockedReason, type Refundable } from "@/lib/refunds/rules";
import { formatMajor } from "@/lib/money";
import { toFulfilmentView, type FulfilmentView } from "@/lib/fulfilment/actions";
import { reviewsOfOrder, type ReviewView } from "@/lib/reviews/queries";
import { reviewHoldMessage } from "@/lib/reviews/status";

const yesNo = z.enum(["yes", "no"]).optional();
const day = utcDayParam.optional();

export const paymentFiltersSchema = z.object({
  status: z.enum(PAYMENT_STATUSES, { error: "Unknown status filter." }).optional(),
  currency: z.string().trim().toLowerCase().regex(/^[a-z]{3}$/, "The currency must be a three-letter ISO code.").optional(),
  from: day,
  to: day,
  refunded: yesNo,
  disputed: yesNo,
  source: z.enum(["order", "subscription", "invoice", "charge"], { error: "source must be order, subscription, invoice or charge." }).optional(),
  q: z.string().trim().max(200).optional(),
  sort: sortParam(["createdAt", "amount"]).optional(),
});

export type PaymentFilters = z.infer<typeof paymentFiltersSchema>;

/** Reads filters from a query string; empty values are "no filter". */
export const parsePaymentFilters = (params: QueryParams): PaymentFilters => parseQuery(paymentFiltersSchema, params);

export const PAYMENT_SOURCES = ["order", "subscription", "invoice", "charge"] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

// An open dispute outranks every other status on the badge, so the filters agree with it.
const notDisputed = { disputes: { none: { status: { in: [...OPEN_DISPUTE_STATUSES] } } } };

// Order and Payment share the columns a filter reads (status, amountRefunded, disputes…).
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

const NOTHING = { id: { in: [] as string[] } };

function orderSearchWhere(q: string) {
  if (/^pi_/.test(q)) return { stripePaymentIntentId: q };
  if (/^ch_/.test(q)) return { stripeChargeId: q };
  if (/^cus_/.test(q)) return { stripeCustomerId: q };
  if (/^(in|sub)_/.test(q)) return NOTHING;
  if (q.includes("@")) return { email: prefixFilter(q.toLowerCase()) };
  return { OR: [{ id: q }, { email: prefixFilter(q.toLowerCase()) }] };
}

function chargeSearchWhere(q: string) {
  if (/^pi_/.test(q)) return { stripePaymentIntentId: q };
  if (/^ch_/.test(q)) return { stripeChargeId: q };
  if (/^cus_/.test(q)) return { stripeCustomerId: q };
  if (/^in_/.test(q)) return { stripeInvoiceId: q };
  if (/^sub_/.test(q)) return { stripeSubscriptionId: q };
  if (q.includes("@")) return { email: prefixFilter(q.toLowerCase()) };
  return { OR: [{ id: q }, { email: prefixFilter(q.toLowerCase()) }] };
}

/** The filters every source shares; `search` is the source's own reading of `q`. */
function commonWhere(filters: PaymentFilters, search: (q: string) => object): object[] {
  const and: object[] = [];
  if (filters.status) and.push(statusWhere(filters.status));
  if (filters.currency) and.push({ currency: filters.currency });
  const created = withinDays(filters.from, filters.to);
  if (created) and.push({ createdAt: created });
  if (filters.refunded === "yes") and.push({ amountRefunded: { gt: 0 } });
  if (filters.refunded === "no") and.push({ amountRefunded: 0 });
  if (filters.disputed === "yes") and.push({ disputes: { some: {} } });
  if (filters.disputed === "no") and.push({ disputes: { none: {} } });
  if (filters.q) and.push(search(filters.q));
  return and;
}

export function paymentsWhere(filters: PaymentFilters) {
  return { AND: [{ stripePaymentIntentId: { not: null } }, ...commonWhere(filters, orderSearchWhere)] };
}

function chargePaymentsWhere(filters: PaymentFilters) {
  const and = commonWhere(filters, chargeSearchWhere);
  if (filters.source && filters.source !== "order") and.push({ source: filters.source });
  return { AND: and };
}

export type PaymentRow = {
  id: string;
  source: PaymentSource;
  createdAt: string;
  amount: number;
  amountRefunded: number;
  /** Stripe's processing fee, once its balance transaction is known. */
  fee: number | null;
  currency: string;
  status: PaymentStatus;
  email: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
  /** The order it paid (source order). */
  orderId: string | null;
  stripeInvoiceId: string | null;
  stripeSubscriptionId: string | null;
  stripeCustomerId: string | null;
};

type OrderForRow = {
  id: string;
  createdAt: Date;
  amount: number;
  amountRefunded: number;
  fee: number | null;
  currency: string;
  status: string;
  email: string;
  cardBrand: string | null;
  cardLast4: string | null;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
  stripeCustomerId: string | null;
  disputes: { status: string }[];
};

export function toPaymentRow(order: OrderForRow): PaymentRow {
  return {
    id: order.id,
    source: "order",
    createdAt: order.createdAt.toISOString(),
    amount: order.amount,
    amountRefunded: order.amountRefunded,
    fee: order.fee,
    currency: order.currency,
    status: paymentStatusOf(order),
    email: order.email,
    cardBrand: order.cardBrand,
    cardLast4: order.cardLast4,
    stripePaymentIntentId: order.stripePaymentIntentId,
    stripeChargeId: order.stripeChargeId,
    orderId: order.id,
    stripeInvoiceId: null,
    stripeSubscriptionId: null,
    stripeCustomerId: order.stripeCustomerId,
  };
}

type ChargePaymentForRow = Omit<OrderForRow, "email"> & {
  email: string | null;
  source: string;
  stripeInvoiceId: string | null;
  stripeSubscriptionId: string | null;
};

export function chargePaymentRow(payment: ChargePaymentForRow): PaymentRow {
  return {
    ...toPaymentRow({ ...payment, email: payment.email ?? "" }),
    email: payment.email,
    source: (PAYMENT_SOURCES as readonly string[]).includes(payment.source) ? (payment.source as PaymentSource) : "charge",
    orderId: null,
    stripeInvoiceId: payment.stripeInvoiceId,
    stripeSubscriptionId: payment.stripeSubscriptionId,
  };
}

export const ORDER_ROW_SELECT = {
  id: true,
  createdAt: true,
  amount: true,
  amountRefunded: true,
  fee: true,
  currency: true,
  status: true,
  email: true,
  cardBrand: true,
  cardLast4: true,
  stripePaymentIntentId: true,
  stripeChargeId: true,
  stripeCustomerId: true,
  disputes: { select: { status: true } },
} as const;

export const CHARGE_ROW_SELECT = { ...ORDER_ROW_SELECT, source: true, stripeInvoiceId: true, stripeSubscriptionId: true } as const;

export const PAGE_SIZE = 25;
const NEWEST_FIRST: Sort<"createdAt" | "amount"> = { column: "createdAt", direction: "desc" };

export async function listPayments(filters: PaymentFilters, cursor: string | null = null, limit = PAGE_SIZE): Promise<{ rows: PaymentRow[]; nextCursor: string | null }> {
  const sort = filters.sort ?? NEWEST_FIRST;
  const keys = keyset(cursor, limit, sort);
  const db = getDb();
  const wantOrders = !filters.source || filters.source === "order";
  const wantCharges = filters.source !== "order";
  const [orders, charges] = await Promise.all([
    wantOrders ? db.order.findMany({ where: { AND: [paymentsWhere(filters), keys.where] }, orderBy: keys.orderBy, take: keys.take, select: ORDER_ROW_SELECT }) : [],
    wantCharges ? db.payment.findMany({ where: { AND: [chargePaymentsWhere(filters), keys.where] }, orderBy: keys.orderBy, take: keys.take, select: CHARGE_ROW_SELECT }) : [],
  ]);
  const merged = mergeSorted(
    [
      orders.map((o) => ({ id: o.id, createdAt: o.createdAt, amount: o.amount, row: toPaymentRow(o) })),
      charges.map((p) => ({ id: p.id, createdAt: p.createdAt, amount: p.amount, row: chargePaymentRow(p) })),
    ],
    sort,
  );
  const page = keys.page(merged);
  return { rows: page.rows.map((r) => r.row), nextCursor: page.nextCursor };
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

export const PAYMENT_CSV_HEADER = [
  "created",
  "source",
  "payment_id",
  "order_id",
  "subscription",
  "invoice",
  "status",
  "amount",
  "amount_refunded",
  "fee",
  "currency",
  "email",
  "customer",
  "card_brand",
  "card_last4",
  "payment_intent",
  "charge",
];

/** Amounts in major units of the row's currency ("24.00" USD, "1200" JPY), the currency beside them. */
export function paymentCsvValues(row: PaymentRow): unknown[] {
  return [
    row.createdAt,
    row.source,
    row.id,
    row.orderId,
    row.stripeSubscriptionId,
    row.stripeInvoiceId,
    row.status,
    formatMajor(row.amount, row.currency),
    formatMajor(row.amountRefunded, row.currency),
    row.fee == null ? null : formatMajor(row.fee, row.currency),
    row.currency.toUpperCase(),
    row.email,
    row.stripeCustomerId,
    row.cardBrand,
    row.cardLast4,
    row.stripePaymentIntentId,
    row.stripeChargeId,
  ];
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
  /** Radar's outcome of the successful charge (null before one is mirrored). */
  radar: { riskLevel: string | null; riskScore: number | null; networkStatus: string | null; sellerMessage: string | null; outcomeType: string | null; rule: string | null } | null;
  reviews: ReviewView[];
  /** Why fulfilment waits (an open Radar review), or null. */
  fulfilmentHold: string | null;
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

  const reviews = await reviewsOfOrder(order, db);
  const openReview = reviews.find((r) => r.open);
  const objectIds = [
    order.stripePaymentIntentId,
    order.stripeChargeId,
    ...order.refunds.map((r) => r.stripeRefundId),
    ...order.disputes.map((d) => d.stripeDisputeId),
    ...reviews.map((r) => r.stripeReviewId),
  ].filter(
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
    radar:
      order.outcomeType || order.riskLevel
        ? { riskLevel: order.riskLevel, riskScore: order.riskScore, networkStatus: order.networkStatus, sellerMessage: order.sellerMessage, outcomeType: order.outcomeType, rule: order.radarRule }
        : null,
    reviews,
    fulfilmentHold: openReview ? reviewHoldMessage(order.id, openReview.stripeReviewId) : null,
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

/** A subscription or invoice payment for its admin page: the row, what it paid, who paid, disputes and the Stripe events about it. */
export type ChargePaymentDetail = PaymentRow & {
  paidAt: string;
  refundedAt: string | null;
  riskLevel: string | null;
  invoice: { stripeInvoiceId: string; number: string | null; status: string; total: number; currency: string; hostedInvoiceUrl: string | null; billingReason: string | null } | null;
  subscription: { stripeSubscriptionId: string; status: string } | null;
  /** The admin Customers page of the payer (an account or a guest), when known. */
  customerId: string | null;
  disputes: { id: string; stripeDisputeId: string; amount: number; currency: string; reason: string; status: string; fee: number; open: boolean }[];
  timeline: TimelineEvent[];
};

export async function getChargePaymentDetail(id: string): Promise<ChargePaymentDetail | null> {
  const db = getDb();
  const payment = await db.payment.findUnique({ where: { id }, select: { ...CHARGE_ROW_SELECT, paidAt: true, refundedAt: true, riskLevel: true, disputes: { orderBy: { createdAt: "asc" } } } });
  if (!payment) return null;
  const objectIds = [payment.stripePaymentIntentId, payment.stripeChargeId, payment.stripeInvoiceId, ...payment.disputes.map((d) => d.stripeDisputeId)].filter((v): v is string => !!v);
  const [invoice, subscription, user, guest, events] = await Promise.all([
    payment.stripeInvoiceId ? db.invoice.findUnique({ where: { stripeInvoiceId: payment.stripeInvoiceId } }) : null,
    payment.stripeSubscriptionId ? db.subscription.findUnique({ where: { stripeSubscriptionId: payment.stripeSubscriptionId }, select: { stripeSubscriptionId: true, status: true } }) : null,
    payment.stripeCustomerId ? db.user.findUnique({ where: { stripeCustomerId: payment.stripeCustomerId }, select: { id: true } }) : null,
    payment.email ? db.guestCustomer.findUnique({ where: { email: payment.email }, select: { id: true } }) : null,
    objectIds.length
      ? db.stripeEvent.findMany({
          where: { objectId: { in: objectIds } },
          orderBy: [{ created: "asc" }, { receivedAt: "asc" }],
          take: TIMELINE_LIMIT,
          select: { id: true, type: true, objectId: true, created: true, status: true, receivedAt: true },
        })
      : [],
  ]);
  return {
    ...chargePaymentRow({ ...payment, disputes: payment.disputes }),
    paidAt: payment.paidAt.toISOString(),
    refundedAt: payment.refundedAt?.toISOString() ?? null,
    riskLevel: payment.riskLevel,
    invoice: invoice && {
      stripeInvoiceId: invoice.stripeInvoiceId,
      number: invoice.number,
      status: invoice.status,
      total: invoice.total,
      currency: invoice.currency,
      hostedInvoiceUrl: invoice.hostedInvoiceUrl,
      billingReason: invoice.billingReason,
    },
    subscription,
    customerId: user?.id ?? guest?.id ?? null,
    disputes: payment.disputes.map((d) => ({ id: d.id, stripeDisputeId: d.stripeDisputeId, amount: d.amount, currency: d.currency, reason: d.reason, status: d.status, fee: d.fee, open: isOpenDispute(d.status) })),
    timeline: events.map((e) => ({ ...e, created: new Date(e.created * 1000).toISOString(), receivedAt: e.receivedAt.toISOString() })),
  };
}
