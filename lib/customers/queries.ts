// Customers for admins: accounts (User rows with the customer role) with their
// Stripe customer id, payments, subscriptions and invoices; guests appear through their orders.
import { parseQuery, type QueryParams } from "@/lib/http/query";
import { z } from "zod";
import { keyset } from "@/lib/http/pagination";
import { sortParam, type Sort } from "@/lib/http/sort";
import { toPaymentRow, type PaymentRow } from "@/lib/payments/queries";
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
export type CustomerFilters = z.infer<typeof customerFiltersSchema>;

export const parseCustomerFilters = (params: QueryParams): CustomerFilters => parseQuery(customerFiltersSchema, params);

export type CustomerRow = { id: string; email: string; name: string | null; stripeCustomerId: string | null; createdAt: string; orders: number };

export async function listCustomers(filters: CustomerFilters, cursor: string | null = null, limit = 25): Promise<{ rows: CustomerRow[]; nextCursor: string | null }> {
  const and: object[] = [{ role: "customer" }];
  if (filters.q) {
    const q = filters.q;
    and.push(q.startsWith("cus_") ? { stripeCustomerId: q } : { OR: [{ id: q }, { email: prefixFilter(q.toLowerCase()) }] });
  }
  if (filters.stripe === "yes") and.push({ stripeCustomerId: { not: null } });
  if (filters.stripe === "no") and.push({ stripeCustomerId: null });
  if (filters.paying === "yes") and.push({ orders: { some: { status: { in: ["paid", "refunded"] } } } });
  if (filters.paying === "no") and.push({ orders: { none: { status: { in: ["paid", "refunded"] } } } });
  const keys = keyset(cursor, limit, filters.sort ?? NEWEST_FIRST);
  and.push(keys.where);
  const users = await getDb().user.findMany({
    where: { AND: and },
    orderBy: keys.orderBy,
    take: keys.take,
    select: { id: true, email: true, name: true, stripeCustomerId: true, createdAt: true, _count: { select: { orders: true } } },
  });
  const page = keys.page(users);
  return {
    rows: page.rows.map((u) => ({ id: u.id, email: u.email, name: u.name, stripeCustomerId: u.stripeCustomerId, createdAt: u.createdAt.toISOString(), orders: u._count.orders })),
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

export async function getCustomerDetail(id: string): Promise<CustomerDetail | null> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, stripeCustomerId: true, createdAt: true, role: true } });
  if (!user) return null;
  const orders = await db.order.findMany({
    where: { OR: [{ userId: user.id }, ...(user.stripeCustomerId ? [{ stripeCustomerId: user.stripeCustomerId }] : [])], stripePaymentIntentId: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    include: { disputes: { select: { status: true } } },
  });
  const [subscriptions, invoices] = await Promise.all([
    db.subscription.findMany({
      where: { OR: [{ userId: user.id }, ...(user.stripeCustomerId ? [{ stripeCustomerId: user.stripeCustomerId }] : [])] },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    user.stripeCustomerId
      ? db.invoice.findMany({ where: { stripeCustomerId: user.stripeCustomerId }, orderBy: { stripeCreatedAt: "desc" }, take: 50 })
      : Promise.resolve([]),
  ]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    stripeCustomerId: user.stripeCustomerId,
    createdAt: user.createdAt.toISOString(),
    orders: orders.length,
    payments: orders.map(toPaymentRow),
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
