// SetupIntents (BEHAVIOR §4.3): save a card for later, with the test cards of §3 deciding the outcome.
import type Stripe from "stripe";
import type { EventCause, RequestContext, Route } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import { ApiError, invalidRequest, unexpectedState } from "../core/errors.ts";
import { newId, nowSeconds, randomToken } from "../core/ids.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { arr, bool, createdFilter, listParams, mergeMetadata, metadata, obj, oneOf, openObj, req, str, type Params, type Schema } from "../core/params.ts";
import { paymentMethodDataSpec, testCardOf, type PaymentMethodMeta } from "./payment_methods.ts";
import {
  CONFIRMABLE,
  authenticationFailure,
  automaticPaymentMethodFields,
  declineError,
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
import { load, reference } from "./shared.ts";

/** SDK types carry a few keys Stripe's setup_intent fixture (our key contract) lacks. */
export type SetupIntentObject = Stripe.SetupIntent;

/** Billing hooks: a subscription's pending SetupIntent succeeding (BEHAVIOR §4.3). */
export const setupIntentHooks = {
  succeeded: [] as ((emu: Emulator, si: Stripe.SetupIntent, cause: EventCause) => void)[],
};

const confirmFields: Schema = {
  payment_method: str(),
  payment_method_data: pmDataWithExtras,
  payment_method_options: openObj(),
  return_url: str(),
  use_stripe_sdk: bool(),
  mandate_data: openObj(),
  confirmation_token: str(),
};

const createSchema: Schema = {
  ...confirmFields,
  customer: str(),
  description: str(),
  metadata: metadata(),
  usage: oneOf("on_session", "off_session"),
  confirm: bool(),
  automatic_payment_methods: obj({ enabled: req(bool()), allow_redirects: oneOf("always", "never") }),
  payment_method_types: arr(str()),
  excluded_payment_method_types: arr(str()),
  flow_directions: arr(oneOf("inbound", "outbound")),
  single_use: obj({ amount: req(str()), currency: req(str()) }),
  attach_to_self: bool(),
  on_behalf_of: str(),
  payment_method_configuration: str(),
};

const updateSchema: Schema = {
  customer: str(),
  description: str(),
  metadata: metadata(),
  payment_method: str(),
  payment_method_data: paymentMethodDataSpec,
  payment_method_options: openObj(),
  payment_method_types: arr(str()),
  excluded_payment_method_types: arr(str()),
  flow_directions: arr(oneOf("inbound", "outbound")),
  attach_to_self: bool(),
};

export function buildSetupIntent(
  emu: Emulator,
  cause: EventCause,
  p: { customer?: string | null; description?: string | null; metadata?: Record<string, string | null> | null; usage?: "on_session" | "off_session"; automatic_payment_methods?: { enabled: boolean; allow_redirects?: string } },
): Stripe.SetupIntent {
  const id = newId("seti");
  const apm = automaticPaymentMethodFields(p.automatic_payment_methods);
  const si: Stripe.SetupIntent = {
    id,
    object: "setup_intent",
    allowed_payment_method_types: null,
    application: null,
    automatic_payment_methods: apm.automatic_payment_methods,
    cancellation_reason: null,
    client_secret: `${id}_secret_${randomToken(32)}`,
    created: nowSeconds(),
    customer: p.customer ?? null,
    description: p.description ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: mergeMetadata({}, p.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: apm.payment_method_configuration_details,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: "automatic" } },
    payment_method_types: ["card"],
    single_use_mandate: null,
    status: "requires_payment_method",
    usage: p.usage ?? "off_session",
  };
  emu.store.put("setup_intents", si);
  emu.emit("setup_intent.created", si, cause);
  return si;
}

function confirm(ctx: RequestContext, si: Stripe.SetupIntent, p: Params): Stripe.SetupIntent {
  rejectPaymentMethodTypes(p);
  if (!CONFIRMABLE.includes(si.status)) {
    if (si.status === "succeeded")
      throw invalidRequest("You cannot confirm this SetupIntent because it has already succeeded.", { code: "setup_intent_unexpected_state" });
    throw invalidRequest(
      `You cannot confirm this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be confirmed: requires_confirmation, requires_payment_method, requires_action.`,
      { code: "setup_intent_unexpected_state" },
    );
  }
  const meta = ctx.emu.store.meta<{ returnUrl?: string | null }>(si.id);
  const returnUrl: string | null = p.return_url ?? meta.returnUrl ?? null;
  if (!ctx.publishable) requireReturnUrl(si, returnUrl, "SetupIntent");
  const pm = paymentMethodToConfirm(ctx, si, p, (message) => invalidRequest(message, { code: "setup_intent_unexpected_state" }), "SetupIntent");
  if (pm.customer && si.customer && pm.customer !== si.customer)
    throw invalidRequest("The provided PaymentMethod belongs to a different Customer than the one on this SetupIntent.", { param: "payment_method" });
  rejectConsumedPaymentMethod(ctx, pm);
  meta.returnUrl = returnUrl;
  si.payment_method = pm.id;
  si.last_setup_error = null;
  si.next_action = null;
  si.latest_attempt = newId("setatt");
  const behavior = testCardOf(ctx, pm).behavior;
  if (behavior.kind === "three_d_secure") {
    si.status = "requires_action";
    si.next_action = threeDSecureNextAction(ctx.baseUrl, si.id, p.use_stripe_sdk === true, returnUrl) as unknown as Stripe.SetupIntent.NextAction;
    ctx.emu.store.put("setup_intents", si);
    ctx.emu.emit("setup_intent.requires_action", si, ctx);
    return si;
  }
  if (behavior.kind === "decline" && behavior.onAttach) throw failSetup(ctx.emu, ctx, si, pm, behavior);
  succeed(ctx.emu, ctx, si, pm);
  return si;
}

function failSetup(emu: Emulator, cause: EventCause, si: Stripe.SetupIntent, pm: Stripe.PaymentMethod, decline: { code: string; decline_code?: string; message: string }): ApiError {
  const error = declineError(decline, pm) as Stripe.SetupIntent.LastSetupError;
  si.status = "requires_payment_method";
  si.payment_method = null;
  si.next_action = null;
  si.last_setup_error = error;
  emu.store.put("setup_intents", si);
  emu.emit("setup_intent.setup_failed", si, cause);
  return new ApiError(402, { ...(error as unknown as Record<string, unknown>), type: "card_error", setup_intent: si });
}

function succeed(emu: Emulator, cause: EventCause, si: Stripe.SetupIntent, pm: Stripe.PaymentMethod): void {
  si.status = "succeeded";
  si.next_action = null;
  si.last_setup_error = null;
  emu.store.put("setup_intents", si);
  const pmMeta = emu.store.meta<PaymentMethodMeta>(pm.id);
  if (si.usage === "off_session") pmMeta.setupForOffSession = true;
  if (si.customer && !pm.customer) {
    pm.customer = si.customer as string;
    emu.store.put("payment_methods", pm);
    emu.emit("payment_method.attached", pm, cause);
  }
  emu.emit("setup_intent.succeeded", si, cause);
  for (const hook of setupIntentHooks.succeeded) hook(emu, si, cause);
}

/** Control API: resolve a pending 3-D Secure challenge on a SetupIntent. */
export function resolveSetupThreeDSecure(emu: Emulator, si: Stripe.SetupIntent, outcome: "succeed" | "fail"): Stripe.SetupIntent {
  if (si.status !== "requires_action") throw unexpectedState(`This SetupIntent has no pending 3-D Secure authentication (status: ${si.status}).`);
  const pm = emu.store.get<Stripe.PaymentMethod>("payment_methods", si.payment_method as string);
  if (!pm) throw unexpectedState("This SetupIntent has no payment method to authenticate.");
  if (outcome === "fail") {
    si.status = "requires_payment_method";
    si.payment_method = null;
    si.next_action = null;
    si.last_setup_error = authenticationFailure("SetupIntent", pm) as Stripe.SetupIntent.LastSetupError;
    emu.store.put("setup_intents", si);
    emu.emit("setup_intent.setup_failed", si, null);
    return si;
  }
  succeed(emu, null, si, pm);
  return si;
}

/** Publishable-key view of a SetupIntent (BEHAVIOR §11.6). */
export const PUBLISHABLE_SETUP_INTENT_FIELDS = [
  "id",
  "object",
  "automatic_payment_methods",
  "cancellation_reason",
  "client_secret",
  "created",
  "description",
  "last_setup_error",
  "livemode",
  "next_action",
  "payment_method",
  "payment_method_types",
  "status",
  "usage",
] as const;

export const setupIntentRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/setup_intents",
    schema: createSchema,
    handler(ctx) {
      const p = ctx.params;
      rejectPaymentMethodTypes(p);
      if (p.customer) reference(ctx, "customers", p.customer, "customer", "customer");
      const si = buildSetupIntent(ctx.emu, ctx, p);
      if (p.excluded_payment_method_types) si.excluded_payment_method_types = p.excluded_payment_method_types;
      if (p.flow_directions) si.flow_directions = p.flow_directions;
      if (p.confirm) return confirm(ctx, si, p);
      si.payment_method = paymentMethodFromParams(ctx, p)?.id ?? null;
      if (si.payment_method) si.status = "requires_confirmation";
      if (p.return_url) ctx.emu.store.meta<{ returnUrl?: string }>(si.id).returnUrl = p.return_url;
      ctx.emu.store.put("setup_intents", si);
      return si;
    },
  },
  {
    method: "GET",
    path: "/v1/setup_intents/:id",
    publishable: true,
    schema: { client_secret: str(), ...stripeJsExtras },
    handler(ctx) {
      const si = load<Stripe.SetupIntent>(ctx, "setup_intents", ctx.path.id, "setupintent");
      checkClientSecret(ctx, si, "SetupIntent");
      return si;
    },
  },
  {
    method: "POST",
    path: "/v1/setup_intents/:id",
    schema: updateSchema,
    handler(ctx) {
      const si = load<Stripe.SetupIntent>(ctx, "setup_intents", ctx.path.id, "setupintent");
      const p = ctx.params;
      rejectPaymentMethodTypes(p);
      if ((p.payment_method !== undefined || p.payment_method_data || p.customer !== undefined) && !CONFIRMABLE.includes(si.status))
        throw invalidRequest(`You cannot update this SetupIntent because it has a status of ${si.status}.`, { code: "setup_intent_unexpected_state" });
      if (p.customer !== undefined) {
        if (p.customer) reference(ctx, "customers", p.customer, "customer", "customer");
        si.customer = p.customer;
      }
      if (p.description !== undefined) si.description = p.description;
      if (p.excluded_payment_method_types !== undefined) si.excluded_payment_method_types = p.excluded_payment_method_types;
      if (p.flow_directions !== undefined) si.flow_directions = p.flow_directions;
      si.metadata = mergeMetadata(si.metadata ?? {}, p.metadata);
      const pm = paymentMethodFromParams(ctx, p);
      if (pm) {
        si.payment_method = pm.id;
        si.status = "requires_confirmation";
        si.next_action = null;
      } else if (p.payment_method === null) {
        si.payment_method = null;
        si.status = "requires_payment_method";
      }
      ctx.emu.store.put("setup_intents", si);
      return si;
    },
  },
  {
    method: "GET",
    path: "/v1/setup_intents",
    schema: { ...listParams, customer: str(), payment_method: str(), created: createdFilter, attach_to_self: bool() },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<Stripe.SetupIntent>("setup_intents")
        .filter((si) => (!p.customer || si.customer === p.customer) && (!p.payment_method || si.payment_method === p.payment_method) && matchesCreated(si.created, p.created));
      return paginate(items, p, "/v1/setup_intents");
    },
  },
  {
    method: "POST",
    path: "/v1/setup_intents/:id/confirm",
    publishable: true,
    schema: { ...confirmFields, client_secret: str(), ...stripeJsExtras },
    handler(ctx) {
      const si = load<Stripe.SetupIntent>(ctx, "setup_intents", ctx.path.id, "setupintent");
      checkClientSecret(ctx, si, "SetupIntent");
      return confirm(ctx, si, ctx.params);
    },
  },
  {
    method: "POST",
    path: "/v1/setup_intents/:id/cancel",
    schema: { cancellation_reason: oneOf("abandoned", "duplicate", "requested_by_customer") },
    handler(ctx) {
      const si = load<Stripe.SetupIntent>(ctx, "setup_intents", ctx.path.id, "setupintent");
      if (!CONFIRMABLE.includes(si.status))
        throw invalidRequest(
          `You cannot cancel this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be canceled: requires_payment_method, requires_confirmation, requires_action.`,
          { code: "setup_intent_unexpected_state" },
        );
      si.status = "canceled";
      si.cancellation_reason = ctx.params.cancellation_reason ?? null;
      si.next_action = null;
      ctx.emu.store.put("setup_intents", si);
      ctx.emu.emit("setup_intent.canceled", si, ctx);
      return si;
    },
  },
];
