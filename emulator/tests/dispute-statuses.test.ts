// Disputes created directly in any Dispute.Status through the control API, and moved between
// statuses, with Stripe's events and balance movements.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { RETURN_URL, useTestEmulator } from "./helpers.ts";

const t = useTestEmulator({ asyncDelayMs: 5 });

const ALL_STATUSES: Stripe.Dispute.Status[] = [
  "appeal_needs_response",
  "appeal_under_review",
  "lost",
  "needs_response",
  "prevented",
  "under_review",
  "warning_closed",
  "warning_needs_response",
  "warning_under_review",
  "won",
];

async function paid() {
  return t.stripe.paymentIntents.create({ amount: 5000, currency: "usd", confirm: true, payment_method: "pm_card_visa", return_url: RETURN_URL });
}

async function dispute(body: Record<string, unknown>) {
  const pi = await paid();
  const res = await t.control<Stripe.Dispute>("/_emulator/disputes", { payment_intent: pi.id, ...body });
  expect(res.status).toBe(200);
  return res.body;
}

async function moveTo(id: string, status: string) {
  return t.control<Stripe.Dispute & { error?: { message: string } }>(`/_emulator/disputes/${id}/status`, { status });
}

async function eventTypesFor(objectId: string) {
  const events = await t.stripe.events.list({ limit: 100 });
  return events.data
    .filter((e) => e.type.startsWith("charge.dispute.") && (e.data.object as { id: string }).id === objectId)
    .map((e) => e.type)
    .reverse();
}

describe("control API: disputes in any status", () => {
  it.each(ALL_STATUSES)("POST /_emulator/disputes with status %s creates the dispute in that status", async (status) => {
    const created = await dispute({ status });
    expect(created.status).toBe(status);
    expect((await t.stripe.disputes.retrieve(created.id)).status).toBe(status);
    const inquiry = status.startsWith("warning_");
    expect(created.payment_method_details?.card?.case_type).toBe(inquiry ? "inquiry" : "chargeback");
    expect(created.is_charge_refundable).toBe(inquiry);
  });

  it("an inquiry created as warning_under_review moves no money and emits only charge.dispute.created", async () => {
    const created = await dispute({ status: "warning_under_review" });
    expect(created.balance_transactions).toEqual([]);
    expect(await eventTypesFor(created.id)).toEqual(["charge.dispute.created"]);
  });

  it("a chargeback created as under_review withdraws the amount plus the dispute fee", async () => {
    const created = await dispute({ status: "under_review", reason: "product_not_received" });
    expect(created.reason).toBe("product_not_received");
    expect(created.balance_transactions.map((b) => [b.amount, b.fee])).toEqual([[-5000, 1500]]);
    expect(await eventTypesFor(created.id)).toEqual(["charge.dispute.created", "charge.dispute.funds_withdrawn"]);
  });

  it("a chargeback created as won is withdrawn and reinstated, and reported closed", async () => {
    const created = await dispute({ status: "won" });
    expect(created.balance_transactions.map((b) => b.amount)).toEqual([-5000, 5000]);
    expect(await eventTypesFor(created.id)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.closed",
      "charge.dispute.funds_reinstated",
    ]);
  });

  it("an unknown status, or inquiry contradicting the status, is rejected with 400 and creates nothing", async () => {
    const pi = await paid();
    const unknown = await t.control<{ error: { message: string } }>("/_emulator/disputes", { payment_intent: pi.id, status: "pending" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("warning_needs_response");
    const contradiction = await t.control("/_emulator/disputes", { payment_intent: pi.id, status: "needs_response", inquiry: true });
    expect(contradiction.status).toBe(400);
    expect((await t.stripe.disputes.list({ payment_intent: pi.id })).data).toHaveLength(0);
  });
});

describe("control API: moving a dispute between statuses", () => {
  it("needs_response → under_review → lost → appeal_needs_response → appeal_under_review → won: updated, closed, and funds reinstated once", async () => {
    const created = await dispute({});
    for (const status of ["under_review", "lost", "appeal_needs_response", "appeal_under_review", "won"]) {
      const res = await moveTo(created.id, status);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
    }
    const final = await t.stripe.disputes.retrieve(created.id);
    expect(final.balance_transactions.map((b) => b.amount)).toEqual([-5000, 5000]);
    expect(await eventTypesFor(created.id)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.updated",
      "charge.dispute.closed",
      "charge.dispute.updated",
      "charge.dispute.updated",
      "charge.dispute.closed",
      "charge.dispute.funds_reinstated",
    ]);
    const events = await t.stripe.events.list({ type: "charge.dispute.updated", limit: 1 });
    expect(events.data[0].data.previous_attributes).toEqual({ status: "appeal_needs_response" });
  });

  it("an inquiry closes as warning_closed without moving money", async () => {
    const created = await dispute({ inquiry: true });
    expect((await moveTo(created.id, "warning_under_review")).body.status).toBe("warning_under_review");
    expect((await moveTo(created.id, "warning_closed")).body.status).toBe("warning_closed");
    expect((await t.stripe.disputes.retrieve(created.id)).balance_transactions).toEqual([]);
    expect(await eventTypesFor(created.id)).toEqual(["charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed"]);
  });

  it("an inquiry escalating to needs_response becomes a chargeback and withdraws the funds", async () => {
    const created = await dispute({ inquiry: true });
    const moved = (await moveTo(created.id, "needs_response")).body;
    expect(moved.payment_method_details?.card?.case_type).toBe("chargeback");
    expect(moved.is_charge_refundable).toBe(false);
    expect(moved.balance_transactions.map((b) => b.amount)).toEqual([-5000]);
    expect(await eventTypesFor(created.id)).toEqual(["charge.dispute.created", "charge.dispute.updated", "charge.dispute.funds_withdrawn"]);
  });

  it("prevented closes the dispute", async () => {
    const created = await dispute({ inquiry: true });
    expect((await moveTo(created.id, "prevented")).body.status).toBe("prevented");
    expect(await eventTypesFor(created.id)).toEqual(["charge.dispute.created", "charge.dispute.closed"]);
  });

  it("an unknown dispute is 404; an unknown or unchanged status is 400", async () => {
    expect((await moveTo("du_missing", "won")).status).toBe(404);
    const created = await dispute({});
    expect((await moveTo(created.id, "reversed")).status).toBe(400);
    expect((await moveTo(created.id, "needs_response")).status).toBe(400);
  });
});
