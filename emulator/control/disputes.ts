// Disputes through the control API: open one on a succeeded charge (optionally directly in any of
// Stripe's statuses), and move an existing one to another status.
import type http from "node:http";
import type Stripe from "stripe";
import type { Emulator } from "../core/emulator.ts";
import { fail, json } from "../core/responses.ts";
import { DISPUTE_STATUSES, moveDispute, openDispute, type DisputeObject } from "../resources/dispute_lifecycle.ts";

function parseStatus(value: unknown): Stripe.Dispute.Status | null {
  return (DISPUTE_STATUSES as readonly unknown[]).includes(value) ? (value as Stripe.Dispute.Status) : null;
}

const STATUS_LIST = DISPUTE_STATUSES.join(", ");

/** `POST /_emulator/disputes {charge | payment_intent, reason?, inquiry?, status?}` */
export function triggerDispute(emu: Emulator, res: http.ServerResponse, input: Record<string, unknown>): void {
  let chargeId = input.charge as string | undefined;
  if (!chargeId && input.payment_intent) {
    const pi = emu.store.get<Stripe.PaymentIntent>("payment_intents", String(input.payment_intent));
    if (!pi) return fail(res, 404, `No such payment_intent: '${String(input.payment_intent)}'`);
    chargeId = (pi.latest_charge as string | null) ?? undefined;
  }
  const charge = chargeId ? emu.store.get<Stripe.Charge>("charges", chargeId) : undefined;
  if (!charge) return fail(res, 404, `No such charge: '${chargeId ?? ""}'`);
  if (charge.status !== "succeeded" || !charge.captured) return fail(res, 400, `Charge ${charge.id} has not succeeded; it cannot be disputed.`);
  const status = input.status === undefined ? undefined : parseStatus(input.status);
  if (status === null) return fail(res, 400, `status must be one of ${STATUS_LIST}`);
  if (status && input.inquiry !== undefined && (input.inquiry === true) !== status.startsWith("warning_"))
    return fail(res, 400, `inquiry=${String(input.inquiry)} contradicts status ${status}: inquiries are exactly the warning_* statuses.`);
  const dispute = openDispute(emu, charge, (input.reason as string) ?? "fraudulent", input.inquiry === true, status);
  json(res, 200, dispute);
}

/** `POST /_emulator/disputes/{id}/status {status}` */
export function setDisputeStatus(emu: Emulator, res: http.ServerResponse, id: string, input: Record<string, unknown>): void {
  const dispute = emu.store.get<DisputeObject>("disputes", id);
  if (!dispute) return fail(res, 404, `No such dispute: '${id}'`);
  const status = parseStatus(input.status);
  if (!status) return fail(res, 400, `status must be one of ${STATUS_LIST}`);
  if (status === dispute.status) return fail(res, 400, `Dispute ${id} is already ${status}.`);
  moveDispute(emu, dispute, status, null);
  json(res, 200, dispute);
}
