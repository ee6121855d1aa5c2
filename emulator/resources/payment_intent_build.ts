// Building a PaymentIntent (from a request or for an invoice) and the rules on its parameters.
import type Stripe from "stripe";
import type { EventCause } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import { invalidRequest, validationError } from "../core/errors.ts";
import { newId, nowSeconds, randomToken } from "../core/ids.ts";
import { mergeMetadata, type Params } from "../core/params.ts";
import { automaticPaymentMethodFields } from "./intents.ts";
import { address } from "./shared.ts";
import type { PaymentIntentObject } from "./payment_intent_records.ts";

export function validateAmount(amount: number, currency: string): void {
  if (amount < 1) throw validationError("This value must be greater than or equal to 1.", "amount", "parameter_invalid_integer");
  if (amount < 50)
    throw invalidRequest(`Amount must be at least 50 cents`, { code: "amount_too_small", param: "amount" });
  if (amount > 99_999_999)
    throw invalidRequest(`Amount must be no more than 99999999 ${currency}`, { code: "amount_too_large", param: "amount" });
}

export function normaliseCurrency(value: string): string {
  const c = value.toLowerCase();
  if (!/^[a-z]{3}$/.test(c)) throw validationError(`Invalid currency: ${value}.`, "currency", "parameter_invalid_string");
  return c;
}

export function parseOffSession(value: string | null | undefined): boolean {
  if (value === undefined || value === null || value === "false") return false;
  if (value === "true" || value === "one_off" || value === "recurring") return true;
  throw validationError(`Invalid off_session: ${value}`, "off_session", "parameter_invalid_string");
}

export function shipping(input: Params | null | undefined): Stripe.PaymentIntent.Shipping | null {
  if (!input) return null;
  return {
    address: address(input.address) ?? undefined,
    carrier: input.carrier ?? null,
    name: input.name ?? "",
    phone: input.phone ?? null,
    tracking_number: input.tracking_number ?? null,
  } as Stripe.PaymentIntent.Shipping;
}

export function buildPaymentIntent(p: Params, currency: string): Stripe.PaymentIntent {
  const apm = automaticPaymentMethodFields(p.automatic_payment_methods);
  const id = newId("pi");
  const created: PaymentIntentObject = {
    id,
    object: "payment_intent",
    allowed_payment_method_types: p.allowed_payment_method_types ?? null,
    amount: p.amount,
    amount_capturable: 0,
    amount_details: { tip: {} } satisfies Stripe.PaymentIntent.AmountDetails,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: apm.automatic_payment_methods,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: p.capture_method ?? "automatic_async",
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: p.confirmation_method ?? "automatic",
    created: nowSeconds(),
    currency,
    customer: p.customer ?? null,
    customer_account: null,
    description: p.description ?? null,
    excluded_payment_method_types: p.excluded_payment_method_types ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, p.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: apm.payment_method_configuration_details,
    payment_method_options: {
      card: {
        installments: null,
        mandate_options: null,
        network: null,
        request_three_d_secure: p.payment_method_options?.card?.request_three_d_secure ?? "automatic",
        ...(p.payment_method_options?.card?.request_incremental_authorization ? { request_incremental_authorization: p.payment_method_options.card.request_incremental_authorization } : {}),
      },
    } satisfies Stripe.PaymentIntent.PaymentMethodOptions,
    payment_method_types: ["card"],
    // Payment Records are not modelled; an intent paid by card has none of its own here.
    payment_record: null,
    processing: null,
    receipt_email: p.receipt_email ?? null,
    review: null,
    setup_future_usage: p.setup_future_usage ?? null,
    shipping: shipping(p.shipping),
    source: null,
    statement_descriptor: p.statement_descriptor ?? null,
    statement_descriptor_suffix: p.statement_descriptor_suffix ?? null,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: p.transfer_group ?? null,
  };
  return created;
}

/**
 * An invoice's PaymentIntent (BEHAVIOR §6.3): created by Billing, not by a request, so it skips the
 * 50-cent minimum (prorations can be small). Emits `payment_intent.created`.
 */
export function createInvoicePaymentIntent(
  emu: Emulator,
  cause: EventCause,
  p: { amount: number; currency: string; customer: string; description: string | null; payment_method?: string | null },
): Stripe.PaymentIntent {
  const pi = buildPaymentIntent({ amount: p.amount, currency: p.currency, customer: p.customer, description: p.description, setup_future_usage: "off_session" }, p.currency);
  if (p.payment_method) {
    pi.payment_method = p.payment_method;
    pi.status = "requires_confirmation";
  }
  emu.store.put("payment_intents", pi);
  emu.emit("payment_intent.created", pi, cause);
  return pi;
}

/**
 * `payment_method_options[card][request_three_d_secure]` given on update or confirm: `any` or
 * `challenge` asks the issuer to authenticate even a card that needs no 3-D Secure.
 */
export function applyRequestThreeDSecure(pi: Stripe.PaymentIntent, p: Params): void {
  const requested = p.payment_method_options?.card?.request_three_d_secure;
  if (requested === undefined || !pi.payment_method_options?.card) return;
  pi.payment_method_options.card.request_three_d_secure = requested ?? "automatic";
}

/** Whether this intent asks for 3-D Secure whatever the card (Stripe: the issuer still decides the flow). */
export function threeDSecureRequested(pi: Stripe.PaymentIntent): boolean {
  const requested = pi.payment_method_options?.card?.request_three_d_secure;
  return requested === "any" || requested === "challenge";
}
