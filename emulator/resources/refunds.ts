// Refunds (BEHAVIOR §8.1): full and partial, over-refund rejected, the refund-failure test card.
import type Stripe from "stripe";
import type { Route } from "../core/context.ts";
import { invalidRequest, validationError } from "../core/errors.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { createdFilter, int, listParams, mergeMetadata, metadata, oneOf, str, bool } from "../core/params.ts";
import { createBalanceTransaction } from "./charges.ts";
import { closeDispute, type DisputeObject } from "./dispute_lifecycle.ts";
import { testCardOf } from "./payment_methods.ts";
import { closeReviewOfCharge } from "./reviews.ts";
import { applyUpdate, load, reference, retrieveRoute, storeUpdate } from "./shared.ts";

/** Disputes that took the funds: Stripe refuses refunds on those charges (`charge_disputed`). */
const CHARGEBACK_OPEN = ["needs_response", "under_review", "lost"];

function money(amount: number, currency: string): string {
  return `${currency === "usd" ? "$" : ""}${(amount / 100).toFixed(2)}${currency === "usd" ? "" : ` ${currency}`}`;
}

export const refundRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/refunds",
    schema: {
      charge: str(),
      payment_intent: str(),
      amount: int(),
      reason: oneOf("duplicate", "fraudulent", "requested_by_customer"),
      metadata: metadata(),
      instructions_email: str(),
      refund_application_fee: bool(),
      reverse_transfer: bool(),
    },
    handler(ctx) {
      const p = ctx.params;
      if (!p.charge && !p.payment_intent)
        throw validationError("One of the following params should be provided for this request: payment_intent or charge.", "charge", "parameter_missing");
      let charge: Stripe.Charge | undefined;
      if (p.payment_intent) {
        const pi = reference<Stripe.PaymentIntent>(ctx, "payment_intents", p.payment_intent, "payment_intent", "payment_intent");
        if (pi.status !== "succeeded" || !pi.latest_charge)
          throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, { param: "payment_intent" });
        charge = load<Stripe.Charge>(ctx, "charges", pi.latest_charge as string, "charge");
        if (p.charge && p.charge !== charge.id)
          throw invalidRequest("The charge and payment_intent parameters refer to different payments.", { param: "charge" });
      } else charge = reference<Stripe.Charge>(ctx, "charges", p.charge, "charge", "charge");
      if (charge.status !== "succeeded" || !charge.captured)
        throw invalidRequest(`Charge ${charge.id} has not been captured and cannot be refunded.`, { param: "charge" });
      const chargeback = ctx.emu.store
        .all<DisputeObject>("disputes")
        .find((d) => d.charge === charge.id && CHARGEBACK_OPEN.includes(d.status));
      if (chargeback)
        throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { code: "charge_disputed", param: "charge" });
      const remaining = charge.amount_captured - charge.amount_refunded;
      if (remaining <= 0)
        throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded", param: "charge" });
      const amount = p.amount ?? remaining;
      if (amount < 1) throw validationError("This value must be greater than or equal to 1.", "amount", "parameter_invalid_integer");
      if (amount > remaining)
        throw invalidRequest(
          `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(remaining, charge.currency)})`,
          { code: "amount_too_large", param: "amount" },
        );
      const refund: Stripe.Refund = {
        id: newId("re"),
        object: "refund",
        amount,
        balance_transaction: null,
        charge: charge.id,
        created: nowSeconds(),
        currency: charge.currency,
        customer: charge.customer as string | null,
        customer_account: null,
        destination_details: { card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" }, type: "card" },
        metadata: mergeMetadata({}, p.metadata),
        payment_intent: charge.payment_intent,
        payment_method: charge.payment_method,
        reason: p.reason ?? null,
        receipt_number: null,
        source_transfer_reversal: null,
        status: "succeeded",
        transfer_reversal: null,
      };
      refund.balance_transaction = createBalanceTransaction(ctx.emu, refund.id, -amount, charge.currency, "refund", "refund", false).id;
      const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount_captured;
      ctx.emu.store.put("refunds", refund);
      ctx.emu.store.put("charges", charge);
      ctx.emu.emit("refund.created", refund, ctx);
      ctx.emu.emit("charge.refunded", charge, ctx, previous);
      // Refunding a payment under review closes the review (docs.stripe.com/radar/reviews).
      closeReviewOfCharge(ctx.emu, charge.id, p.reason === "fraudulent" ? "refunded_as_fraud" : "refunded", ctx);
      // A full refund settles an open inquiry (no funds were withdrawn for it).
      if (charge.refunded) {
        for (const inquiry of ctx.emu.store.all<DisputeObject>("disputes")) {
          if (inquiry.charge === charge.id && inquiry.status.startsWith("warning_") && inquiry.status !== "warning_closed")
            closeDispute(ctx.emu, inquiry, "warning_closed", ctx);
        }
      }
      const pm = ctx.emu.store.get<Stripe.PaymentMethod>("payment_methods", charge.payment_method as string);
      if (pm && testCardOf(ctx, pm).behavior.kind === "refund_fail") {
        const emu = ctx.emu;
        emu.later(() => {
          const r = emu.store.get<Stripe.Refund>("refunds", refund.id);
          const c = emu.store.get<Stripe.Charge>("charges", charge.id);
          if (!r || !c || r.status !== "succeeded") return;
          r.status = "failed";
          c.amount_refunded -= r.amount;
          c.refunded = c.amount_refunded === c.amount_captured && c.amount_captured > 0;
          emu.store.put("refunds", r);
          emu.store.put("charges", c);
          emu.emit("refund.updated", r, null, { status: "succeeded" });
          emu.emit("refund.failed", r, null);
        });
      }
      return refund;
    },
  },
  retrieveRoute("/v1/refunds/:id", "refunds", "refund"),
  {
    method: "POST",
    path: "/v1/refunds/:id",
    schema: { metadata: metadata() },
    handler(ctx) {
      const refund = load<Stripe.Refund>(ctx, "refunds", ctx.path.id, "refund");
      const previous = applyUpdate(refund, { metadata: mergeMetadata(refund.metadata ?? {}, ctx.params.metadata) });
      return storeUpdate(ctx, "refunds", refund, "refund.updated", previous);
    },
  },
  {
    method: "POST",
    path: "/v1/refunds/:id/cancel",
    schema: {},
    handler(ctx) {
      const refund = load<Stripe.Refund>(ctx, "refunds", ctx.path.id, "refund");
      if (refund.status !== "requires_action")
        throw invalidRequest(`You can only cancel a refund with a status of requires_action. This refund has a status of ${refund.status}.`);
      return refund;
    },
  },
  {
    method: "GET",
    path: "/v1/refunds",
    schema: { ...listParams, charge: str(), payment_intent: str(), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<Stripe.Refund>("refunds")
        .filter((r) => (!p.charge || r.charge === p.charge) && (!p.payment_intent || r.payment_intent === p.payment_intent) && matchesCreated(r.created, p.created));
      return paginate(items, p, "/v1/refunds");
    },
  },
];
