// Every admin route handler checks the role on the server: a visitor gets 401,
// a customer 403, both with only `{ error }` and no side effects; an admin gets through.
import { beforeAll, describe, expect, it } from "vitest";
import * as auditExport from "@/app/api/admin/audit/export/route";
import * as audit from "@/app/api/admin/audit/route";
import * as customer from "@/app/api/admin/customers/[id]/route";
import * as customers from "@/app/api/admin/customers/route";
import * as eventIgnore from "@/app/api/admin/events/[id]/ignore/route";
import * as eventReplay from "@/app/api/admin/events/[id]/replay/route";
import * as event from "@/app/api/admin/events/[id]/route";
import * as events from "@/app/api/admin/events/route";
import * as paymentRefunds from "@/app/api/admin/payments/[id]/refunds/route";
import * as payment from "@/app/api/admin/payments/[id]/route";
import * as paymentsExport from "@/app/api/admin/payments/export/route";
import * as payments from "@/app/api/admin/payments/route";
import * as refunds from "@/app/api/admin/refunds/route";
import * as reviews from "@/app/api/admin/reviews/route";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { useSignedInAs } from "./helpers/session";
import { buildEvent, uniqueId } from "./helpers/stripe-events";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

beforeAll(() => useLocalStripeEnv());

describe.each(testDatabases())("admin route access on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();
  let ids: { order: string; user: string; event: string };
  let routes: { name: string; method: "GET" | "POST"; handler: Handler; params: Record<string, string>; body?: unknown }[];

  beforeAll(async () => {
    const user = await test.db.user.create({ data: { email: `c.${uniqueId("u")}@example.com` } });
    const order = await test.db.order.create({
      data: { email: "ada@example.com", currency: "usd", amount: 2500, status: "paid", paymentStatus: "succeeded", stripePaymentIntentId: uniqueId("pi"), userId: user.id },
    });
    const evt = buildEvent("charge.succeeded", { id: uniqueId("ch"), object: "charge" });
    await test.db.stripeEvent.create({ data: { id: evt.id, type: evt.type, objectId: "ch_x", created: evt.created, payload: JSON.stringify(evt), status: "failed", lastError: "boom" } });
    ids = { order: order.id, user: user.id, event: evt.id };
    const h = (m: unknown) => m as Handler;
    routes = [
      { name: "GET /api/admin/payments", method: "GET", handler: h(payments.GET), params: {} },
      { name: "GET /api/admin/payments/export", method: "GET", handler: h(paymentsExport.GET), params: {} },
      { name: "GET /api/admin/payments/[id]", method: "GET", handler: h(payment.GET), params: { id: ids.order } },
      { name: "POST /api/admin/payments/[id]/refunds", method: "POST", handler: h(paymentRefunds.POST), params: { id: ids.order }, body: { amount: 100, currency: "usd", reason: "duplicate" } },
      { name: "POST /api/admin/refunds", method: "POST", handler: h(refunds.POST), params: {}, body: { orderId: ids.order, amount: 100, currency: "usd", reason: "duplicate" } },
      { name: "GET /api/admin/customers", method: "GET", handler: h(customers.GET), params: {} },
      { name: "GET /api/admin/customers/[id]", method: "GET", handler: h(customer.GET), params: { id: ids.user } },
      { name: "GET /api/admin/events", method: "GET", handler: h(events.GET), params: {} },
      { name: "GET /api/admin/events/[id]", method: "GET", handler: h(event.GET), params: { id: ids.event } },
      { name: "POST /api/admin/events/[id]/replay", method: "POST", handler: h(eventReplay.POST), params: { id: ids.event } },
      { name: "POST /api/admin/events/[id]/ignore", method: "POST", handler: h(eventIgnore.POST), params: { id: ids.event } },
      { name: "GET /api/admin/reviews", method: "GET", handler: h(reviews.GET), params: {} },
      { name: "GET /api/admin/audit", method: "GET", handler: h(audit.GET), params: {} },
      { name: "GET /api/admin/audit/export", method: "GET", handler: h(auditExport.GET), params: {} },
    ];
  });

  const call = (r: (typeof routes)[number]) =>
    r.handler(
      new Request(`http://payport.test${r.name.split(" ")[1]}`, {
        method: r.method,
        ...(r.method === "POST" && { headers: { "content-type": "application/json" }, body: JSON.stringify(r.body ?? {}) }),
      }),
      { params: Promise.resolve(r.params) },
    );

  async function snapshot() {
    const [refunds, auditRows, evt] = await Promise.all([test.db.refund.count(), test.db.auditLog.count(), test.db.stripeEvent.findUniqueOrThrow({ where: { id: ids.event } })]);
    return { refunds, auditRows, eventStatus: evt.status, attempts: evt.attempts };
  }

  it("a visitor gets 401 and a customer 403 on every admin route, with no data and no changes", async () => {
    const before = await snapshot();
    const customerUser = await test.db.user.findUniqueOrThrow({ where: { id: ids.user } });
    for (const [who, status] of [[null, 401], [customerUser, 403]] as const) {
      signInAs(who);
      for (const route of routes) {
        const res = await call(route);
        expect(res.status, `${route.name} as ${who ? "customer" : "visitor"}`).toBe(status);
        const body = await res.json();
        expect(Object.keys(body), route.name).toEqual(["error"]);
        expect(JSON.stringify(body)).not.toContain("ada@example.com");
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a demoted admin loses access on the next request (the role is read from the database)", async () => {
    const admin = await test.db.user.create({ data: { email: `a.${uniqueId("u")}@example.com`, role: "admin" } });
    signInAs(admin);
    expect((await call(routes[0])).status).toBe(200);
    await test.db.user.update({ where: { id: admin.id }, data: { role: "customer" } });
    expect((await call(routes[0])).status).toBe(403);
  });

  it("an admin reaches every read route", async () => {
    const admin = await test.db.user.create({ data: { email: `a.${uniqueId("u")}@example.com`, role: "admin" } });
    signInAs(admin);
    for (const route of routes.filter((r) => r.method === "GET")) {
      const res = await call(route);
      expect(res.status, route.name).toBe(200);
      await res.text();
    }
  });
});
