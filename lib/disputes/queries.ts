// Reads for the admin disputes pages: a list paged by keyset on (createdAt, id)
// like the other admin lists (newest first, filterable by status) and one
// dispute with its order, Stripe events and audit trail.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { DISPUTE_STATUSES, OPEN_DISPUTE_STATUSES } from "@/lib/disputes/status";
import { keyset } from "@/lib/http/pagination";
import { sortParam, type Sort } from "@/lib/http/sort";
import { parseQuery, type QueryParams } from "@/lib/http/query";

export const DISPUTES_PAGE_SIZE = 50;

export const listDisputesQuerySchema = z.object({
  /** "open" (every unsettled status), or one Stripe status. */
  status: z.enum(["open", ...DISPUTE_STATUSES], { error: "status must be open or a Stripe dispute status." }).optional(),
  sort: sortParam(["createdAt", "amount"]).optional(),
});

const NEWEST_FIRST: Sort<"createdAt" | "amount"> = { column: "createdAt", direction: "desc" };

export type DisputeFilters = z.output<typeof listDisputesQuerySchema>;

export const parseDisputeFilters = (params: QueryParams): DisputeFilters => parseQuery(listDisputesQuerySchema, params);

export type DisputeListItem = {
  id: string;
  stripeDisputeId: string;
  stripeChargeId: string;
  orderId: string | null;
  email: string | null;
  amount: number;
  currency: string;
  reason: string;
  status: string;
  evidenceDueBy: string | null;
  createdAt: string;
};

type DisputeRow = { id: string; stripeDisputeId: string; stripeChargeId: string; orderId: string | null; amount: number; currency: string; reason: string; status: string; evidenceDueBy: Date | null; createdAt: Date; order: { email: string } | null };

function toListItem(d: DisputeRow): DisputeListItem {
  return {
    id: d.id,
    stripeDisputeId: d.stripeDisputeId,
    stripeChargeId: d.stripeChargeId,
    orderId: d.orderId,
    email: d.order?.email ?? null,
    amount: d.amount,
    currency: d.currency,
    reason: d.reason,
    status: d.status,
    evidenceDueBy: d.evidenceDueBy?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

export async function listDisputes(
  { status, sort }: DisputeFilters,
  cursor: string | null = null,
  limit = DISPUTES_PAGE_SIZE,
): Promise<{ disputes: DisputeListItem[]; nextCursor: string | null }> {
  const keys = keyset(cursor, limit, sort ?? NEWEST_FIRST);
  const page = keys.page(
    await getDb().dispute.findMany({
      where: { AND: [status === "open" ? { status: { in: [...OPEN_DISPUTE_STATUSES] } } : status ? { status } : {}, keys.where] },
      orderBy: keys.orderBy,
      take: keys.take,
      include: { order: { select: { email: true } } },
    }),
  );
  return {
    disputes: page.rows.map(toListItem),
    nextCursor: page.nextCursor,
  };
}

export type DisputeDetail = DisputeListItem & {
  order: { id: string; email: string; amount: number; currency: string; status: string; stripePaymentIntentId: string | null; cardBrand: string | null; cardLast4: string | null } | null;
  events: { id: string; type: string; created: number; status: string }[];
  audit: { id: string; action: string; actorEmail: string; createdAt: string; stripeRequestId: string | null; details: string }[];
};

export async function getDisputeDetail(id: string): Promise<DisputeDetail | null> {
  const db = getDb();
  const d = await db.dispute.findUnique({ where: { id }, include: { order: true } });
  if (!d) return null;
  const [events, audit] = await Promise.all([
    db.stripeEvent.findMany({ where: { objectId: d.stripeDisputeId }, orderBy: [{ created: "desc" }, { receivedAt: "desc" }], take: 100 }),
    db.auditLog.findMany({ where: { targetType: "dispute", targetId: d.id }, orderBy: { createdAt: "desc" }, take: 100 }),
  ]);
  return {
    ...toListItem(d),
    order: d.order && {
      id: d.order.id,
      email: d.order.email,
      amount: d.order.amount,
      currency: d.order.currency,
      status: d.order.status,
      stripePaymentIntentId: d.order.stripePaymentIntentId,
      cardBrand: d.order.cardBrand,
      cardLast4: d.order.cardLast4,
    },
    events: events.map((e) => ({ id: e.id, type: e.type, created: e.created, status: e.status })),
    audit: audit.map((a) => ({ id: a.id, action: a.action, actorEmail: a.actorEmail, createdAt: a.createdAt.toISOString(), stripeRequestId: a.stripeRequestId, details: a.details })),
  };
}
