// Customers for admins: accounts (User rows with the customer role) with their
// Stripe customer id and their payments; guests appear through their orders.
import { z } from "zod";
import { afterCursor, decodeCursor, NEWEST_FIRST, pageOf } from "@/lib/admin/cursor";
import { toPaymentRow, type PaymentRow } from "@/lib/admin/payments/list-payments";
import { getDb } from "@/lib/db";
import { HttpError } from "@/lib/http/errors";

export const customerFiltersSchema = z.object({
  q: z.string().trim().max(200).optional(),
  /** yes: has a Stripe customer; no: not (yet) */
  stripe: z.enum(["yes", "no"]).optional(),
  /** yes: has at least one paid order */
  paying: z.enum(["yes", "no"]).optional(),
});
export type CustomerFilters = z.infer<typeof customerFiltersSchema>;

export function parseCustomerFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): CustomerFilters {
  const raw: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  for (const [key, value] of entries) if (typeof value === "string" && value.trim() !== "" && key in customerFiltersSchema.shape) raw[key] = value;
  const parsed = customerFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, issue.message, issue.path.join("."));
  }
  return parsed.data;
}

export type CustomerRow = { id: string; email: string; name: string | null; stripeCustomerId: string | null; createdAt: string; orders: number };

export async function listCustomers(filters: CustomerFilters, cursor: string | null = null, limit = 25): Promise<{ rows: CustomerRow[]; nextCursor: string | null }> {
  const and: object[] = [{ role: "customer" }];
  if (filters.q) {
    const q = filters.q;
    and.push(q.startsWith("cus_") ? { stripeCustomerId: q } : { OR: [{ id: q }, { email: { startsWith: q.toLowerCase() } }] });
  }
  if (filters.stripe === "yes") and.push({ stripeCustomerId: { not: null } });
  if (filters.stripe === "no") and.push({ stripeCustomerId: null });
  if (filters.paying === "yes") and.push({ orders: { some: { status: { in: ["paid", "refunded"] } } } });
  if (filters.paying === "no") and.push({ orders: { none: { status: { in: ["paid", "refunded"] } } } });
  and.push(afterCursor(decodeCursor(cursor)));
  const users = await getDb().user.findMany({
    where: { AND: and },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: { id: true, email: true, name: true, stripeCustomerId: true, createdAt: true, _count: { select: { orders: true } } },
  });
  const page = pageOf(users, limit);
  return {
    rows: page.rows.map((u) => ({ id: u.id, email: u.email, name: u.name, stripeCustomerId: u.stripeCustomerId, createdAt: u.createdAt.toISOString(), orders: u._count.orders })),
    nextCursor: page.nextCursor,
  };
}

export type CustomerDetail = CustomerRow & { payments: PaymentRow[] };

export async function getCustomerDetail(id: string): Promise<CustomerDetail | null> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, stripeCustomerId: true, createdAt: true, role: true } });
  if (!user) return null;
  const orders = await db.order.findMany({
    where: { OR: [{ userId: user.id }, ...(user.stripeCustomerId ? [{ stripeCustomerId: user.stripeCustomerId }] : [])], stripePaymentIntentId: { not: null } },
    orderBy: NEWEST_FIRST,
    take: 200,
    include: { disputes: { select: { status: true } } },
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    stripeCustomerId: user.stripeCustomerId,
    createdAt: user.createdAt.toISOString(),
    orders: orders.length,
    payments: orders.map(toPaymentRow),
  };
}
