// The admin subscriptions table: every mirrored subscription, newest first,
// filtered by status and searched by email, sub_/cus_ id, paged by keyset on
// (createdAt, id) like the payments table.
import { z } from "zod";
import { afterCursor, decodeCursor, NEWEST_FIRST, pageOf } from "@/lib/http/pagination";
import { SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { getDb } from "@/lib/db";
import { parseQuery } from "@/lib/http/query";

export const subscriptionFiltersSchema = z.object({
  status: z.enum(SUBSCRIPTION_STATUSES as [string, ...string[]], { error: "Unknown status filter." }).optional(),
  q: z.string().trim().max(200).optional(),
});

export type SubscriptionFilters = z.infer<typeof subscriptionFiltersSchema>;

export function parseSubscriptionFilters(params: Record<string, string | string[] | undefined>): SubscriptionFilters {
  return parseQuery(subscriptionFiltersSchema, params);
}

function searchWhere(q: string) {
  if (/^sub_/.test(q)) return { stripeSubscriptionId: q };
  if (/^cus_/.test(q)) return { stripeCustomerId: q };
  return { user: { email: { startsWith: q.toLowerCase() } } };
}

export type SubscriptionRow = {
  id: string;
  stripeSubscriptionId: string;
  stripeCustomerId: string;
  status: string;
  userId: string | null;
  email: string | null;
  plan: string | null;
  /** The licensed price per interval × quantity, in the minor unit. */
  amount: number | null;
  currency: string | null;
  interval: string | null;
  quantity: number | null;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string | null;
  createdAt: string;
};

export const SUBSCRIPTIONS_PAGE_SIZE = 25;

export async function listSubscriptions(filters: SubscriptionFilters, cursor: string | null = null, limit = SUBSCRIPTIONS_PAGE_SIZE): Promise<{ rows: SubscriptionRow[]; nextCursor: string | null }> {
  const db = getDb();
  const and: object[] = [afterCursor(decodeCursor(cursor))];
  if (filters.status) and.push({ status: filters.status });
  if (filters.q) and.push(searchWhere(filters.q));
  const subs = await db.subscription.findMany({ where: { AND: and }, orderBy: NEWEST_FIRST, take: limit + 1, include: { user: { select: { email: true } } } });
  const page = pageOf(subs, limit);
  const priceIds = [...new Set(page.rows.map((s) => s.stripePriceId).filter((id): id is string => !!id))];
  const prices = new Map(
    (await db.price.findMany({ where: { stripePriceId: { in: priceIds } }, include: { product: { select: { name: true } } } })).map((p) => [p.stripePriceId, p]),
  );
  return {
    rows: page.rows.map((s) => {
      const price = s.stripePriceId ? prices.get(s.stripePriceId) : undefined;
      return {
        id: s.id,
        stripeSubscriptionId: s.stripeSubscriptionId,
        stripeCustomerId: s.stripeCustomerId,
        status: s.status,
        userId: s.userId,
        email: s.user?.email ?? null,
        plan: price?.product.name ?? null,
        amount: price ? price.unitAmount * (s.quantity ?? 1) : null,
        currency: price?.currency ?? null,
        interval: price?.interval ? (price.intervalCount && price.intervalCount > 1 ? `${price.intervalCount} ${price.interval}s` : price.interval) : null,
        quantity: s.quantity,
        cancelAtPeriodEnd: s.cancelAtPeriodEnd,
        currentPeriodEnd: s.currentPeriodEnd?.toISOString() ?? null,
        createdAt: s.createdAt.toISOString(),
      };
    }),
    nextCursor: page.nextCursor,
  };
}
