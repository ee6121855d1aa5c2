// A signed Stripe App request that changes something is accepted once: the
// same Stripe-Signature again, within its 300 s tolerance, is a 409 that
// changes nothing, on every app instance sharing the database. Reads repeat.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as customerRoute } from "@/app/api/stripe-app/customer/route";
import { POST as shipRoute } from "@/app/api/stripe-app/mark-shipped/route";
import { POST as notesRoute } from "@/app/api/stripe-app/support-notes/route";
import { createDb, setDb } from "@/lib/db";
import { testDatabases, useTestDatabase } from "../helpers/db";
import { nowSeconds, signatureFor, uniqueId } from "../helpers/stripe-events";
import { appRequest, createOrder, SECRET, snapshot, stripeSignedPayload, useStripeAppEnv } from "./helpers";

beforeAll(() => useStripeAppEnv());

/** One signed request, to be sent as often as a test likes (the same body and Stripe-Signature each time). */
function signedOnce(path: string, extra: Record<string, unknown>, secrets: string[] = [SECRET]) {
  const payload = stripeSignedPayload(extra);
  const t = nowSeconds();
  // During a rotation Stripe sends one v1 per valid secret.
  const header = [`t=${t}`, ...secrets.map((secret) => signatureFor(payload, { secret, timestamp: t }).split(",")[1])].join(",");
  return { payload, header, request: (body = payload, h = header) => appRequest(path, body, h) };
}

describe.each(testDatabases())("Stripe App replays on %s", (kind) => {
  const test = useTestDatabase(kind);
  afterEach(() => {
    setDb(test.db);
    useStripeAppEnv();
  });

  it("support-notes: the same signed request twice → the note once, then 409 with a clear message and nothing changed", async () => {
    const order = await createOrder(test.db, { customerId: uniqueId("cus") });
    const signed = signedOnce("support-notes", { order_id: order.id, body: "Left with the neighbour." });
    const first = await notesRoute(signed.request());
    expect(first.status).toBe(201);
    const before = await snapshot(test.db);

    const again = await notesRoute(signed.request());
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/already received.*fetch a fresh signature/i);
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
    expect(await snapshot(test.db)).toEqual(before);
  });

  it("mark-shipped: a replay is refused however its header or body bytes are respelled, and the fulfilment stays as the first request left it", async () => {
    useStripeAppEnv({ STRIPE_APP_SECRET: "absec_new_modes", STRIPE_APP_SECRET_PREVIOUS: SECRET });
    const order = await createOrder(test.db);
    const signed = signedOnce("mark-shipped", { order_id: order.id, tracking_number: "1Z999AA10123456784" }, ["absec_new_modes", SECRET]);
    expect((await shipRoute(signed.request())).status).toBe(200);
    const before = await snapshot(test.db);

    const [t, v1New, v1Old] = signed.header.split(",");
    const respelled = [
      signed.request(),
      signed.request(signed.payload, `${t},${v1Old}`), // only the previous secret's signature
      signed.request(signed.payload, `${t},${v1New}`),
      signed.request(`  ${signed.payload.replace(/,/g, ", ")}\n`), // same JSON, other bytes
    ];
    for (const request of respelled) {
      const res = await shipRoute(request);
      expect(res.status).toBe(409);
    }
    expect(await snapshot(test.db)).toEqual(before);
  });

  it("a fresh signature for the same change is accepted (the extension signs every request anew)", async () => {
    const order = await createOrder(test.db);
    const body = { order_id: order.id, tracking_number: "FIRST123" };
    const payload = stripeSignedPayload(body);
    expect((await shipRoute(appRequest("mark-shipped", payload, signatureFor(payload, { secret: SECRET, timestamp: nowSeconds() - 5 })))).status).toBe(200);
    expect((await shipRoute(appRequest("mark-shipped", payload, signatureFor(payload, { secret: SECRET, timestamp: nowSeconds() })))).status).toBe(200);
  });

  it("views (no change) may repeat the same signature", async () => {
    const uses = await test.db.stripeAppSignatureUse.count();
    const signed = signedOnce("customer", { customer_id: uniqueId("cus") });
    expect((await customerRoute(signed.request())).status).toBe(200);
    expect((await customerRoute(signed.request())).status).toBe(200);
    expect(await test.db.stripeAppSignatureUse.count()).toBe(uses);
  });

  it("a refused change (unknown order → 404, bad body → 400) uses nothing up: sent again it is refused for the same reason, not 409", async () => {
    const uses = await test.db.stripeAppSignatureUse.count();
    const unknown = signedOnce("mark-shipped", { order_id: "ord_missing_1", tracking_number: "1Z999AA10123456784" });
    expect((await shipRoute(unknown.request())).status).toBe(404);
    expect((await shipRoute(unknown.request())).status).toBe(404);
    const bad = signedOnce("mark-shipped", { order_id: "", tracking_number: "x" });
    expect((await shipRoute(bad.request())).status).toBe(400);
    expect((await shipRoute(bad.request())).status).toBe(400);
    expect(await test.db.stripeAppSignatureUse.count()).toBe(uses);
  });

  it("two app instances on one database: the replay is refused by the other instance; of two concurrent copies exactly one is applied", async () => {
    const other = createDb(test.url);
    try {
      const order = await createOrder(test.db, { customerId: uniqueId("cus") });
      const signed = signedOnce("support-notes", { order_id: order.id, body: "Instance A took it." });
      expect((await notesRoute(signed.request())).status).toBe(201);
      setDb(other);
      expect((await notesRoute(signed.request())).status).toBe(409);

      const racing = signedOnce("support-notes", { order_id: order.id, body: "Sent twice at once." });
      const statuses = await Promise.all([notesRoute(racing.request()), notesRoute(racing.request())]).then((answers) => answers.map((a) => a.status).sort());
      expect(statuses).toEqual([201, 409]);
      expect(await test.db.supportNote.count({ where: { orderId: order.id, body: "Sent twice at once." } })).toBe(1);
    } finally {
      setDb(test.db);
      await other.$disconnect();
    }
  });

  it("used signatures past their tolerance are pruned by the next accepted change", async () => {
    await test.db.stripeAppSignatureUse.create({ data: { key: uniqueId("stale"), expiresAt: new Date(Date.now() - 1_000) } });
    const order = await createOrder(test.db);
    expect((await shipRoute(signedOnce("mark-shipped", { order_id: order.id, tracking_number: "PRUNE123" }).request())).status).toBe(200);
    expect(await test.db.stripeAppSignatureUse.count({ where: { expiresAt: { lt: new Date() } } })).toBe(0);
    expect(await test.db.stripeAppSignatureUse.count()).toBeGreaterThan(0);
  });
});
