// The admin payments table: one row per order that reached Stripe, filtered
// and searched on the server, paged by keyset on (createdAt, id).
import { parseQuery, type QueryParams } from "@/lib/http/query";
import { z } from "zod";
import { afterCursor, decodeCursor, NEWEST_FIRST, pageOf } from "@/lib/http/pagination";
import { getDb } from "@/lib/db";
import { OPEN_DISPUTE_STATUSES } from "@/lib/disputes/status";
import { PAYMENT_STATUSES, paymentStatusOf, type PaymentStatus } from "@/lib/payments/status";


const yesNo = z.enum(["yes", "no"]).optional();
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are YYYY-MM-DD.")
  .optional();

export const paymentFiltersSchema = z.object({
  status: z.enum(PAYMENT_STATUSES, { error: "Unknown status filter." }).optional(),
  currency: z.string().trim().toLowerCase().regex(/^[a-z]{3}$/, "The currency must be a three-letter ISO code.").optional(),
  from: day,
  to: day,
  refunded: yesNo,
  disputed: yesNo,
  q: z.string().trim().max(200).optional(),
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
  if (q.includes("@")) return { email: { startsWith: q.toLowerCase() } };
  return { OR: [{ id: q }, { email: { startsWith: q.toLowerCase() } }] };
}

export function paymentsWhere(filters: PaymentFilters) {
  const and: object[] = [{ stripePaymentIntentId: { not: null } }];
  if (filters.status) and.push(statusWhere(filters.status));
  if (filters.currency) and.push({ currency: filters.currency });
  if (filters.from) and.push({ createdAt: { gte: new Date(`${filters.from}T00:00:00.000Z`) } });
  if (filters.to) and.push({ createdAt: { lt: new Date(new Date(`${filters.to}T00:00:00.000Z`).getTime() + 86_400_000) } });
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

export async function listPayments(filters: PaymentFilters, cursor: string | null = null, limit = PAGE_SIZE): Promise<{ rows: PaymentRow[]; nextCursor: string | null }> {
  const where = { AND: [paymentsWhere(filters), afterCursor(decodeCursor(cursor))] };
  const orders = await getDb().order.findMany({ where, orderBy: NEWEST_FIRST, take: limit + 1, select: ROW_SELECT });
  const page = pageOf(orders, limit);
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

/** Amounts in CSV are minor units, like Stripe's exports of raw data. */
export function paymentCsvValues(row: PaymentRow): unknown[] {
  return [row.createdAt, row.id, row.status, row.amount, row.amountRefunded, row.currency, row.email, row.cardBrand, row.cardLast4, row.stripePaymentIntentId, row.stripeChargeId];
}

/** Currencies for the filter: those of our prices (orders are priced from them), never a scan of the orders. */
export async function paymentCurrencies(): Promise<string[]> {
  const rows = await getDb().price.groupBy({ by: ["currency"], orderBy: { currency: "asc" } });
  return rows.map((r) => r.currency);
}
