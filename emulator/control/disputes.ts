// Disputes through the control API: open one on a succeeded charge.
import type http from "node:http";
import type Stripe from "stripe";
import type { Emulator } from "../emulator.ts";
import { openDispute } from "../resources/disputes.ts";
import { fail, json } from "../responses.ts";

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
  const dispute = openDispute(emu, charge, (input.reason as string) ?? "fraudulent", input.inquiry === true);
  json(res, 200, dispute);
}
