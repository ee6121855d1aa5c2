// Reads for the admin review queue: the open reviews, oldest decision first
// is what a reviewer wants, but like every admin list it pages by keyset on
// (createdAt, id), newest first, with the payment's Radar outcome beside it.
import { getDb, type Db } from "@/lib/db";
import type { Review } from "@/lib/generated/sqlite/client";
import { keyset } from "@/lib/http/pagination";

export const REVIEWS_PAGE_SIZE = 50;

export type ReviewView = {
  id: string;
  stripeReviewId: string;
  open: boolean;
  reason: string;
  openedReason: string;
  closedReason: string | null;
  stripeChargeId: string | null;
  stripePaymentIntentId: string | null;
  orderId: string | null;
  openedAt: string;
};

export type ReviewQueueItem = ReviewView & {
  payment: {
    email: string;
    amount: number;
    amountRefunded: number;
    currency: string;
    riskLevel: string | null;
    riskScore: number | null;
    sellerMessage: string | null;
    radarRule: string | null;
    cardBrand: string | null;
    cardLast4: string | null;
  } | null;
};

export function toReviewView(r: Review): ReviewView {
  return {
    id: r.id,
    stripeReviewId: r.stripeReviewId,
    open: r.open,
    reason: r.reason,
    openedReason: r.openedReason,
    closedReason: r.closedReason,
    stripeChargeId: r.stripeChargeId,
    stripePaymentIntentId: r.stripePaymentIntentId,
    orderId: r.orderId,
    openedAt: new Date(r.stripeCreated * 1000).toISOString(),
  };
}

const PAYMENT_FIELDS = {
  email: true,
  amount: true,
  amountRefunded: true,
  currency: true,
  riskLevel: true,
  riskScore: true,
  sellerMessage: true,
  radarRule: true,
  cardBrand: true,
  cardLast4: true,
} as const;

/** The open reviews: the payments waiting for a decision. */
export async function listOpenReviews(cursor: string | null = null, limit = REVIEWS_PAGE_SIZE): Promise<{ reviews: ReviewQueueItem[]; nextCursor: string | null }> {
  const keys = keyset(cursor, limit);
  const page = keys.page(
    await getDb().review.findMany({
      where: { AND: [{ open: true }, keys.where] },
      orderBy: keys.orderBy,
      take: keys.take,
      include: { order: { select: PAYMENT_FIELDS } },
    }),
  );
  return { reviews: page.rows.map((r) => ({ ...toReviewView(r), payment: r.order })), nextCursor: page.nextCursor };
}

/** The reviews of one order, newest first (the payment detail shows them). */
export async function reviewsOfOrder(order: { id: string; stripePaymentIntentId: string | null }, db: Db = getDb()): Promise<ReviewView[]> {
  const rows = await db.review.findMany({
    where: { OR: [{ orderId: order.id }, ...(order.stripePaymentIntentId ? [{ stripePaymentIntentId: order.stripePaymentIntentId }] : [])] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toReviewView);
}
