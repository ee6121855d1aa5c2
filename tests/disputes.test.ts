// Disputes end to end against the emulator: the dispute card opens a dispute
// that the charge.dispute.* webhooks mirror onto the order; admins submit
// evidence or accept it (audited, idempotent); bad input and non-admins
// change nothing; out-of-order deliveries never move a dispute backwards.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/admin/disputes/route";
import { GET as detailRoute } from "@/app/api/admin/disputes/[id]/route";
import { POST as evidenceRoute } from "@/app/api/admin/disputes/[id]/evidence/route";
import { POST as closeRoute } from "@/app/api/admin/disputes/[id]/close/route";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { GET as getPayment } from "@/app/api/admin/payments/[id]/route";
import { POST as refundRoute } from "@/app/api/admin/payments/[id]/refunds/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually, useEmulator } from "./helpers/emulator";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";
import { useSignedInAs } from "./helpers/session";
import { buildEvent, settleStripeEvents, signedWebhookRequest } from "./helpers/stripe-events";

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (body: unknown) =>
  new Request("http://payport.test/api/admin/disputes/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const submissionId = () => `sub_${Math.random().toString(36).slice(2, 12)}`;

describe.each(testDatabases())("disputes on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator({ webhooks: true });
  const signInAs = useSignedInAs();
  let teePrice: string;
  let admin: { id: string };
  let customer: { id: string };

  beforeAll(async () => {
    await seedCatalog();
    teePrice = await priceIdByLookupKey(test.db, "payport_tee_usd");
    admin = await test.db.user.create({ data: { email: `admin-${kind}@example.com`, role: "admin" } });
    customer = await test.db.user.create({ data: { email: `shopper-${kind}@example.com` } });
  });

  async function disputedOrder(paymentMethod = "pm_card_createDispute") {
    const { status, json } = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity: 1 }] });
    expect(status).toBe(201);
    const piId = (json.clientSecret as string).split("_secret_")[0];
    await emu.stripe.paymentIntents.confirm(piId, { payment_method: paymentMethod, return_url: "http://localhost:3000/done" });
    const dispute = await eventually(() => test.db.dispute.findFirst({ where: { orderId: json.orderId } }));
    return { orderId: json.orderId as string, piId, dispute };
  }

  it("the dispute card opens a dispute that the webhooks mirror and link to the order", async () => {
    const { orderId, dispute } = await disputedOrder();
    const order = await test.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { disputes: true } });
    expect(order.disputes).toHaveLength(1);
    expect(dispute).toMatchObject({ status: "needs_response", reason: "fraudulent", amount: 2500, currency: "usd", stripeChargeId: order.stripeChargeId });
    expect(dispute.stripeDisputeId).toMatch(/^du_/);
    expect(dispute.evidenceDueBy!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    signInAs(admin);
    const list = await (await listRoute(new Request("http://payport.test/api/admin/disputes?status=open"))).json();
    expect(list.disputes.map((d: { id: string }) => d.id)).toContain(dispute.id);
    const detail = await (await detailRoute(new Request("http://payport.test/x"), params(dispute.id))).json();
    expect(detail).toMatchObject({ id: dispute.id, status: "needs_response", order: { id: orderId } });
    await eventually(async () => (await (await detailRoute(new Request("http://payport.test/x"), params(dispute.id))).json()).events.length >= 2);
  });

  it("a dispute opened through the emulator's control API is mirrored too", async () => {
    const { status, json } = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity: 1 }] });
    expect(status).toBe(201);
    const piId = (json.clientSecret as string).split("_secret_")[0];
    await emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa", return_url: "http://localhost:3000/done" });
    await eventually(async () => (await test.db.order.findUniqueOrThrow({ where: { id: json.orderId } })).status === "paid");
    await emu.control("/_emulator/disputes", { payment_intent: piId, reason: "product_not_received" });
    const dispute = await eventually(() => test.db.dispute.findFirst({ where: { orderId: json.orderId } }));
    expect(dispute).toMatchObject({ reason: "product_not_received", status: "needs_response" });
  });

  it("a chargeback lost and then appealed is mirrored as open again: the payment shows disputed and a refund is refused with nothing sent", async () => {
    const { status, json } = await postCheckout({ email: "ada@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity: 1 }] });
    expect(status).toBe(201);
    const piId = (json.clientSecret as string).split("_secret_")[0];
    await emu.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa", return_url: "http://localhost:3000/done" });
    await eventually(async () => (await test.db.order.findUniqueOrThrow({ where: { id: json.orderId } })).status === "paid");
    const opened = (await emu.control("/_emulator/disputes", { payment_intent: piId, reason: "fraudulent", status: "lost" })) as { id: string };
    await eventually(async () => (await test.db.dispute.findFirst({ where: { orderId: json.orderId } }))?.status === "lost");
    await emu.control(`/_emulator/disputes/${opened.id}/status`, { status: "appeal_under_review" });
    await eventually(async () => (await test.db.dispute.findFirst({ where: { orderId: json.orderId } }))?.status === "appeal_under_review");

    signInAs(admin);
    const detail = await (await getPayment(new Request("http://payport.test/x"), params(json.orderId))).json();
    expect(detail).toMatchObject({ status: "disputed", refundBlockedReason: expect.stringMatching(/disputed/) });
    const refund = await refundRoute(
      new Request("http://payport.test/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ amount: 100, currency: "usd", reason: "requested_by_customer" }) }),
      params(json.orderId),
    );
    expect(refund.status).toBe(409);
    expect((await emu.stripe.refunds.list({ payment_intent: piId })).data).toEqual([]);
    expect(await test.db.refund.count({ where: { orderId: json.orderId } })).toBe(0);
  });

  it("submitting winning evidence moves the dispute to under review, then won; audited with Stripe's request id", async () => {
    const { dispute } = await disputedOrder();
    signInAs(admin);
    const sub = submissionId();
    const res = await evidenceRoute(post({ evidence: { product_description: "A tee", uncategorized_text: "winning_evidence" }, submissionId: sub }), params(dispute.id));
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("under_review");
    await eventually(async () => (await test.db.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).status === "won");
    const audit = await test.db.auditLog.findFirstOrThrow({ where: { action: "dispute.evidence", targetId: dispute.id } });
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "dispute" });
    expect(audit.stripeRequestId).toMatch(/^req_/);
    expect(JSON.parse(audit.details)).toMatchObject({ submit: true, submissionId: sub, fields: ["product_description", "uncategorized_text"] });
    // The idempotency key is our row + action + submission.
    const requests = (await emu.control("/_emulator/requests")) as { data?: { idempotency_key?: string }[] } | { idempotency_key?: string }[];
    const list = Array.isArray(requests) ? requests : (requests.data ?? []);
    expect(list.some((r) => r.idempotency_key === `payport:dispute:${dispute.id}:evidence:${sub}`)).toBe(true);
  });

  it("accepting a dispute closes it as lost", async () => {
    const { dispute } = await disputedOrder();
    signInAs(admin);
    const res = await closeRoute(post({ submissionId: submissionId() }), params(dispute.id));
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("lost");
    expect((await test.db.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).status).toBe("lost");
    expect(await test.db.auditLog.count({ where: { action: "dispute.close", targetId: dispute.id } })).toBe(1);
    // Closed: neither evidence nor a second accept is sent.
    const again = await closeRoute(post({ submissionId: submissionId() }), params(dispute.id));
    expect(again.status).toBe(409);
  });

  it.each([
    ["no evidence fields", { evidence: {}, submissionId: "sub_12345678" }, "evidence"],
    ["only blank fields", { evidence: { uncategorized_text: "   " }, submissionId: "sub_12345678" }, "evidence"],
    ["an unknown field", { evidence: { favourite_colour: "blue" }, submissionId: "sub_12345678" }, "evidence"],
    ["a non-text field", { evidence: { product_description: 42 }, submissionId: "sub_12345678" }, "evidence.product_description"],
    ["no submission id", { evidence: { product_description: "A tee" } }, "submissionId"],
    ["submit that is not a boolean", { evidence: { product_description: "A tee" }, submit: "yes", submissionId: "sub_12345678" }, "submit"],
  ])("evidence with %s is a 400 and nothing reaches Stripe", async (_name, body, field) => {
    const { dispute } = await disputedOrder();
    signInAs(admin);
    const before = await emu.stripe.disputes.retrieve(dispute.stripeDisputeId);
    const res = await evidenceRoute(post(body), params(dispute.id));
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.message).toBeTruthy();
    expect(json.error.field ?? "").toContain(field);
    const after = await emu.stripe.disputes.retrieve(dispute.stripeDisputeId);
    expect(after.evidence_details.submission_count).toBe(before.evidence_details.submission_count);
    expect(after.status).toBe("needs_response");
    expect(await test.db.auditLog.count({ where: { targetId: dispute.id } })).toBe(0);
  });

  it("malformed JSON is a 400; an unknown dispute is a 404", async () => {
    signInAs(admin);
    const bad = new Request("http://payport.test/x", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect((await evidenceRoute(bad, params("nope"))).status).toBe(400);
    expect((await closeRoute(post({ submissionId: submissionId() }), params("nope"))).status).toBe(404);
    expect((await detailRoute(new Request("http://payport.test/x"), params("nope"))).status).toBe(404);
  });

  it("customers get 403 and visitors 401 from every dispute route, and nothing changes", async () => {
    const { dispute } = await disputedOrder();
    for (const [who, status] of [[customer, 403], [null, 401]] as const) {
      signInAs(who);
      expect((await listRoute(new Request("http://payport.test/api/admin/disputes"))).status).toBe(status);
      expect((await detailRoute(new Request("http://payport.test/x"), params(dispute.id))).status).toBe(status);
      const ev = await evidenceRoute(post({ evidence: { uncategorized_text: "winning_evidence" }, submissionId: submissionId() }), params(dispute.id));
      expect(ev.status).toBe(status);
      expect(JSON.stringify(await ev.json())).not.toContain(dispute.stripeDisputeId);
      expect((await closeRoute(post({ submissionId: submissionId() }), params(dispute.id))).status).toBe(status);
    }
    expect((await emu.stripe.disputes.retrieve(dispute.stripeDisputeId)).status).toBe("needs_response");
    expect(await test.db.auditLog.count({ where: { targetId: dispute.id } })).toBe(0);
  });

  it("out-of-order deliveries: an older or same-second earlier snapshot never undoes a later one", async () => {
    const { dispute } = await disputedOrder();
    const stripeDispute = await emu.stripe.disputes.retrieve(dispute.stripeDisputeId);
    const t = Math.floor(Date.now() / 1000) + 100;
    const deliver = async (type: "charge.dispute.closed" | "charge.dispute.created" | "charge.dispute.updated", status: string, created: number) => {
      const res = await webhookRoute(signedWebhookRequest(buildEvent(type, { ...stripeDispute, status }, created)));
      expect(res.status).toBe(200);
      await settleStripeEvents();
    };
    const status = async () => (await test.db.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).status;
    await deliver("charge.dispute.closed", "won", t);
    await deliver("charge.dispute.updated", "under_review", t - 5);
    expect(await status()).toBe("won");
    await deliver("charge.dispute.created", "needs_response", t);
    expect(await status()).toBe("won");
  });
});
