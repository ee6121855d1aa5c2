// PaymentIntents: the status machine of BEHAVIOR §2 driven by the test cards of §3.
import type Stripe from "stripe";
import type { EventCause, RequestContext, Route } from "../context.ts";
import type { Emulator } from "../emulator.ts";
import { ApiError, docUrl, invalidRequest, unexpectedState, validationError } from "../errors.ts";
import { newId, nowSeconds, randomToken } from "../ids.ts";
import { matchesCreated, paginate } from "../list.ts";
import {
  arr,
  bool,
  createdFilter,
  int,
  listParams,
  mergeMetadata,
  metadata,
  obj,
  oneOf,
  openObj,
  req,
  shippingSpec,
  str,
  type Params,
  type Schema,
} from "../params.ts";
import type { CardBehavior } from "../testcards.ts";
import { createCharge, settleLater } from "./charges.ts";
import { openDispute } from "./disputes.ts";
import { paymentMethodDataSpec, testCardOf, type PaymentMethodMeta } from "./payment_methods.ts";
import {
  CONFIRMABLE,
  automaticPaymentMethodFields,
  checkClientSecret,
  paymentMethodFromParams,
  paymentMethodToConfirm,
  pmDataWithExtras,
  rejectConsumedPaymentMethod,
  rejectPaymentMethodTypes,
  requireReturnUrl,
  stripeJsExtras,
  threeDSecureNextAction,
} from "./intents.ts";
import { address, load, reference } from "./shared.ts";

interface PaymentIntentMeta extends Record<string, unknown> {
  returnUrl?: string | null;
  offSession?: boolean;
  /** 3-D Secure completed but confirmation_method=manual: the next confirm skips the challenge. */
  authenticated?: boolean;
}

type Decline = Extract<CardBehavior, { kind: "decline" }>;

/**
 * SDK 23.1 types `allowed_payment_method_types` and `payment_record`; Stripe's fixture (our key
 * contract) has neither, so they are left out. Everything else is checked by the compiler.
 */
export type PaymentIntentObject = Omit<Stripe.PaymentIntent, "allowed_payment_method_types" | "payment_record">;

const CANCELABLE = ["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"];

const confirmFields: Schema = {
  payment_method: str(),
  payment_method_data: pmDataWithExtras,
  payment_method_options: openObj(),
  return_url: str(),
  off_session: str(),
  use_stripe_sdk: bool(),
  error_on_requires_action: bool(),
  mandate_data: openObj(),
  receipt_email: str(),
  setup_future_usage: oneOf("on_session", "off_session"),
  shipping: shippingSpec,
  capture_method: oneOf("automatic", "automatic_async", "manual"),
  payment_method_types: arr(str()),
  allowed_payment_method_types: arr(str()),
  excluded_payment_method_types: arr(str()),
};

const createSchema: Schema = {
  ...confirmFields,
  amount: req(int()),
  currency: req(str()),
  customer: str(),
  description: str(),
  metadata: metadata(),
  statement_descriptor: str(22),
  statement_descriptor_suffix: str(22),
  confirmation_method: oneOf("automatic", "manual"),
  confirm: bool(),
  automatic_payment_methods: obj({ enabled: req(bool()), allow_redirects: oneOf("always", "never") }),
  transfer_group: str(),
};

const updateSchema: Schema = {
  amount: int(),
  currency: str(),
  customer: str(),
  description: str(),
  metadata: metadata(),
  receipt_email: str(),
  setup_future_usage: oneOf("on_session", "off_session"),
  shipping: shippingSpec,
  payment_method: str(),
  payment_method_data: paymentMethodDataSpec,
  payment_method_options: openObj(),
  capture_method: oneOf("automatic", "automatic_async", "manual"),
  statement_descriptor: str(22),
  statement_descriptor_suffix: str(22),
  transfer_group: str(),
  payment_method_types: arr(str()),
  excluded_payment_method_types: arr(str()),
};

function validateAmount(amount: number, currency: string): void {
  if (amount < 1) throw validationError("This value must be greater than or equal to 1.", "amount", "parameter_invalid_integer");
  if (amount < 50)
    throw invalidRequest(`Amount must be at least 50 cents`, { code: "amount_too_small", param: "amount" });
  if (amount > 99_999_999)
    throw invalidRequest(`Amount must be no more than 99999999 ${currency}`, { code: "amount_too_large", param: "amount" });
}

function normaliseCurrency(value: string): string {
  const c = value.toLowerCase();
  if (!/^[a-z]{3}$/.test(c)) throw validationError(`Invalid currency: ${value}.`, "currency", "parameter_invalid_string");
  return c;
}

function parseOffSession(value: string | null | undefined): boolean {
  if (value === undefined || value === null || value === "false") return false;
  if (value === "true" || value === "one_off" || value === "recurring") return true;
  throw validationError(`Invalid off_session: ${value}`, "off_session", "parameter_invalid_string");
}

function shipping(input: Params | null | undefined): Stripe.PaymentIntent.Shipping | null {
  if (!input) return null;
  return {
    address: address(input.address) ?? undefined,
    carrier: input.carrier ?? null,
    name: input.name ?? "",
    phone: input.phone ?? null,
    tracking_number: input.tracking_number ?? null,
  } as Stripe.PaymentIntent.Shipping;
}

/**
 * Billing hooks: invoices paid through a PaymentIntent (BEHAVIOR §6.3, §6.9) learn of the outcome
 * right after `payment_intent.succeeded` / `payment_intent.payment_failed`.
 */
export const paymentIntentHooks = {
  succeeded: [] as ((emu: Emulator, pi: Stripe.PaymentIntent, cause: EventCause) => void)[],
  failed: [] as ((emu: Emulator, pi: Stripe.PaymentIntent, cause: EventCause) => void)[],
};

function buildPaymentIntent(p: Params, currency: string): Stripe.PaymentIntent {
  const apm = automaticPaymentMethodFields(p.automatic_payment_methods);
  const id = newId("pi");
  const created: PaymentIntentObject = {
    id,
    object: "payment_intent",
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
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: "automatic" },
    } satisfies Stripe.PaymentIntent.PaymentMethodOptions,
    payment_method_types: ["card"],
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
  return created as Stripe.PaymentIntent;
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

/** Confirms a PaymentIntent on the server's behalf (invoice payment attempts). Throws the 402 on declines. */
export function confirmPaymentIntent(emu: Emulator, cause: EventCause, pi: Stripe.PaymentIntent, params: Params, baseUrl: string): Stripe.PaymentIntent {
  const ctx: RequestContext = {
    emu,
    params,
    path: {},
    requestId: cause?.requestId ?? (null as unknown as string),
    idempotencyKey: cause?.idempotencyKey ?? null,
    publishable: false,
    baseUrl,
  };
  return confirm(ctx, pi, params);
}

function piMeta(emu: Emulator, id: string): PaymentIntentMeta {
  return emu.store.meta<PaymentIntentMeta>(id);
}

export const paymentIntentRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/payment_intents",
    schema: createSchema,
    handler(ctx) {
      const p = ctx.params;
      rejectPaymentMethodTypes(p);
      const currency = normaliseCurrency(p.currency);
      validateAmount(p.amount, currency);
      if (p.customer) reference(ctx, "customers", p.customer, "customer", "customer");
      const pi = buildPaymentIntent(p, currency);
      const pm = p.confirm ? null : paymentMethodFromParams(ctx, p);
      if (pm) {
        pi.payment_method = pm.id;
        pi.status = "requires_confirmation";
      }
      ctx.emu.store.put("payment_intents", pi);
      ctx.emu.emit("payment_intent.created", pi, ctx);
      if (p.confirm) return confirm(ctx, pi, p);
      return pi;
    },
  },
  {
    method: "GET",
    path: "/v1/payment_intents/:id",
    publishable: true,
    schema: { client_secret: str(), ...stripeJsExtras },
    handler(ctx) {
      const pi = load<Stripe.PaymentIntent>(ctx, "payment_intents", ctx.path.id, "payment_intent");
      checkClientSecret(ctx, pi, "PaymentIntent");
      return pi;
    },
  },
  {
    method: "POST",
    path: "/v1/payment_intents/:id",
    schema: updateSchema,
    handler(ctx) {
      const pi = load<Stripe.PaymentIntent>(ctx, "payment_intents", ctx.path.id, "payment_intent");
      return update(ctx, pi, ctx.params);
    },
  },
  {
    method: "GET",
    path: "/v1/payment_intents",
    schema: { ...listParams, customer: str(), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<Stripe.PaymentIntent>("payment_intents")
        .filter((pi) => (!p.customer || pi.customer === p.customer) && matchesCreated(pi.created, p.created));
      return paginate(items, p, "/v1/payment_intents");
    },
  },
  {
    method: "POST",
    path: "/v1/payment_intents/:id/confirm",
    publishable: true,
    schema: { ...confirmFields, client_secret: str(), ...stripeJsExtras },
    handler(ctx) {
      const pi = load<Stripe.PaymentIntent>(ctx, "payment_intents", ctx.path.id, "payment_intent");
      checkClientSecret(ctx, pi, "PaymentIntent");
      return confirm(ctx, pi, ctx.params);
    },
  },
  {
    method: "POST",
    path: "/v1/payment_intents/:id/capture",
    schema: {
      amount_to_capture: int(),
      metadata: metadata(),
      final_capture: bool(),
      statement_descriptor: str(22),
      statement_descriptor_suffix: str(22),
      application_fee_amount: int(),
    },
    handler(ctx) {
      const pi = load<Stripe.PaymentIntent>(ctx, "payment_intents", ctx.path.id, "payment_intent");
      return capture(ctx, pi, ctx.params);
    },
  },
  {
    method: "POST",
    path: "/v1/payment_intents/:id/cancel",
    schema: { cancellation_reason: oneOf("duplicate", "fraudulent", "requested_by_customer", "abandoned") },
    handler(ctx) {
      const pi = load<Stripe.PaymentIntent>(ctx, "payment_intents", ctx.path.id, "payment_intent");
      return cancel(ctx, pi, ctx.params.cancellation_reason ?? null);
    },
  },
];

function update(ctx: RequestContext, pi: Stripe.PaymentIntent, p: Params): Stripe.PaymentIntent {
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

function confirm(ctx: RequestContext, pi: Stripe.PaymentIntent, p: Params): Stripe.PaymentIntent {
  rejectPaymentMethodTypes(p);
  if (!CONFIRMABLE.includes(pi.status)) {
    if (pi.status === "succeeded")
      throw unexpectedState("You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.");
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_payment_method, requires_action.`,
    );
  }
  const meta = piMeta(ctx.emu, pi.id);
  const offSession = parseOffSession(p.off_session);
  const returnUrl: string | null = p.return_url ?? meta.returnUrl ?? null;
  if (!ctx.publishable && !offSession) requireReturnUrl(pi, returnUrl, "PaymentIntent");
  if (p.error_on_requires_action && pi.automatic_payment_methods?.enabled)
    throw invalidRequest("error_on_requires_action cannot be used with automatic_payment_methods. Set automatic_payment_methods[enabled] to false.", {
      param: "error_on_requires_action",
    });

  const pm = paymentMethodToConfirm(ctx, pi, p, unexpectedState, "PaymentIntent");
  if (pm.customer && pm.customer !== pi.customer)
    throw invalidRequest(
      pi.customer
        ? "The provided PaymentMethod belongs to a different Customer than the one on this PaymentIntent."
        : "The provided PaymentMethod is attached to a Customer. To use it, also provide that Customer in the `customer` parameter of this PaymentIntent.",
      { param: "payment_method" },
    );
  rejectConsumedPaymentMethod(ctx, pm);

  if (p.receipt_email !== undefined) pi.receipt_email = p.receipt_email;
  if (p.shipping !== undefined) pi.shipping = shipping(p.shipping);
  if (p.setup_future_usage !== undefined) pi.setup_future_usage = p.setup_future_usage;
  if (p.capture_method) pi.capture_method = p.capture_method;
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  pi.next_action = null;
  meta.returnUrl = returnUrl;
  meta.offSession = offSession;

  const behavior = testCardOf(ctx, pm).behavior;
  if (behavior.kind === "three_d_secure" && !meta.authenticated) {
    const setUp = ctx.emu.store.meta<PaymentMethodMeta>(pm.id).setupForOffSession;
    if (offSession && !(behavior.offSessionAfterSetup && setUp)) {
      throw fail(ctx.emu, ctx, pi, pm, {
        kind: "decline",
        code: "authentication_required",
        decline_code: "authentication_required",
        message: "Your card was declined. This transaction requires authentication.",
        onAttach: false,
      });
    }
    if (!offSession) return requireAction(ctx, pi, pm, p.use_stripe_sdk === true, returnUrl);
  }
  meta.authenticated = false;
  const error = authorize(ctx.emu, ctx, pi, pm, false);
  if (error) throw error;
  return pi;
}

function requireAction(ctx: RequestContext, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, useStripeSdk: boolean, returnUrl: string | null): Stripe.PaymentIntent {
  pi.status = "requires_action";
  pi.payment_method = pm.id;
  pi.next_action = threeDSecureNextAction(ctx.baseUrl, pi.id, useStripeSdk, returnUrl) as Stripe.PaymentIntent.NextAction;
  ctx.emu.store.put("payment_intents", pi);
  ctx.emu.emit("payment_intent.requires_action", pi, ctx);
  return pi;
}

/**
 * Authorizes the card: creates the charge and moves the intent on. Returns the 402 error to throw
 * when the card declines (the intent is already updated and its events emitted).
 */
function authorize(emu: Emulator, cause: EventCause, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, threeDSecure: boolean): ApiError | null {
  const behavior = testCardOfEmu(emu, pm).behavior;
  if (behavior.kind === "decline") return fail(emu, cause, pi, pm, behavior);
  if (behavior.kind === "three_d_secure" && behavior.declineAfter) return fail(emu, cause, pi, pm, behavior.declineAfter, threeDSecure);
  const manual = pi.capture_method === "manual";
  const charge = createCharge(emu, pi, pm, { captured: !manual, threeDSecure, behavior });
  pi.latest_charge = charge.id;
  pi.next_action = null;
  pi.last_payment_error = null;
  if (manual) {
    pi.status = "requires_capture";
    pi.amount_capturable = pi.amount;
  } else {
    pi.status = "succeeded";
    pi.amount_received = pi.amount;
  }
  const pmMeta = emu.store.meta<PaymentMethodMeta>(pm.id);
  const customer = pi.customer ? emu.store.get<Stripe.Customer>("customers", pi.customer as string) : undefined;
  emu.store.put("payment_intents", pi);
  emu.emit("charge.succeeded", charge, cause);
  emu.emit(manual ? "payment_intent.amount_capturable_updated" : "payment_intent.succeeded", pi, cause);
  // Invoice bookkeeping (invoice_payment.paid … customer.subscription.updated) precedes the attach (§6.3).
  if (!manual) for (const hook of paymentIntentHooks.succeeded) hook(emu, pi, cause);
  if (pi.setup_future_usage && customer) {
    if (!pm.customer) attachPaymentMethodQuietly(emu, cause, pm, customer);
    pmMeta.setupForOffSession = true;
  } else if (!pm.customer) pmMeta.consumed = true;
  if (!manual) {
    settleLater(emu, charge.id);
    if (behavior.kind === "dispute") openDispute(emu, charge, behavior.reason, behavior.inquiry);
  }
  return null;
}

function attachPaymentMethodQuietly(emu: Emulator, cause: EventCause, pm: Stripe.PaymentMethod, customer: Stripe.Customer): void {
  pm.customer = customer.id;
  emu.store.put("payment_methods", pm);
  emu.emit("payment_method.attached", pm, cause);
}

function testCardOfEmu(emu: Emulator, pm: Stripe.PaymentMethod) {
  return testCardOf({ emu } as RequestContext, pm);
}

/** Decline: failed charge, intent back to requires_payment_method, 402 with the intent embedded. */
function fail(emu: Emulator, cause: EventCause, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, decline: Decline, threeDSecure = false): ApiError {
  const behavior = testCardOfEmu(emu, pm).behavior;
  const charge = createCharge(emu, pi, pm, { captured: false, threeDSecure, behavior, decline });
  const error: Stripe.PaymentIntent.LastPaymentError = {
    charge: charge.id,
    code: decline.code,
    decline_code: decline.decline_code,
    doc_url: docUrl(decline.code),
    message: decline.message,
    payment_method: pm,
    type: "card_error",
  } satisfies Stripe.PaymentIntent.LastPaymentError;
  if (decline.decline_code === undefined) delete error.decline_code;
  pi.status = "requires_payment_method";
  pi.latest_charge = charge.id;
  pi.payment_method = null;
  pi.next_action = null;
  pi.last_payment_error = error;
  emu.store.put("payment_intents", pi);
  emu.emit("charge.failed", charge, cause);
  emu.emit("payment_intent.payment_failed", pi, cause);
  for (const hook of paymentIntentHooks.failed) hook(emu, pi, cause);
  return new ApiError(402, { ...(error as unknown as Record<string, unknown>), type: "card_error", payment_intent: pi });
}

function capture(ctx: RequestContext, pi: Stripe.PaymentIntent, p: Params): Stripe.PaymentIntent {
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

function cancel(ctx: RequestContext, pi: Stripe.PaymentIntent, reason: Stripe.PaymentIntent.CancellationReason | null): Stripe.PaymentIntent {
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

/** Control API: resolve a pending 3-D Secure challenge (ARCHITECTURE.md). */
export function resolveThreeDSecure(emu: Emulator, pi: Stripe.PaymentIntent, outcome: "succeed" | "fail"): { pi: Stripe.PaymentIntent; error: ApiError | null } {
  if (pi.status !== "requires_action")
    throw unexpectedState(`This PaymentIntent has no pending 3-D Secure authentication (status: ${pi.status}).`);
  const pm = emu.store.get<Stripe.PaymentMethod>("payment_methods", pi.payment_method as string);
  if (!pm) throw unexpectedState("This PaymentIntent has no payment method to authenticate.");
  if (outcome === "fail") {
    pi.status = "requires_payment_method";
    pi.payment_method = null;
    pi.next_action = null;
    pi.last_payment_error = {
      code: "payment_intent_authentication_failure",
      doc_url: docUrl("payment_intent_authentication_failure"),
      message:
        "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
      payment_method: pm,
      type: "invalid_request_error",
    } satisfies Stripe.PaymentIntent.LastPaymentError;
    emu.store.put("payment_intents", pi);
    emu.emit("payment_intent.payment_failed", pi, null);
    return { pi, error: null };
  }
  if (pi.confirmation_method === "manual") {
    pi.status = "requires_confirmation";
    pi.next_action = null;
    piMeta(emu, pi.id).authenticated = true;
    emu.store.put("payment_intents", pi);
    return { pi, error: null };
  }
  const error = authorize(emu, null, pi, pm, true);
  return { pi, error };
}

/** Publishable-key view of a PaymentIntent (BEHAVIOR §11.6). */
export const PUBLISHABLE_PAYMENT_INTENT_FIELDS = [
  "id",
  "object",
  "amount",
  "canceled_at",
  "cancellation_reason",
  "capture_method",
  "client_secret",
  "confirmation_method",
  "created",
  "currency",
  "description",
  "last_payment_error",
  "livemode",
  "next_action",
  "payment_method",
  "payment_method_types",
  "processing",
  "receipt_email",
  "setup_future_usage",
  "shipping",
  "status",
] as const;
