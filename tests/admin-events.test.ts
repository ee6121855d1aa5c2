// The Stripe event ledger for admins: webhook health, filters, replay that
// re-runs the (idempotent) handler and fixes the record, ignore, both audited;
// and the audit trail's filters and CSV export.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as auditExportRoute } from "@/app/api/admin/audit/export/route";
import { GET as auditRoute } from "@/app/api/admin/audit/route";
import { POST as ignoreRoute } from "@/app/api/admin/events/[id]/ignore/route";
import { POST as replayRoute } from "@/app/api/admin/events/[id]/replay/route";
import { GET as eventsRoute } from "@/app/api/admin/events/route";
import { getWebhookHealth, listStripeEvents, percentile } from "@/lib/webhooks/queries";
import { recordAudit } from "@/lib/audit/actions";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { useSignedInAs } from "./helpers/session";
import { buildEvent, nowSeconds, uniqueId } from "./helpers/stripe-events";

beforeAll(() => useLocalStripeEnv());

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (path: string) => new Request(`http://t${path}`, { method: "POST" });

describe.each(testDatabases())("admin events and audit on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();
  let admin: { id: string; email: string };

  beforeAll(async () => {
    admin = await test.db.user.create({ data: { email: `a.${uniqueId("u")}@example.com`, role: "admin" } });
    signInAs(admin);
  });

  async function ledger(type: string, object: { id: string } & Record<string, unknown>, row: { status?: string; handlerMs?: number; created?: number; lastError?: string } = {}) {
    const evt = buildEvent(type as never, object, row.created ?? nowSeconds());
    await test.db.stripeEvent.create({
      data: { id: evt.id, type, objectId: object.id, created: evt.created, payload: JSON.stringify(evt), status: row.status ?? "processed", handlerMs: row.handlerMs, lastError: row.lastError, attempts: 1 },
    });
    return evt;
  }

  it("replaying a failed refund event fixes the order and the ledger row, and is audited", async () => {
    const piId = uniqueId("pi");
    const order = await test.db.order.create({ data: { email: "r@example.com", currency: "usd", amount: 2500, status: "paid", paymentStatus: "succeeded", stripePaymentIntentId: piId } });
    const refund = { id: uniqueId("re"), object: "refund", amount: 2500, currency: "usd", payment_intent: piId, status: "succeeded", metadata: {} };
    const evt = await ledger("refund.created", refund, { status: "failed", lastError: "Error: database was locked" });

    const res = await replayRoute(post(`/api/admin/events/${evt.id}/replay`), params(evt.id));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "processed" });
    expect(await test.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ amountRefunded: 2500, status: "refunded" });
    expect(await test.db.stripeEvent.findUniqueOrThrow({ where: { id: evt.id } })).toMatchObject({ status: "processed", attempts: 2, lastError: null });

    // Idempotent: a second replay changes nothing but the attempt count.
    await replayRoute(post(`/api/admin/events/${evt.id}/replay`), params(evt.id));
    expect(await test.db.refund.count({ where: { orderId: order.id } })).toBe(1);

    const audit = await test.db.auditLog.findMany({ where: { targetId: evt.id } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ action: "event.replay", targetType: "stripe_event", actorEmail: admin.email, actorId: admin.id });
    expect(JSON.parse(audit[0].details)).toMatchObject({ type: "refund.created", previousStatus: "failed", outcome: "processed" });
  });

  it("ignore marks the event and is audited; unknown events are 404", async () => {
    const evt = await ledger("charge.updated", { id: uniqueId("ch") }, { status: "failed", lastError: "boom" });
    const res = await ignoreRoute(post(`/api/admin/events/${evt.id}/ignore`), params(evt.id));
    expect(await res.json()).toEqual({ status: "ignored" });
    expect((await test.db.stripeEvent.findUniqueOrThrow({ where: { id: evt.id } })).status).toBe("ignored");
    expect(await test.db.auditLog.count({ where: { targetId: evt.id, action: "event.ignore" } })).toBe(1);
    expect((await ignoreRoute(post("/api/admin/events/evt_nope/ignore"), params("evt_nope"))).status).toBe(404);
    expect((await replayRoute(post("/api/admin/events/evt_nope/replay"), params("evt_nope"))).status).toBe(404);
  });

  it("webhook health: lag of the oldest waiting event, backlog, failures, dead and unmatched counts, p95 handler time", async () => {
    const before = await getWebhookHealth();
    await ledger("product.updated", { id: uniqueId("prod") });
    const waiting = await ledger("product.updated", { id: uniqueId("prod") }, { status: "received" });
    await ledger("product.updated", { id: uniqueId("prod") }, { status: "failed", lastError: "boom" });
    await ledger("product.updated", { id: uniqueId("prod") }, { status: "dead", lastError: "boom" });
    await ledger("payment_intent.succeeded", { id: uniqueId("pi") }, { status: "unmatched", lastError: "No order yet." });
    const receivedAt = (await test.db.stripeEvent.findUniqueOrThrow({ where: { id: waiting.id } })).receivedAt;
    const oldest = (await test.db.stripeEvent.findFirstOrThrow({ where: { status: "received" }, orderBy: { receivedAt: "asc" } })).receivedAt;
    const health = await getWebhookHealth(new Date(receivedAt.getTime() + 30_000));
    expect(health.lagSeconds).toBe(Math.round((receivedAt.getTime() + 30_000 - oldest.getTime()) / 1000));
    expect(health.lagSeconds).toBeGreaterThanOrEqual(30);
    expect(health.backlog).toBe(before.backlog + 1); // the received one (the others wait for no retry)
    expect(health.failures).toBe(before.failures + 1);
    expect(health.dead).toBe(before.dead + 1);
    expect(health.unmatched).toBe(before.unmatched + 1);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100], 95)).toBe(19);
    expect(percentile([], 95)).toBeNull();
  });

  it("the ledger lists newest first with type and status filters and keyset pages", async () => {
    for (let i = 0; i < 5; i++) await ledger("customer.updated", { id: uniqueId("cus") }, { handlerMs: i });
    const res = await eventsRoute(new Request("http://t/api/admin/events?type=customer.updated"), { params: Promise.resolve({}) });
    const body = await res.json();
    expect(body.rows).toHaveLength(5);
    expect(body.health).toMatchObject({ p95HandlerMs: expect.any(Number) });
    const first = await listStripeEvents({ type: "customer.updated" }, null, 2);
    const second = await listStripeEvents({ type: "customer.updated" }, first.nextCursor, 2);
    const third = await listStripeEvents({ type: "customer.updated" }, second.nextCursor, 2);
    expect(new Set([...first.rows, ...second.rows, ...third.rows].map((r) => r.id)).size).toBe(5);
    expect(third.nextCursor).toBeNull();
    expect((await listStripeEvents({ status: "ignored" })).rows.every((r) => r.status === "ignored")).toBe(true);
  });

  it("other_mode and foreign_account are ledger states the events API filters by and the health panel counts", async () => {
    const before = await getWebhookHealth();
    const otherMode = await ledger("charge.succeeded", { id: uniqueId("ch") }, { status: "other_mode" });
    const foreign = await ledger("charge.succeeded", { id: uniqueId("ch") }, { status: "foreign_account" });
    for (const [status, evt] of [["other_mode", otherMode], ["foreign_account", foreign]] as const) {
      const res = await eventsRoute(new Request(`http://t/api/admin/events?status=${status}`), { params: Promise.resolve({}) });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.rows.map((r: { id: string }) => r.id)).toContain(evt.id);
      expect(body.rows.every((r: { status: string }) => r.status === status)).toBe(true);
    }
    const health = await getWebhookHealth();
    expect(health.otherMode).toBe(before.otherMode + 1);
    expect(health.foreignAccount).toBe(before.foreignAccount + 1);
    expect(health.backlog).toBe(before.backlog);
    expect((await eventsRoute(new Request("http://t/api/admin/events?status=other-mode"), { params: Promise.resolve({}) })).status).toBe(400);
  });

  it("the audit trail filters by action and exports CSV with the Stripe request id", async () => {
    await recordAudit({ actor: admin, action: "refund.create", targetType: "order", targetId: "ord_csv", details: { amount: 100, note: 'says "hi", ok' }, stripeRequestId: "req_123" });
    const res = await auditRoute(new Request("http://t/api/admin/audit?action=refund.create"), { params: Promise.resolve({}) });
    const body = await res.json();
    expect(body.rows.length).toBeGreaterThanOrEqual(1);
    expect(body.rows.every((r: { action: string }) => r.action === "refund.create")).toBe(true);
    const csv = await (await auditExportRoute(new Request("http://t/api/admin/audit/export?targetId=ord_csv"), { params: Promise.resolve({}) })).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("created,actor_email,actor_id,action,target_type,target_id,stripe_request_id,details");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,${admin.email},${admin.id},refund.create,order,ord_csv,req_123,"{""amount"":100,""note"":""says \\""hi\\"", ok""}"`);
  });
});
