import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { eventually, RETURN_URL, stripeError, useTestEmulator } from "./helpers.ts";

const t = useTestEmulator({ asyncDelayMs: 5 });

async function paid(card = "pm_card_visa", amount = 5000) {
  return t.stripe.paymentIntents.create({ amount, currency: "usd", confirm: true, payment_method: card, return_url: RETURN_URL });
}

async function eventTypesFor(objectId: string, prefix: string) {
  const events = await t.stripe.events.list({ limit: 100 });
  return events.data
    .filter((e) => e.type.startsWith(prefix) && (e.data.object as { id: string }).id === objectId)
    .map((e) => e.type)
    .reverse();
}

describe("refunds", () => {
  it("partial then full refunds update amount_refunded and refunded; over-refund is rejected", async () => {
    const pi = await paid();
    const first = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 1000, reason: "requested_by_customer", metadata: { ticket: "42" } });
    expect(first).toMatchObject({ object: "refund", amount: 1000, status: "succeeded", payment_intent: pi.id, charge: pi.latest_charge, metadata: { ticket: "42" } });
    expect(first.id).toMatch(/^re_/);
    let charge = await t.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({ amount_refunded: 1000, refunded: false });

    const over = await stripeError(t.stripe.refunds.create({ charge: charge.id, amount: 4001 }));
    expect(over).toMatchObject({ statusCode: 400, code: "amount_too_large", param: "amount" });
    expect(over.message).toBe("Refund amount ($40.01) is greater than unrefunded amount on charge ($40.00)");

    const rest = await t.stripe.refunds.create({ charge: charge.id });
    expect(rest.amount).toBe(4000);
    charge = await t.stripe.charges.retrieve(charge.id);
    expect(charge).toMatchObject({ amount_refunded: 5000, refunded: true });
    const already = await stripeError(t.stripe.refunds.create({ charge: charge.id }));
    expect(already.code).toBe("charge_already_refunded");

    const list = await t.stripe.refunds.list({ payment_intent: pi.id });
    expect(list.data.map((r) => r.id)).toEqual([rest.id, first.id]);
    const updated = await t.stripe.refunds.update(first.id, { metadata: { ticket: "", note: "ok" } });
    expect(updated.metadata).toEqual({ note: "ok" });
    expect(await eventTypesFor(first.id, "refund.")).toEqual(["refund.created", "refund.updated"]);
    expect(await eventTypesFor(charge.id, "charge.refunded")).toEqual(["charge.refunded", "charge.refunded"]);
  });

  it("refunding an intent that has not succeeded is rejected", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 5000, currency: "usd" });
    expect((await stripeError(t.stripe.refunds.create({ payment_intent: pi.id }))).statusCode).toBe(400);
    expect((await stripeError(t.stripe.refunds.create({} as Stripe.RefundCreateParams))).code).toBe("parameter_missing");
  });

  it("the refund-failure card: the refund fails asynchronously and the charge is restored", async () => {
    const pi = await paid("pm_card_refundFail");
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id });
    expect(refund.status).toBe("succeeded");
    const failed = await eventually(async () => {
      const r = await t.stripe.refunds.retrieve(refund.id);
      return r.status === "failed" ? r : null;
    });
    expect(failed.status).toBe("failed");
    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({ amount_refunded: 0, refunded: false });
    expect(await eventTypesFor(refund.id, "refund.")).toEqual(["refund.created", "refund.updated", "refund.failed"]);
  });
});

describe("disputes", () => {
  it("the dispute card opens a needs_response dispute after charge.succeeded, with funds withdrawn", async () => {
    const pi = await paid("pm_card_createDispute");
    const disputes = await t.stripe.disputes.list({ payment_intent: pi.id });
    expect(disputes.data).toHaveLength(1);
    const dispute = disputes.data[0];
    expect(dispute).toMatchObject({ object: "dispute", status: "needs_response", reason: "fraudulent", amount: 5000, charge: pi.latest_charge, payment_intent: pi.id });
    expect(dispute.id).toMatch(/^du_/);
    expect(dispute.balance_transactions).toHaveLength(1);
    expect(dispute.balance_transactions[0].amount).toBe(-5000);
    expect((await t.stripe.charges.retrieve(pi.latest_charge as string)).disputed).toBe(true);
    const all = (await t.stripe.events.list({ limit: 100 })).data.reverse().map((e) => e.type);
    const start = all.lastIndexOf("charge.succeeded");
    expect(all.slice(start, start + 4)).toEqual(["charge.succeeded", "payment_intent.succeeded", "charge.dispute.created", "charge.dispute.funds_withdrawn"]);
    const refund = await stripeError(t.stripe.refunds.create({ payment_intent: pi.id }));
    expect(refund.code).toBe("charge_disputed");
  });

  it("winning_evidence wins the dispute and reinstates funds", async () => {
    const pi = await paid("pm_card_createDispute");
    const [dispute] = (await t.stripe.disputes.list({ payment_intent: pi.id })).data;
    const staged = await t.stripe.disputes.update(dispute.id, { evidence: { customer_name: "Ada" }, submit: false });
    expect(staged.status).toBe("needs_response");
    expect(staged.evidence_details.has_evidence).toBe(true);
    expect(staged.evidence_details.submission_count).toBe(0);
    const submitted = await t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" } });
    expect(submitted.status).toBe("under_review");
    expect(submitted.evidence).toMatchObject({ customer_name: "Ada", uncategorized_text: "winning_evidence" });
    expect(submitted.evidence_details.submission_count).toBe(1);
    const won = await eventually(async () => {
      const d = await t.stripe.disputes.retrieve(dispute.id);
      return d.status === "won" ? d : null;
    });
    expect(won.balance_transactions.map((b) => b.amount)).toEqual([-5000, 5000]);
    expect(await eventTypesFor(dispute.id, "charge.dispute.")).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.updated",
      "charge.dispute.updated",
      "charge.dispute.closed",
      "charge.dispute.funds_reinstated",
    ]);
  });

  it("losing_evidence loses; close() accepts the loss; closed disputes take no more evidence", async () => {
    const pi = await paid("pm_card_createDisputeProductNotReceived");
    const [dispute] = (await t.stripe.disputes.list({ payment_intent: pi.id })).data;
    expect(dispute.reason).toBe("product_not_received");
    await t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "losing_evidence" } });
    await eventually(async () => (await t.stripe.disputes.retrieve(dispute.id)).status === "lost");
    const late = await stripeError(t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "more" } }));
    expect(late.statusCode).toBe(400);

    const other = await paid("pm_card_createDispute");
    const [d2] = (await t.stripe.disputes.list({ payment_intent: other.id })).data;
    const closed = await t.stripe.disputes.close(d2.id);
    expect(closed.status).toBe("lost");
    expect(await eventTypesFor(d2.id, "charge.dispute.closed")).toEqual(["charge.dispute.closed"]);
  });

  it("the CE 3.0 card opens a fraudulent chargeback", async () => {
    const pi = await paid("pm_card_createCe3EligibleDispute");
    const [dispute] = (await t.stripe.disputes.list({ payment_intent: pi.id })).data;
    expect(dispute).toMatchObject({ status: "needs_response", reason: "fraudulent" });
  });

  it("the inquiry card opens a warning_needs_response inquiry without moving funds", async () => {
    const pi = await paid("pm_card_createDisputeInquiry");
    const [inquiry] = (await t.stripe.disputes.list({ payment_intent: pi.id })).data;
    expect(inquiry.status).toBe("warning_needs_response");
    expect(inquiry.balance_transactions).toEqual([]);
    expect(inquiry.is_charge_refundable).toBe(true);
    expect(await eventTypesFor(inquiry.id, "charge.dispute.")).toEqual(["charge.dispute.created"]);
    await t.stripe.disputes.update(inquiry.id, { evidence: { uncategorized_text: "anything" } });
    await eventually(async () => (await t.stripe.disputes.retrieve(inquiry.id)).status === "warning_closed");
  });

  it("a full refund closes an open inquiry", async () => {
    const pi = await paid("pm_card_createDisputeInquiry");
    const [inquiry] = (await t.stripe.disputes.list({ payment_intent: pi.id })).data;
    await t.stripe.refunds.create({ payment_intent: pi.id });
    expect((await t.stripe.disputes.retrieve(inquiry.id)).status).toBe("warning_closed");
  });

  it("the control API opens a dispute on any succeeded payment", async () => {
    const pi = await paid();
    const res = await t.control<Stripe.Dispute>("/_emulator/disputes", { payment_intent: pi.id, reason: "duplicate" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: "dispute", reason: "duplicate", status: "needs_response", payment_intent: pi.id });
    expect((await t.stripe.disputes.retrieve(res.body.id)).id).toBe(res.body.id);
  });
});
