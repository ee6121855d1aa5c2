// Billing parts of the control API (emulator-private, never under /v1):
//   GET|POST /_emulator/billing/settings   dunning schedule and final actions (core/billing-settings.ts)
//   POST /_emulator/subscriptions/{id}/billing_settings {final_action: cancel|unpaid|past_due|null}
//        overrides what happens to one subscription when its retries are exhausted
//   POST /_emulator/customers/{id}/test_clock {frozen_time?}
//        moves an existing customer (and its subscriptions, invoices and invoice items) onto a new
//        test clock frozen at `frozen_time` (default now). Stripe only binds a clock at customer
//        creation; this lets end-to-end tests age a customer the app created normally.
import type http from "node:http";
import type Stripe from "stripe";
import type { Emulator } from "../core/emulator.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { json } from "../core/responses.ts";
import type { SubscriptionMeta, TestClock } from "./model.ts";
import { billingSettings, updateBillingSettings } from "../core/billing-settings.ts";

export function handleBillingControl(emu: Emulator, res: http.ServerResponse, method: string, parts: string[], input: Record<string, unknown>): boolean {
  if (parts[0] === "billing" && parts[1] === "settings" && (method === "GET" || method === "POST")) {
    json(res, 200, method === "POST" ? updateBillingSettings(emu, input) : billingSettings(emu));
    return true;
  }
  if (method === "POST" && parts[0] === "subscriptions" && parts[2] === "billing_settings" && parts.length === 3) {
    const sub = emu.store.get<{ id: string }>("subscriptions", parts[1]);
    if (!sub) {
      json(res, 404, { error: { type: "invalid_request_error", message: `No such subscription: '${parts[1]}'` } });
      return true;
    }
    const action = input.final_action;
    const m = emu.store.meta<SubscriptionMeta>(sub.id);
    if (action === null) delete m.finalAction;
    else if (action === "cancel" || action === "unpaid" || action === "past_due") m.finalAction = action;
    else {
      json(res, 400, { error: { type: "invalid_request_error", message: "final_action must be cancel, unpaid, past_due or null." } });
      return true;
    }
    emu.store.changed();
    json(res, 200, { subscription: sub.id, final_action: m.finalAction ?? billingSettings(emu).final_action });
    return true;
  }
  if (method === "POST" && parts[0] === "customers" && parts[2] === "test_clock" && parts.length === 3) {
    const customer = emu.store.get<Stripe.Customer>("customers", parts[1]);
    if (!customer) {
      json(res, 404, { error: { type: "invalid_request_error", message: `No such customer: '${parts[1]}'` } });
      return true;
    }
    if (customer.test_clock) {
      json(res, 400, { error: { type: "invalid_request_error", message: `Customer ${customer.id} is already on test clock ${String(customer.test_clock)}.` } });
      return true;
    }
    const now = nowSeconds();
    const frozen = input.frozen_time === undefined ? now : Number(input.frozen_time);
    if (!Number.isFinite(frozen) || frozen < now - 60) {
      json(res, 400, { error: { type: "invalid_request_error", message: "frozen_time must be a Unix timestamp no earlier than now." } });
      return true;
    }
    const clock = {
      id: newId("clock"),
      object: "test_helpers.test_clock",
      created: now,
      deletes_after: now + 7 * 86400,
      frozen_time: Math.floor(frozen),
      livemode: false,
      name: `Emulator clock for ${customer.id}`,
      status: "ready",
      status_details: {},
    } as TestClock;
    emu.store.put("test_clocks", clock);
    emu.emit("test_helpers.test_clock.created", clock, null);
    customer.test_clock = clock.id;
    emu.store.put("customers", customer);
    for (const c of ["subscriptions", "invoices", "invoiceitems"] as const) {
      for (const o of emu.store.all<{ id: string; customer: string; test_clock: string | null }>(c)) {
        if (o.customer !== customer.id) continue;
        o.test_clock = clock.id;
        emu.store.put(c, o);
      }
    }
    json(res, 200, clock);
    return true;
  }
  return false;
}
