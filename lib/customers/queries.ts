// Customers for admins: accounts (User rows with the customer role) and guests
// who paid without one (GuestCustomer, by email), each with their payments of
// every source (orders, subscription and invoice payments) and totals per currency.
import { parseQuery, type QueryParams } from "@/lib/http/query";
import { z } from "zod";
import { keyset, mergeSorted } from "@/lib/http/pagination";
import { sortParam, type Sort } from "@/lib/http/sort";
import { CHARGE_ROW_SELECT, chargePaymentRow, ORDER_ROW_SELECT, toPaymentRow, type PaymentRow } from "@/lib/payments/queries";
import { getDb, prefixFilter } from "@/lib/db";

export const customerFiltersSchema = z.object({
  q: z.string().trim().max(200).optional(),
  /** yes: has a Stripe customer; no: not (yet) */
  stripe: z.enum(["yes", "no"]).optional(),
  /** yes: has at least one paid order */
  paying: z.enum(["yes", "no"]).optional(),
  sort: sortParam(["createdAt", "email"]).optional(),
});

const NEWEST_FIRST: Sort<"createdAt" | "email"> = { column: "createdAt", direction: "desc" };
const NEWEST_FIRST_BY_TIME: Sort<"createdAt"> = { column: "createdAt", direction: "desc" };
export type CustomerFilters = z.infer<typeof customerFiltersSchema>;

export const parseCustomerFilters = (params: QueryParams): CustomerFilters => parseQuery(customerFiltersSchema, params);

/** What a customer paid in one currency: succeeded payments of every source (refunds not deducted). */
export type CurrencyTotal = { currency: string; count: number; amount: number };

export type CustomerRow = {
  id: string;
  /** account: a User who signed up; guest: someone who paid without an account (by email). */
  kind: "account" | "guest";
  email: string;
  name: string | null;
  stripeCustomerId: string | null;
  createdAt: string;
  /** Orders placed (any status). */
  orders: number;
  /** Succeeded payments of every source, and their total per currency. */
  paymentsCount: number;
  totals: CurrencyTotal[];
};

const PAID_ORDER = { status: { in: ["paid", "refunded"] } };

function addTotal(map: Map<string, Map<string, CurrencyTotal>>, key: string | null, currency: string, count: number, amount: number | null) {
  if (!key) return;
  let byCurrency = map.get(key);
  if (!byCurrency) map.set(key, (byCurrency = new Map()));
  const t = byCurrency.get(currency) ?? { currency, count: 0, amount: 0 };
  t.count += count;
  t.amount += amount ?? 0;
  byCurrency.set(currency, t);
}

function totalsOf(map: Map<string, Map<string, CurrencyTotal>>, ...keys: (string | null)[]): CurrencyTotal[] {
  const merged = new Map<string, CurrencyTotal>();
  for (const key of keys)
    for (const t of key ? (map.get(key)?.values() ?? []) : []) {
      const sum = merged.get(t.currency) ?? { currency: t.currency, count: 0, amount: 0 };
      merged.set(t.currency, { currency: t.currency, count: sum.count + t.count, amount: sum.amount + t.amount });
    }
  return [...merged.values()].sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
}

/** Payments count and totals per currency for a page of accounts and guests: four grouped, indexed queries. */
async function paymentTotals(accounts: { id: string; stripeCustomerId: string | null }[], guestEmails: string[]) {
  const db = getDb();
  const customerIds = accounts.map((a) => a.stripeCustomerId).filter((c): c is string => !!c);
  const sum = { _sum: { amount: true }, _count: { _all: true } } as const;
  const [byUser, byCustomer, byGuestOrder, byGuestPayment] = await Promise.all([
    accounts.length ? db.order.groupBy({ by: ["userId", "currency"], where: { userId: { in: accounts.map((a) => a.id) }, ...PAID_ORDER }, ...sum }) : [],
    customerIds.length ? db.payment.groupBy({ by: ["stripeCustomerId", "currency"], where: { stripeCustomerId: { in: customerIds } }, ...sum }) : [],
    guestEmails.length ? db.order.groupBy({ by: ["email", "currency"], where: { email: { in: guestEmails }, userId: null, ...PAID_ORDER }, ...sum }) : [],
    guestEmails.length ? db.payment.groupBy({ by: ["email", "currency"], where: { email: { in: guestEmails } }, ...sum }) : [],
  ]);
  const map = new Map<string, Map<string, CurrencyTotal>>();
  for (const g of byUser) addTotal(map, g.userId && `user:${g.userId}`, g.currency, g._count._all, g._sum.amount);
  for (const g of byCustomer) addTotal(map, g.stripeCustomerId && `cus:${g.stripeCustomerId}`, g.currency, g._count._all, g._sum.amount);
  for (const g of byGuestOrder) addTotal(map, `email:${g.email}`, g.currency, g._count._all, g._sum.amount);
  for (const g of byGuestPayment) addTotal(map, g.email && `email:${g.email}`, g.currency, g._count._all, g._sum.amount);
  return map;
}

function withTotals(map: Map<string, Map<string, CurrencyTotal>>, row: Omit<CustomerRow, "paymentsCount" | "totals">): CustomerRow {
  const totals =
    row.kind === "account" ? totalsOf(map, `user:${row.id}`, row.stripeCustomerId && `cus:${row.stripeCustomerId}`) : totalsOf(map, `email:${row.email}`);
  return { ...row, paymentsCount: totals.reduce((n, t) => n + t.count, 0), totals };
}

/** Accounts and guests, newest first, each source paged by keyset on its own indexes and merged. */
export async function listCustomers(filters: CustomerFilters, cursor: string | null = null, limit = 25): Promise<{ rows: CustomerRow[]; nextCursor: string | null }> {
  const db = getDb();
  const sort = filters.sort ?? NEWEST_FIRST;
  const keys = keyset(cursor, limit, sort);
  const users: object[] = [{ role: "customer" }];
  const guests: object[] = [];
  if (filters.q) {
    const q = filters.q;
    const match = q.startsWith("cus_") ? { stripeCustomerId: q } : { OR: [{ id: q }, { email: prefixFilter(q.toLowerCase()) }] };
    users.push(match);
    guests.push(match);
  }
  if (filters.stripe === "yes") [users, guests].forEach((w) => w.push({ stripeCustomerId: { not: null } }));
  if (filters.stripe === "no") [users, guests].forEach((w) => w.push({ stripeCustomerId: null }));
  if (filters.paying === "yes") users.push({ orders: { some: PAID_ORDER } });
  if (filters.paying === "no") users.push({ orders: { none: PAID_ORDER } });
  // A guest is known from a payment: "has not paid" holds no guest.
  const wantGuests = filters.paying !== "no";
  const [accounts, guestRows] = await Promise.all([
    db.user.findMany({
      where: { AND: [...users, keys.where] },
      orderBy: keys.orderBy,
      take: keys.take,
      select: { id: true, email: true, name: true, stripeCustomerId: true, createdAt: true },
    }),
    wantGuests ? db.guestCustomer.findMany({ where: { AND: [...guests, keys.where] }, orderBy: keys.orderBy, take: keys.take }) : [],
  ]);
  const page = keys.page(
    mergeSorted<"createdAt" | "email", { id: string; createdAt: Date; email: string; row: Omit<CustomerRow, "paymentsCount" | "totals"> }>([
      accounts.map((u) => ({ id: u.id, createdAt: u.createdAt, email: u.email, row: { id: u.id, kind: "account", email: u.email, name: u.name, stripeCustomerId: u.stripeCustomerId, createdAt: u.createdAt.toISOString(), orders: 0 } })),
      guestRows.map((g) => ({ id: g.id, createdAt: g.createdAt, email: g.email, row: { id: g.id, kind: "guest", email: g.email, name: null, stripeCustomerId: g.stripeCustomerId, createdAt: g.createdAt.toISOString(), orders: 0 } })),
    ], sort),
  );
  const rows = page.rows.map((r) => r.row);
  const guestEmails = rows.filter((r) => r.kind === "guest").map((r) => r.email);
  const accountIds = rows.filter((r) => r.kind === "account").map((r) => r.id);
  // Order counts for the page only: a relation _count would aggregate every order.
  const [totals, accountOrders, guestOrders] = await Promise.all([
    paymentTotals(rows.filter((r) => r.kind === "account"), guestEmails),
    accountIds.length ? db.order.groupBy({ by: ["userId"], where: { userId: { in: accountIds } }, _count: { _all: true } }) : [],
    guestEmails.length ? db.order.groupBy({ by: ["email"], where: { email: { in: guestEmails }, userId: null, stripePaymentIntentId: { not: null } }, _count: { _all: true } }) : [],
  ]);
  const ordersOf = new Map<string, number>([...accountOrders.map((g) => [`account:${g.userId}`, g._count._all] as const), ...guestOrders.map((g) => [`guest:${g.email}`, g._count._all] as const)]);
  return {
    rows: rows.map((r) => withTotals(totals, { ...r, orders: ordersOf.get(r.kind === "guest" ? `guest:${r.email}` : `account:${r.id}`) ?? 0 })),
    nextCursor: page.nextCursor,
  };
}

export type CustomerSubscription = {
  stripeSubscriptionId: string;
  status: string;
  stripePriceId: string | null;
  quantity: number | null;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string | null;
  createdAt: string;
};

export type CustomerInvoice = {
  stripeInvoiceId: string;
  number: string | null;
  status: string;
  currency: string;
  total: number;
  amountPaid: number;
  amountRemaining: number;
  hostedInvoiceUrl: string | null;
  stripeCreatedAt: string;
};

export type CustomerDetail = CustomerRow & { payments: PaymentRow[]; subscriptions: CustomerSubscription[]; invoices: CustomerInvoice[] };

const DETAIL_PAYMENTS = 200;

/** An account's or a guest's page: every payment of every source, subscriptions and invoices. */
export async function getCustomerDetail(id: string): Promise<CustomerDetail | null> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, stripeCustomerId: true, createdAt: true } });
  const guest = user ? null : await db.guestCustomer.findUnique({ where: { id } });
  if (!user && !guest) return null;
  const stripeCustomerId = user?.stripeCustomerId ?? guest?.stripeCustomerId ?? null;
  const byCustomer = stripeCustomerId ? [{ stripeCustomerId }] : [];
  const orderWhere = user ? { OR: [{ userId: user.id }, ...byCustomer] } : { email: guest!.email, userId: null };
  const paymentWhere = user ? { OR: [...byCustomer, { email: user.email }] } : { OR: [{ email: guest!.email }, ...byCustomer] };
  const newest = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  const [orders, charges, subscriptions, invoices] = await Promise.all([
    db.order.findMany({ where: { ...orderWhere, stripePaymentIntentId: { not: null } }, orderBy: newest, take: DETAIL_PAYMENTS, select: ORDER_ROW_SELECT }),
    db.payment.findMany({ where: paymentWhere, orderBy: newest, take: DETAIL_PAYMENTS, select: CHARGE_ROW_SELECT }),
    db.subscription.findMany({ where: user ? { OR: [{ userId: user.id }, ...byCustomer] } : stripeCustomerId ? { stripeCustomerId } : NO_ROWS, orderBy: { createdAt: "desc" }, take: 50 }),
    stripeCustomerId ? db.invoice.findMany({ where: { stripeCustomerId }, orderBy: { stripeCreatedAt: "desc" }, take: 50 }) : Promise.resolve([]),
  ]);
  const payments = mergeSorted(
    [
      orders.map((o) => ({ id: o.id, createdAt: o.createdAt, row: toPaymentRow(o) })),
      charges.map((p) => ({ id: p.id, createdAt: p.createdAt, row: chargePaymentRow(p) })),
    ],
    NEWEST_FIRST_BY_TIME,
  )
    .slice(0, DETAIL_PAYMENTS)
    .map((r) => r.row);
  const totals = new Map<string, Map<string, CurrencyTotal>>();
  for (const p of payments) if (["succeeded", "partially_refunded", "refunded", "disputed"].includes(p.status)) addTotal(totals, "all", p.currency, 1, p.amount);
  const sums = totalsOf(totals, "all");
  const base = user
    ? { id: user.id, kind: "account" as const, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() }
    : { id: guest!.id, kind: "guest" as const, email: guest!.email, name: null, createdAt: guest!.createdAt.toISOString() };
  return {
    ...base,
    stripeCustomerId,
    orders: orders.length,
    paymentsCount: sums.reduce((n, t) => n + t.count, 0),
    totals: sums,
    payments,
    subscriptions: subscriptions.map((sub) => ({
      stripeSubscriptionId: sub.stripeSubscriptionId,
      status: sub.status,
      stripePriceId: sub.stripePriceId,
      quantity: sub.quantity,
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
      currentPeriodEnd: sub.currentPeriodEnd?.toISOString() ?? null,
      createdAt: sub.createdAt.toISOString(),
    })),
    invoices: invoices.map((inv) => ({
      stripeInvoiceId: inv.stripeInvoiceId,
      number: inv.number,
      status: inv.status,
      currency: inv.currency,
      total: inv.total,
      amountPaid: inv.amountPaid,
      amountRemaining: inv.amountRemaining,
      hostedInvoiceUrl: inv.hostedInvoiceUrl,
      stripeCreatedAt: inv.stripeCreatedAt.toISOString(),
    })),
  };
}

const NO_ROWS = { id: { in: [] as string[] } };
