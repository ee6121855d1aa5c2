// Disputes in every state Stripe's Dispute.Status names: one meaning per status
// (lib/disputes/status), the same answer from the refund command, the refund
// display, the payments list and the dashboard.
import { beforeEach, describe, expect, it } from "vitest";
import { POST as refundRoute } from "@/app/api/admin/payments/[id]/refunds/route";
import { DISPUTE_STATUSES, isOpenDispute, isRespondable, blocksRefund, OPEN_DISPUTE_STATUSES } from "@/lib/disputes/status";
import { getPaymentDetail } from "@/lib/payments/queries";
import { listPayments } from "@/lib/payments/queries";
import { getDashboard } from "@/lib/reports/dashboard";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useAdminTest } from "./helpers/admin";
import { testDatabases } from "./helpers/db";
import { uniqueId } from "./helpers/stripe-events";

/** Dispute.Status as the pinned SDK declares it, read from its own type declarations. */
function sdkDisputeStatuses(): string[] {
  const file = join(process.cwd(), "node_modules/stripe/cjs/resources/Disputes.d.ts");
  const line = readFileSync(file, "utf8").match(/type Status = ([^;]+);/)![1];
  return [...line.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
}

describe("dispute status meanings", () => {
  it("cover every status the pinned SDK's Dispute.Status names", () => {
    expect([...DISPUTE_STATUSES].sort()).toEqual(sdkDisputeStatuses().sort());
  });

  it("count inquiries and appeals as open and let only a closed dispute allow a refund", () => {
    expect(OPEN_DISPUTE_STATUSES).toEqual(
      expect.arrayContaining(["warning_needs_response", "warning_under_review", "needs_response", "under_review", "appeal_needs_response", "appeal_under_review"]),
    );
    for (const closed of ["warning_closed", "won", "prevented", "lost"]) expect(isOpenDispute(closed)).toBe(false);
    expect(blocksRefund("appeal_under_review")).toBe(true);
    expect(blocksRefund("lost")).toBe(true);
    expect(blocksRefund("won")).toBe(false);
    expect(blocksRefund("warning_closed")).toBe(false);
    expect(isRespondable("appeal_needs_response")).toBe(true);
    expect(isRespondable("appeal_under_review")).toBe(false);
  });
});

const BLOCKING = ["warning_needs_response", "warning_under_review", "under_review", "appeal_needs_response", "appeal_under_review"] as const;

describe.each(testDatabases())("disputes under inquiry or appeal on %s", (kind) => {
  const { test, signInAdmin } = useAdminTest(kind);
  beforeEach(signInAdmin);

  async function paidOrderWithDispute(status: string) {
    // A currency of its own per test keeps the list and dashboard assertions apart from other rows.
    const currency = Array.from({ length: 3 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
    const order = await test.db.order.create({
      data: {
        email: `${uniqueId("buyer")}@example.com`,
        currency,
        amount: 4_000,
        status: "paid",
        paymentStatus: "succeeded",
        paidAt: new Date(),
        stripePaymentIntentId: uniqueId("pi"),
        stripeChargeId: uniqueId("ch"),
      },
    });
    await test.db.dispute.create({
      data: { stripeDisputeId: uniqueId("dp"), orderId: order.id, stripeChargeId: order.stripeChargeId!, amount: 4_000, currency, reason: "fraudulent", status },
    });
    return order;
  }

  it.each(BLOCKING)("a payment whose dispute is %s is refused a refund (409) with nothing written, and shows as disputed everywhere", async (status) => {
    const order = await paidOrderWithDispute(status);

    const res = await refundRoute(
      new Request(`http://payport.test/api/admin/payments/${order.id}/refunds`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ amount: 100, currency: order.currency, reason: "requested_by_customer" }),
      }),
      { params: Promise.resolve({ id: order.id }) },
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/disputed/);
    expect(await test.db.refund.count({ where: { orderId: order.id } })).toBe(0);
    expect(await test.db.auditLog.count({ where: { targetId: order.id } })).toBe(0);

    const detail = await getPaymentDetail(order.id);
    expect(detail?.status).toBe("disputed");
    expect(detail?.refundBlockedReason).toMatch(/disputed/);
    expect(detail?.disputes[0].open).toBe(true);

    const disputed = await listPayments({ status: "disputed", currency: order.currency });
    expect(disputed.rows.map((r) => r.id)).toEqual([order.id]);
    expect((await listPayments({ status: "succeeded", currency: order.currency })).rows).toEqual([]);

    const dashboard = await getDashboard(7);
    expect(dashboard.currencies.find((c) => c.currency === order.currency)?.openDisputes).toEqual({ count: 1, amount: 4_000 });
  });

  it.each(["won", "warning_closed"])("a payment whose dispute is %s can be refunded again and is not counted as disputed", async (status) => {
    const order = await paidOrderWithDispute(status);
    const detail = await getPaymentDetail(order.id);
    expect(detail?.status).toBe("succeeded");
    expect(detail?.refundBlockedReason).toBeNull();
    expect(detail?.disputes[0].open).toBe(false);
  });
});
