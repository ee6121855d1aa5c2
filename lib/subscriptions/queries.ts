// What a signed-in customer's billing pages read: always scoped to the user
// (their own rows, or rows of their own Stripe customer), from our mirror.
import { getDb, type Db, prefixFilter } from "@/lib/db";
import type { SubscriptionItemSummary } from "@/lib/subscriptions/apply";
import { ENDED_SUBSCRIPTION_STATUSES, SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { z } from "zod";
import { keyset } from "@/lib/http/pagination";
import { sortParam } from "@/lib/http/sort";
import { parseQuery } from "@/lib/http/query";

export type SubscriptionView = {
  id: string;
  stripeSubscriptionId: string;
  stripeCustomerId: string;
  status: string;
  planName: string | null;
  /** Our Price.id and Stripe's for the licensed plan item. */
  priceId: string | null;
  stripePriceId: string | null;
  interval: string | null;
  unitAmount: number | null;
  currency: string | null;
  quantity: number | null;
  items: SubscriptionItemSummary[];
  /** The metered add-on item, if the subscription has one. */
  meteredItemId: string | null;
  meteredStripePriceId: string | null;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  canceledAt: Date | null;
  endedAt: Date | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  trialStart: Date | null;
  trialEnd: Date | null;
  latestInvoiceId: string | null;
  defaultPaymentMethod: string | null;
};

async function ownerFilter(userId: string, db: Db) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { stripeCustomerId: true } });
  return user?.stripeCustomerId ? { OR: [{ userId }, { stripeCustomerId: user.stripeCustomerId }] } : { userId };
}

function parseItems(json: string): SubscriptionItemSummary[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as SubscriptionItemSummary[]) : [];
  } catch {
    return [];
  }
}

type SubscriptionRow = NonNullable<Awaited<ReturnType<Db["subscription"]["findFirst"]>>>;

export async function toSubscriptionView(row: SubscriptionRow, db: Db = getDb()): Promise<SubscriptionView> {
  const items = parseItems(row.items);
  const metered = items.find((item) => item.usageType === "metered") ?? null;
  const price = row.stripePriceId ? await db.price.findUnique({ where: { stripePriceId: row.stripePriceId }, include: { product: true } }) : null;
  return {
    id: row.id,
    stripeSubscriptionId: row.stripeSubscriptionId,
    stripeCustomerId: row.stripeCustomerId,
    status: row.status,
    planName: price?.product.name ?? null,
    priceId: price?.id ?? null,
    stripePriceId: row.stripePriceId,
    interval: price?.interval ?? null,
    unitAmount: price?.unitAmount ?? null,
    currency: price?.currency ?? null,
    quantity: row.quantity,
    items,
    meteredItemId: metered?.id ?? null,
    meteredStripePriceId: metered?.price ?? null,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    cancelAt: row.cancelAt,
    canceledAt: row.canceledAt,
    endedAt: row.endedAt,
    currentPeriodStart: row.currentPeriodStart,
    currentPeriodEnd: row.currentPeriodEnd,
    trialStart: row.trialStart,
    trialEnd: row.trialEnd,
    latestInvoiceId: row.latestInvoiceId,
    defaultPaymentMethod: row.defaultPaymentMethod,
  };
}

/**
 * The user's current subscription: the newest one that has not ended, preferring
 * one that is under way (trialing/active/past_due/unpaid/paused) over an
 * abandoned incomplete one. Null when there is none.
 */
export async function getCurrentSubscription(userId: string, db: Db = getDb()): Promise<SubscriptionView | null> {
  const rows = await db.subscription.findMany({
    where: { AND: [await ownerFilter(userId, db), { status: { notIn: [...ENDED_SUBSCRIPTION_STATUSES] }, endedAt: null }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const row = rows.find((r) => r.status !== "incomplete") ?? rows[0];
  return row ? toSubscriptionView(row, db) : null;
}

/** One of the user's subscriptions by Stripe id, or null when it is not theirs (callers answer 404). */
export async function findUserSubscription(userId: string, stripeSubscriptionId: string, db: Db = getDb()): Promise<SubscriptionView | null> {
  const row = await db.subscription.findFirst({ where: { AND: [await ownerFilter(userId, db), { stripeSubscriptionId }] } });
  return row ? toSubscriptionView(row, db) : null;
}

export type InvoiceView = {
  id: string;
  stripeInvoiceId: string;
  stripeSubscriptionId: string | null;
  number: string | null;
  status: string;
  billingReason: string | null;
  currency: string;
  total: number;
  amountDue: number;
  amountPaid: number;
  amountRemaining: number;
  attemptCount: number;
  nextPaymentAttempt: Date | null;
  hostedInvoiceUrl: string | null;
  invoicePdf: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  createdAt: Date;
};

/** The user's invoices, newest first (drafts are not shown to customers). */
export async function listInvoices(userId: string, db: Db = getDb()): Promise<InvoiceView[]> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { stripeCustomerId: true } });
  if (!user?.stripeCustomerId) return [];
  const rows = await db.invoice.findMany({
    where: { stripeCustomerId: user.stripeCustomerId, status: { not: "draft" } },
    orderBy: [{ stripeCreatedAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  return rows.map((r) => ({
    id: r.id,
    stripeInvoiceId: r.stripeInvoiceId,
    stripeSubscriptionId: r.stripeSubscriptionId,
    number: r.number,
    status: r.status,
    billingReason: r.billingReason,
    currency: r.currency,
    total: r.total,
    amountDue: r.amountDue,
    amountPaid: r.amountPaid,
    amountRemaining: r.amountRemaining,
    attemptCount: r.attemptCount,
    nextPaymentAttempt: r.nextPaymentAttempt,
    hostedInvoiceUrl: r.hostedInvoiceUrl,
    invoicePdf: r.invoicePdf,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    createdAt: r.stripeCreatedAt,
  }));
}

export type PaymentMethodView = {
  id: string;
  stripePaymentMethodId: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  isDefault: boolean;
};

/** The user's saved cards, the default first. */
export async function listPaymentMethods(userId: string, db: Db = getDb()): Promise<PaymentMethodView[]> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { stripeCustomerId: true } });
  if (!user?.stripeCustomerId) return [];
  const rows = await db.paymentMethodSummary.findMany({
    where: { stripeCustomerId: user.stripeCustomerId },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    stripePaymentMethodId: r.stripePaymentMethodId,
    brand: r.brand,
    last4: r.last4,
    expMonth: r.expMonth,
    expYear: r.expYear,
    isDefault: r.isDefault,
  }));
}

// The admin subscriptions table: every mirrored subscription, newest first,
// filtered by status and searched by email, sub_/cus_ id, paged by keyset on
// (createdAt, id) like the payments table.
export const subscriptionFiltersSchema = z.object({
  status: z.enum(SUBSCRIPTION_STATUSES as [string, ...string[]], { error: "Unknown status filter." }).optional(),
  q: z.string().trim().max(200).optional(),
  sort: sortParam(["createdAt"]).optional(),
});

export type SubscriptionFilters = z.infer<typeof subscriptionFiltersSchema>;

export function parseSubscriptionFilters(params: Record<string, string | string[] | undefined>): SubscriptionFilters {
  return parseQuery(subscriptionFiltersSchema, params);
}

function searchWhere(q: string) {
  if (/^sub_/.test(q)) return { stripeSubscriptionId: q };
  if (/^cus_/.test(q)) return { stripeCustomerId: q };
  return { user: { email: prefixFilter(q.toLowerCase()) } };
}

export type AdminSubscriptionRow = {
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
  /** When a scheduled cancellation ends it (cancel_at, or the period end when cancel_at_period_end). */
  cancelAt: string | null;
  currentPeriodEnd: string | null;
  createdAt: string;
};

export const SUBSCRIPTIONS_PAGE_SIZE = 25;

export async function listSubscriptions(filters: SubscriptionFilters, cursor: string | null = null, limit = SUBSCRIPTIONS_PAGE_SIZE): Promise<{ rows: AdminSubscriptionRow[]; nextCursor: string | null }> {
  const db = getDb();
  const keys = keyset(cursor, limit, filters.sort ?? "createdAt");
  const and: object[] = [keys.where];
  if (filters.status) and.push({ status: filters.status });
  if (filters.q) and.push(searchWhere(filters.q));
  const page = keys.page(await db.subscription.findMany({ where: { AND: and }, orderBy: keys.orderBy, take: keys.take, include: { user: { select: { email: true } } } }));
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
        cancelAt: (s.cancelAt ?? (s.cancelAtPeriodEnd ? s.currentPeriodEnd : null))?.toISOString() ?? null,
        currentPeriodEnd: s.currentPeriodEnd?.toISOString() ?? null,
        createdAt: s.createdAt.toISOString(),
      };
    }),
    nextCursor: page.nextCursor,
  };
}
