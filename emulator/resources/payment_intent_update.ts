// Updating a PaymentIntent: payment fields only while it can still be confirmed.
import type Stripe from "stripe";
import type { RequestContext } from "../core/context.ts";
import { unexpectedState } from "../core/errors.ts";
import { mergeMetadata, type Params } from "../core/params.ts";
import { CONFIRMABLE, paymentMethodFromParams, rejectPaymentMethodTypes } from "./intents.ts";
import { reference } from "./shared.ts";
import { applyRequestThreeDSecure, validateAmount, normaliseCurrency, shipping } from "./payment_intent_build.ts";

export function update(ctx: RequestContext, pi: Stripe.PaymentIntent, p: Params): Stripe.PaymentIntent {
  rejectPaymentMethodTypes(p);
  const paymentFields = ["amount", "currency", "payment_method", "payment_method_data", "capture_method", "customer", "setup_future_usage"];
  for (const field of paymentFields) {
    if (p[field] !== undefined && !CONFIRMABLE.includes(pi.status))
      throw unexpectedState(
        `This PaymentIntent's ${field} could not be updated because it has a status of ${pi.status}. You may only update the ${field} of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`,
      );
  }
  if (p.currency) pi.currency = normaliseCurrency(p.currency);
  if (p.amount !== undefined && p.amount !== null) {
    validateAmount(p.amount, pi.currency);
    pi.amount = p.amount;
  }
  if (p.customer !== undefined) {
    if (p.customer) reference(ctx, "customers", p.customer, "customer", "customer");
    pi.customer = p.customer;
  }
  if (p.description !== undefined) pi.description = p.description;
  if (p.receipt_email !== undefined) pi.receipt_email = p.receipt_email;
  if (p.setup_future_usage !== undefined) pi.setup_future_usage = p.setup_future_usage;
  if (p.shipping !== undefined) pi.shipping = shipping(p.shipping);
  if (p.capture_method) pi.capture_method = p.capture_method;
  if (p.statement_descriptor !== undefined) pi.statement_descriptor = p.statement_descriptor;
  if (p.statement_descriptor_suffix !== undefined) pi.statement_descriptor_suffix = p.statement_descriptor_suffix;
  if (p.transfer_group !== undefined) pi.transfer_group = p.transfer_group;
  if (p.excluded_payment_method_types !== undefined) pi.excluded_payment_method_types = p.excluded_payment_method_types;
  applyRequestThreeDSecure(pi, p);
  pi.metadata = mergeMetadata(pi.metadata, p.metadata);
  const newPm = paymentMethodFromParams(ctx, p);
  if (newPm) {
    pi.payment_method = newPm.id;
    pi.status = "requires_confirmation";
    pi.next_action = null;
  } else if (p.payment_method === null) {
    pi.payment_method = null;
    pi.status = "requires_payment_method";
    pi.next_action = null;
  }
  pi.last_payment_error = null;
  ctx.emu.store.put("payment_intents", pi);
  return pi;
}
