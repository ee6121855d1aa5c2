// A customer's account activity from every source, newest first, in one
// keyset-paged timeline (lib/http/pagination.ts): sign-ins and failed sign-ins
// (SignInEvent), portal actions and admin actions (AuditLog: rows filed under
// the customer, or under their orders, subscriptions and disputes), orders,
// refunds and support notes. Each source is read with the same (createdAt, id)
// bound and one row more than the page, then merged: a page costs the same at
// any depth and the cursor is the one every admin list uses.
import { getDb, type Db } from "@/lib/db";
import { PORTAL_ACTIONS } from "@/lib/audit/portal";
import { keyset } from "@/lib/http/pagination";
import { ordersOfCustomer } from "@/lib/stripe-app/queries";
import type { ActivityEntry, StripeAppActivityPage } from "@/stripe-app/src/contract";

export const ACTIVITY_PAGE_SIZE = 25;

// Admin actions with their own wording; any other action shows as its name.
const ADMIN_ACTIONS: Record<string, string> = {
  "refund.create": "Refund issued",
  "subscription.cancel": "Subscription cancelled by an admin",
  "fulfilment.mark_shipped": "Marked shipped",
  "fulfilment.mark_delivered": "Marked delivered",
  "fulfilment.mark_returned": "Marked returned",
  "dispute.evidence": "Dispute evidence submitted",
  "dispute.close": "Dispute accepted",
  "return.record": "Return recorded",
};

// A note added by an admin is audited too; the note itself is the timeline's entry.
const SHOWN_AS_NOTES = ["support_note.add"];

type Keyed = { id: string; createdAt: Date; entry: ActivityEntry };

function parseDetails(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

function auditDetail(action: string, d: Record<string, unknown>): string | null {
  const to = d.to as { plan?: unknown; quantity?: unknown } | undefined;
  const parts: (string | null)[] = [];
  if (action === "portal.plan_change" && to) parts.push(`to ${text(to.plan) ?? "another plan"}${typeof to.quantity === "number" && to.quantity > 1 ? ` × ${to.quantity} seats` : ""}`);
  if (action.endsWith("subscription_cancel") || action === "subscription.cancel") parts.push(d.mode === "period_end" ? "at the end of the period" : d.mode === "now" ? "immediately" : null);
  if (action === "return.record") parts.push(`${d.quantity} × ${text(d.productName) ?? "item"} ${text(d.status) ?? ""}`.trim(), d.outsideWindow ? "outside the return window (override)" : null);
  parts.push(text(d.card), text(d.addon), text(d.trackingNumber), text(d.reason));
  if (d.outcome === "failed") parts.push(`failed${text(d.error) ? `: ${d.error}` : ""}`);
  const shown = parts.filter((p): p is string => Boolean(p));
  return shown.length ? shown.join(" · ") : null;
}

/** One page of the customer's timeline; `cursor` is the previous page's nextCursor. */
export async function getCustomerActivity(customerId: string, cursor: string | null, limit = ACTIVITY_PAGE_SIZE, db: Db = getDb()): Promise<StripeAppActivityPage> {
  const keys = keyset(cursor, limit);
  const ofCustomer = ordersOfCustomer(customerId);
  const [user, orderIds, subscriptionIds, disputeIds] = await Promise.all([
    db.user.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true, email: true } }),
    db.order.findMany({ where: ofCustomer, select: { id: true } }).then((rows) => rows.map((r) => r.id)),
    db.subscription.findMany({ where: { stripeCustomerId: customerId }, select: { id: true } }).then((rows) => rows.map((r) => r.id)),
    db.dispute.findMany({ where: { order: ofCustomer }, select: { id: true } }).then((rows) => rows.map((r) => r.id)),
  ]);
  const page = { orderBy: keys.orderBy, take: keys.take };

  const [signIns, audits, orders, refunds, notes] = await Promise.all([
    user
      ? db.signInEvent.findMany({ where: { AND: [{ OR: [{ userId: user.id }, { email: user.email }] }, keys.where] }, ...page })
      : Promise.resolve([]),
    db.auditLog.findMany({
      where: {
        AND: [
          {
            OR: [
              { targetType: "customer", targetId: customerId },
              ...(orderIds.length ? [{ targetType: "order", targetId: { in: orderIds } }] : []),
              ...(subscriptionIds.length ? [{ targetType: "subscription", targetId: { in: subscriptionIds } }] : []),
              ...(disputeIds.length ? [{ targetType: "dispute", targetId: { in: disputeIds } }] : []),
            ],
          },
          { action: { notIn: SHOWN_AS_NOTES } },
          keys.where,
        ],
      },
      ...page,
    }),
    db.order.findMany({ where: { AND: [ofCustomer, keys.where] }, ...page }),
    db.refund.findMany({ where: { AND: [{ order: ofCustomer }, keys.where] }, ...page }),
    db.supportNote.findMany({ where: { AND: [{ OR: [{ stripeCustomerId: customerId }, { order: ofCustomer }] }, keys.where] }, ...page }),
  ]);

  const entry = (row: { id: string; createdAt: Date }, fields: Omit<ActivityEntry, "id" | "at" | "amount"> & { amount?: ActivityEntry["amount"] }): Keyed => ({
    id: row.id,
    createdAt: row.createdAt,
    entry: { id: row.id, at: row.createdAt.toISOString(), amount: null, ...fields },
  });

  const merged: Keyed[] = [
    ...signIns.map((s) =>
      entry(s, {
        kind: s.outcome === "succeeded" ? "sign_in" : "sign_in_failed",
        title: s.outcome === "succeeded" ? "Signed in" : "Sign-in failed",
        detail: `${s.method === "github" ? "GitHub" : "email and password"}${s.ip ? ` from ${s.ip}` : ""}`,
        actor: s.email,
      }),
    ),
    ...audits.map((a) => {
      const portal = a.action in PORTAL_ACTIONS;
      const title = portal ? PORTAL_ACTIONS[a.action as keyof typeof PORTAL_ACTIONS] : (ADMIN_ACTIONS[a.action] ?? a.action);
      return entry(a, { kind: portal ? "portal" : "admin", title, detail: auditDetail(a.action, parseDetails(a.details)), actor: a.actorEmail });
    }),
    ...orders.map((o) => entry(o, { kind: "order", title: "Order placed", detail: o.status, actor: o.email, amount: { value: o.amount, currency: o.currency } })),
    ...refunds.map((r) =>
      entry(r, { kind: "refund", title: "Refund", detail: [r.status, r.reason].filter(Boolean).join(" · "), actor: null, amount: { value: r.amount, currency: r.currency } }),
    ),
    ...notes.map((n) => entry(n, { kind: "note", title: "Support note", detail: n.body, actor: n.author })),
  ];
  // The order every source was read in: newest first, id breaking ties.
  merged.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const result = keys.page(merged);
  return { customerId, entries: result.rows.map((r) => r.entry), nextCursor: result.nextCursor };
}
