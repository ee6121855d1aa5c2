// Capturing an authorized PaymentIntent, and canceling one (releasing a held authorization).
import type Stripe from "stripe";
import type { RequestContext } from "../core/context.ts";
import { invalidRequest, unexpectedState, validationError } from "../core/errors.ts";
import { nowSeconds } from "../core/ids.ts";
import { mergeMetadata, type Params } from "../core/params.ts";
import { settleLater } from "./charges.ts";
import { openDispute } from "./dispute_lifecycle.ts";
import { testCardOf } from "./payment_methods.ts";
import { load } from "./shared.ts";
import { paymentIntentHooks } from "./payment_intent_records.ts";

const CANCELABLE = ["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"];

export function capture(ctx: RequestContext, pi: Stripe.PaymentIntent, p: Params): Stripe.PaymentIntent {
  if (pi.status !== "requires_capture")
    throw unexpectedState(
      `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
    );
  const amount = p.amount_to_capture ?? pi.amount_capturable;
  if (amount > pi.amount_capturable)
    throw invalidRequest(
      `The amount to capture (${amount}) is greater than the amount capturable on this PaymentIntent (${pi.amount_capturable}).`,
      { param: "amount_to_capture", code: "amount_too_large" },
    );
  if (amount < 1) throw validationError("This value must be greater than or equal to 1.", "amount_to_capture", "parameter_invalid_integer");
  const charge = load<Stripe.Charge>(ctx, "charges", pi.latest_charge as string, "charge");
  charge.captured = true;
  charge.amount_captured = amount;
  pi.status = "succeeded";
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  pi.metadata = mergeMetadata(pi.metadata, p.metadata);
  ctx.emu.store.put("charges", charge);
  ctx.emu.store.put("payment_intents", pi);
  ctx.emu.emit("charge.captured", charge, ctx, { amount_captured: 0, captured: false });
  ctx.emu.emit("payment_intent.succeeded", pi, ctx);
  for (const hook of paymentIntentHooks.succeeded) hook(ctx.emu, pi, ctx);
  settleLater(ctx.emu, charge.id);
  const behavior = testCardOf(ctx, load<Stripe.PaymentMethod>(ctx, "payment_methods", charge.payment_method as string, "PaymentMethod")).behavior;
  if (behavior.kind === "dispute") openDispute(ctx.emu, charge, behavior.reason, behavior.inquiry);
  return pi;
}

export function cancel(ctx: RequestContext, pi: Stripe.PaymentIntent, reason: Stripe.PaymentIntent.CancellationReason | null): Stripe.PaymentIntent {
  if (!CANCELABLE.includes(pi.status))
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
    );
  const heldCharge = pi.status === "requires_capture" ? ctx.emu.store.get<Stripe.Charge>("charges", pi.latest_charge as string) : undefined;
  pi.status = "canceled";
  pi.canceled_at = nowSeconds();
  pi.cancellation_reason = reason;
  pi.next_action = null;
  pi.amount_capturable = 0;
  ctx.emu.store.put("payment_intents", pi);
  ctx.emu.emit("payment_intent.canceled", pi, ctx);
  if (heldCharge) {
    // Releasing an authorization shows up on the charge as a full refund (no Refund object).
    heldCharge.amount_refunded = heldCharge.amount;
    heldCharge.refunded = true;
    ctx.emu.store.put("charges", heldCharge);
    ctx.emu.emit("charge.refunded", heldCharge, ctx, { amount_refunded: 0, refunded: false });
  }
  return pi;
}
