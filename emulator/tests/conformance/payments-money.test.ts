// Conformance of charges, refunds, disputes and balance transactions: what a payment leaves
// behind, refunded, disputed (in every status the control API offers) and settled.
import type Stripe from "stripe";
import { expect, it } from "vitest";
import { RETURN_URL, controlStep, describeConformance, eventually, stripeError } from "./target.ts";

const run = `conf${Date.now().toString(36)}`;

const DISPUTE_STATUSES: Stripe.Dispute.Status[] = [
  "warning_needs_response", "warning_under_review", "warning_closed", "needs_response", "under_review",
  "won", "lost", "appeal_needs_response", "appeal_under_review", "prevented",
];

describeConformance("charges, refunds, disputes, balance transactions", (t) => {
  const pay = (payment_method: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
    t().stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method, confirm: true, return_url: RETURN_URL, metadata: { run }, ...extra });
  const disputeOf = (pi: Stripe.PaymentIntent, expand?: string[]) =>
    eventually(async () => (await t().stripe.disputes.list({ payment_intent: pi.id, expand })).data[0]);
  const settle = () => new Promise((resolve) => setTimeout(resolve, t().emulated ? 60 : 3000));

  it("charges: retrieve, update, list, search, expansions, includable refunds", async () => {
    const { stripe } = t();
    const customer = await stripe.customers.create({ email: `ch+${run}@example.com` });
    const pi = await pay("pm_card_visa", { customer: customer.id });
    await settle();
    const chargeId = pi.latest_charge as string;
    const charge = await stripe.charges.retrieve(chargeId, { expand: ["balance_transaction", "customer", "payment_intent", "refunds"] });
    expect(charge.status).toBe("succeeded");
    await stripe.charges.update(chargeId, { description: "Order 7", metadata: { run }, receipt_email: `ch+${run}@example.com` });
    await stripe.charges.list({ customer: customer.id, expand: ["data.customer", "data.balance_transaction"] });
    await stripe.charges.list({ payment_intent: pi.id });
    await stripe.charges.search({ query: `metadata['run']:'${run}'` });
    const txnId = await eventually(async () => ((await stripe.charges.retrieve(chargeId)).balance_transaction as string | null) ?? undefined);
    const txn = await stripe.balanceTransactions.retrieve(txnId);
    expect(txn.object).toBe("balance_transaction");
    // A declined attempt leaves a failed charge.
    const declined = await stripeError(pay("pm_card_visa_chargeDeclinedInsufficientFunds"));
    await stripe.charges.retrieve(declined.raw.charge as string);
    expect((await stripeError(stripe.charges.retrieve("ch_doesnotexist00000"))).statusCode).toBe(404);
    expect((await stripeError(stripe.balanceTransactions.retrieve("txn_doesnotexist0000"))).statusCode).toBe(404);
  });

  it("refunds: partial, full, by charge, list, retrieve, update, failed refund, errors", async () => {
    const { stripe } = t();
    const pi = await pay("pm_card_visa");
    const partial = await stripe.refunds.create({ payment_intent: pi.id, amount: 1000, reason: "requested_by_customer", metadata: { run } });
    expect(partial.status).toBe("succeeded");
    const rest = await stripe.refunds.create({ charge: pi.latest_charge as string, expand: ["charge", "balance_transaction"] });
    expect(rest.amount).toBe(4000);
    await stripe.refunds.retrieve(partial.id, { expand: ["payment_intent"] });
    await stripe.refunds.update(partial.id, { metadata: { note: "goodwill" } });
    await stripe.refunds.list({ payment_intent: pi.id, expand: ["data.charge"] });
    await stripe.refunds.list({ limit: 3 });
    await stripe.charges.retrieve(pi.latest_charge as string, { expand: ["refunds"] });
    expect((await stripeError(stripe.refunds.create({ payment_intent: pi.id, amount: 100 }))).statusCode).toBe(400);
    expect((await stripeError(stripe.refunds.cancel(partial.id))).statusCode).toBe(400);
    expect((await stripeError(stripe.refunds.retrieve("re_doesnotexist00000"))).statusCode).toBe(404);
    const failing = await pay("pm_card_refundFail");
    const doomed = await stripe.refunds.create({ payment_intent: failing.id });
    await settle();
    await stripe.refunds.retrieve(doomed.id);
    // Canceling a held payment releases it (no refund object).
    const held = await pay("pm_card_visa", { capture_method: "manual" });
    await stripe.paymentIntents.cancel(held.id);
    await stripe.charges.retrieve(held.latest_charge as string);
  });

  it("disputes from test cards: retrieve, list, update with evidence, submit, close", async () => {
    const { stripe } = t();
    const disputed = await pay("pm_card_createDispute");
    const dispute = await disputeOf(disputed, ["data.charge"]);
    expect(dispute.status).toBe("needs_response");
    await stripe.disputes.retrieve(dispute.id, { expand: ["charge", "payment_intent"] });
    await stripe.disputes.update(dispute.id, { evidence: { customer_name: "Ada", product_description: "A shirt" }, metadata: { run }, submit: false });
    const submitted = await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" }, submit: true });
    expect(submitted.status).toBe("under_review");
    const lost = await pay("pm_card_createDisputeProductNotReceived");
    const toClose = await disputeOf(lost);
    // A refund on a charge under an open chargeback is refused.
    expect((await stripeError(stripe.refunds.create({ payment_intent: lost.id }))).statusCode).toBe(400);
    expect((await stripe.disputes.close(toClose.id)).status).toBe("lost");
    expect((await stripeError(stripe.disputes.update(toClose.id, { evidence: { customer_name: "late" }, submit: false }))).statusCode).toBe(400);
    const inquiry = await pay("pm_card_createDisputeInquiry");
    await stripe.disputes.retrieve((await disputeOf(inquiry)).id);
    // 4000 0004 0400 0038 is known from third-party code only; Stripe may not have the template.
    if (t().emulated) await stripe.disputes.retrieve((await disputeOf(await pay("pm_card_createCe3EligibleDispute"))).id);
    else t().skip("pm_card_createCe3EligibleDispute (template not documented by Stripe)");
    await stripe.disputes.list({ limit: 10 });
    await settle();
    await stripe.charges.retrieve(disputed.latest_charge as string, { expand: ["balance_transaction"] });
    expect((await stripeError(stripe.disputes.retrieve("du_doesnotexist00000"))).statusCode).toBe(404);
  });

  it("disputes opened and moved through the control API in every status", async () => {
    const { stripe } = t();
    for (const status of DISPUTE_STATUSES) {
      const pi = await pay("pm_card_visa");
      const dispute = await controlStep<Stripe.Dispute>(t(), `open a dispute in ${status}`, "/_emulator/disputes", { payment_intent: pi.id, status, reason: "product_unacceptable" });
      if (dispute) {
        expect(dispute.status).toBe(status);
        await stripe.disputes.retrieve(dispute.id, { expand: ["charge"] });
        for (const txn of dispute.balance_transactions) await stripe.balanceTransactions.retrieve(txn.id);
      }
    }
    const pi = await pay("pm_card_visa");
    const opened = await controlStep<Stripe.Dispute>(t(), "open an inquiry", "/_emulator/disputes", { payment_intent: pi.id, inquiry: true });
    for (const status of ["warning_under_review", "needs_response", "under_review", "lost", "appeal_needs_response", "appeal_under_review", "won"] as const)
      await controlStep(t(), `move a dispute to ${status}`, `/_emulator/disputes/${opened?.id}/status`, { status });
    if (opened) {
      await stripe.disputes.retrieve(opened.id);
      await stripe.charges.retrieve(pi.latest_charge as string, { expand: ["balance_transaction"] });
    }
  });
});
