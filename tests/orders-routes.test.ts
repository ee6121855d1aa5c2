// GET /api/orders/{id} (polling fallback) and GET /api/orders/{id}/events (SSE).
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOrder } from "@/app/api/orders/[id]/route";
import { GET as getOrderEvents } from "@/app/api/orders/[id]/events/route";
import { applyPaymentIntent } from "@/lib/orders/apply";
import { getPublicOrderView } from "@/lib/orders/queries";
import { liveBus, publish, subscriberCount } from "@/lib/live/bus";
import { streamOrderEvents } from "@/lib/orders/live-stream";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { sseReader } from "./helpers/sse";
import { buildPaymentIntent, nowSeconds, uniqueId } from "./helpers/stripe-events";

beforeAll(() => useLocalStripeEnv());

const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe.each(testDatabases())("order routes on %s", (kind) => {
  const test = useTestDatabase(kind);

  async function newOrder() {
    const product = await test.db.product.create({ data: { stripeProductId: uniqueId("prod"), name: "Enamel Mug" } });
    const price = await test.db.price.create({ data: { stripePriceId: uniqueId("price"), productId: product.id, currency: "usd", unitAmount: 1400 } });
    return test.db.order.create({
      data: {
        email: "ada@example.com",
        currency: "usd",
        amount: 2800,
        stripePaymentIntentId: uniqueId("pi"),
        lines: { create: [{ priceId: price.id, productName: "Enamel Mug", unitAmount: 1400, quantity: 2, amount: 2800 }] },
      },
    });
  }

  it("GET /api/orders/{id} returns the order without the email or Stripe ids", async () => {
    const order = await newOrder();
    const res = await getOrder(new Request(`http://t/api/orders/${order.id}`), params(order.id));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      id: order.id,
      status: "pending",
      state: "pending",
      paymentStatus: null,
      amount: 2800,
      currency: "usd",
      amountRefunded: 0,
      lastPaymentError: null,
      lines: [{ productName: "Enamel Mug", unitAmount: 1400, quantity: 2, amount: 2800 }],
    });
  });

  it("unknown order → 404 JSON on both routes", async () => {
    for (const handler of [getOrder, getOrderEvents]) {
      const res = await handler(new Request("http://t/api/orders/nope"), params("nope"));
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { message: "Order not found." } });
    }
  });

  it("the event stream sends the state at once, then the change when a payment is applied, and stops on abort", async () => {
    const order = await newOrder();
    const abort = new AbortController();
    const res = await getOrderEvents(new Request(`http://t/api/orders/${order.id}/events`, { signal: abort.signal }), params(order.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const sse = sseReader(res.body!);
    expect(await sse.nextStatus()).toMatchObject({ id: order.id, status: "pending" });
    expect(subscriberCount(`order:${order.id}`)).toBe(1);

    const pi = buildPaymentIntent({ id: order.stripePaymentIntentId!, amount: 2800, status: "succeeded" });
    await applyPaymentIntent(pi, nowSeconds());
    // Published on the live bus (in-process on SQLite, NOTIFY/LISTEN on PostgreSQL).
    expect(await sse.nextStatus(1_500)).toMatchObject({ status: "paid", paymentStatus: "succeeded" });
    expect(sse.raw()).not.toContain("email");

    abort.abort();
    expect(await sse.closed()).toBe(true);
    expect(subscriberCount(`order:${order.id}`)).toBe(0);
  });

  it("the stream re-reads only when the bus says so: a silent write is not sent, the next publish sends the latest state", async () => {
    const order = await newOrder();
    const abort = new AbortController();
    const initial = (await getPublicOrderView(order.id))!;
    const sse = sseReader(streamOrderEvents(order.id, initial, abort.signal, { heartbeatMs: 20 }));
    expect(await sse.nextStatus()).toMatchObject({ status: "pending" });
    // Let the stream settle: its LISTEN is up and its connect-time re-read is done.
    await liveBus().listening();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Written without publishing (as no code path should): no timer notices it.
    await test.db.order.update({ where: { id: order.id }, data: { status: "processing", paymentStatus: "processing" } });
    await expect(sse.nextStatus(600)).rejects.toThrow(/no status event/);
    await publish(`order:${order.id}`);
    expect(await sse.nextStatus(2_000)).toMatchObject({ status: "processing" });
    abort.abort();
  });

  it("several changes in a burst are coalesced and the stream ends on the latest state", async () => {
    const order = await newOrder();
    const abort = new AbortController();
    const initial = (await getPublicOrderView(order.id))!;
    const sse = sseReader(streamOrderEvents(order.id, initial, abort.signal, { heartbeatMs: 60_000 }));
    expect(await sse.nextStatus()).toMatchObject({ status: "pending" });
    for (const status of ["processing", "requires_action", "failed"]) {
      await test.db.order.update({ where: { id: order.id }, data: { status } });
      void publish(`order:${order.id}`);
    }
    let last = await sse.nextStatus(2_000);
    while (last.status !== "failed") last = await sse.nextStatus(2_000);
    await expect(sse.nextStatus(400)).rejects.toThrow(/no status event/);
    abort.abort();
  });

  it("heartbeat comments keep the connection alive", async () => {
    const order = await newOrder();
    const abort = new AbortController();
    const initial = (await getPublicOrderView(order.id))!;
    const stream = streamOrderEvents(order.id, initial, abort.signal, { heartbeatMs: 20 });
    const reader = stream.getReader();
    let text = "";
    while (!text.includes(": heartbeat")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain("retry: 2000");
    abort.abort();
  });
});
