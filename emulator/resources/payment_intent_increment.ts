// `POST /v1/payment_intents/:id/increment_authorization` (docs.stripe.com/payments/incremental-authorization):
// raises the authorized amount of a `requires_capture` intent whose charge reports
// `incremental_authorization.status: "available"` (requested with
// `payment_method_options[card][request_incremental_authorization]=if_available` and manual capture).
import type Stripe from "stripe";
import type { Route } from "../core/context.ts";
import { invalidRequest, unexpectedState } from "../core/errors.ts";
import { int, mergeMetadata, metadata, openObj, req, str } from "../core/params.ts";
import { load } from "./shared.ts";

export const paymentIntentIncrementRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/payment_intents/:id/increment_authorization",
    schema: { amount: req(int()), description: str(), metadata: metadata(), statement_descriptor: str(22), application_fee_amount: int(), transfer_data: openObj(), amount_details: openObj(), payment_details: openObj(), hooks: openObj() },
    handler(ctx) {
      const pi = load<Stripe.PaymentIntent>(ctx, "payment_intents", ctx.path.id, "payment_intent");
      const p = ctx.params;
      if (pi.status !== "requires_capture")
        throw unexpectedState(
          `This PaymentIntent's amount could not be incremented because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may have its amount incremented: requires_capture.`,
        );
      const charge = load<Stripe.Charge>(ctx, "charges", pi.latest_charge as string, "charge");
      const card = charge.payment_method_details?.card;
      if (card?.incremental_authorization?.status !== "available")
        throw invalidRequest(
          "This PaymentIntent is not eligible for incremental authorization. Create it with `payment_method_options[card][request_incremental_authorization]=if_available` and `capture_method=manual`, and check `latest_charge.payment_method_details.card.incremental_authorization.status`.",
          { code: "payment_intent_unexpected_state" },
        );
      if (p.amount <= pi.amount)
        throw invalidRequest(`The amount (${p.amount}) must be greater than the currently authorized amount (${pi.amount}).`, { param: "amount", code: "parameter_invalid_integer" });
      const previous = { amount: pi.amount, amount_capturable: pi.amount_capturable };
      pi.amount = p.amount;
      pi.amount_capturable = p.amount;
      if (p.description !== undefined) pi.description = p.description;
      if (p.statement_descriptor !== undefined) pi.statement_descriptor = p.statement_descriptor;
      pi.metadata = mergeMetadata(pi.metadata, p.metadata);
      const chargeBefore = { amount: charge.amount };
      charge.amount = p.amount;
      card.amount_authorized = p.amount;
      if (card.overcapture) card.overcapture.maximum_amount_capturable = p.amount;
      ctx.emu.store.put("charges", charge);
      ctx.emu.store.put("payment_intents", pi);
      ctx.emu.emit("charge.updated", charge, ctx, chargeBefore);
      ctx.emu.emit("payment_intent.amount_capturable_updated", pi, ctx, previous);
      return pi;
    },
  },
];
