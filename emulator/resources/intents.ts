// What PaymentIntents and SetupIntents share: Stripe.js extras, the client_secret check, the
// payment method a confirmation uses, and the 3-D Secure next_action.
import type Stripe from "stripe";
import type { RequestContext } from "../core/context.ts";
import { ApiError, docUrl, invalidRequest } from "../core/errors.ts";
import { newId } from "../core/ids.ts";
import { obj, openObj, str, type Params, type Schema } from "../core/params.ts";
import { createPaymentMethod, paymentMethodDataSpec, resolvePaymentMethod, stripeJsTelemetry, type PaymentMethodMeta } from "./payment_methods.ts";
import { load } from "./shared.ts";

/** Which intent a message is about, as Stripe spells it in the message. */
export type IntentKind = "PaymentIntent" | "SetupIntent";

interface Intent {
  id: string;
  client_secret: string | null;
  payment_method: string | Stripe.PaymentMethod | null;
  automatic_payment_methods: { enabled: boolean | null; allow_redirects?: string | null } | null;
}

/** Statuses in which an intent may be confirmed, updated (payment fields) or, for SetupIntents, canceled. */
export const CONFIRMABLE = ["requires_payment_method", "requires_confirmation", "requires_action"];

// Stripe.js sends these alongside publishable-key calls; accepted and ignored.
export const stripeJsExtras: Schema = {
  ...stripeJsTelemetry,
  key: str(),
  _stripe_version: str(),
  expected_payment_method_type: str(),
  client_attribution_metadata: openObj(),
  client_context: openObj(),
};

/** `payment_method_data` as Stripe.js sends it on confirm (with its telemetry fields). */
export const pmDataWithExtras = obj({ ...(paymentMethodDataSpec as { props: Schema }).props, ...stripeJsTelemetry });

/** `automatic_payment_methods` and the payment method configuration it implies, for a new intent. */
export function automaticPaymentMethodFields(apm: { enabled: boolean; allow_redirects?: string } | undefined) {
  const enabled = (apm ?? { enabled: true }).enabled;
  return {
    automatic_payment_methods: enabled ? { allow_redirects: (apm?.allow_redirects ?? "always") as "always" | "never", enabled: true } : null,
    payment_method_configuration_details: enabled ? { id: "pmc_1EmulatorDefaultConfig", parent: null } : null,
  };
}

export function rejectPaymentMethodTypes(p: Params): void {
  if (p.payment_method_types !== undefined)
    throw new ApiError(
      400,
      {
        type: "invalid_request_error",
        code: "payment_method_types_no_longer_supported",
        doc_url: docUrl("payment_method_types_no_longer_supported"),
        message:
          "The payment_method_types parameter is no longer supported. Use automatic_payment_methods, allowed_payment_method_types or excluded_payment_method_types instead.",
        param: "payment_method_types",
      },
      true,
    );
}

/** Publishable-key calls must carry the intent's client_secret; a wrong one is refused either way. */
export function checkClientSecret(ctx: RequestContext, intent: Intent, kind: IntentKind): void {
  const secret = ctx.params.client_secret;
  if (ctx.publishable && !secret)
    throw invalidRequest("Missing required param: client_secret.", { code: "parameter_missing", param: "client_secret" });
  if (secret !== undefined && secret !== null && secret !== intent.client_secret)
    throw invalidRequest(`The client_secret provided does not match the client_secret associated with the ${kind}.`, { param: "client_secret" });
}

/** A server-side confirmation of an intent that may redirect must name a return_url. */
export function requireReturnUrl(intent: Intent, returnUrl: string | null, kind: IntentKind): void {
  const redirectsAllowed = intent.automatic_payment_methods?.enabled && intent.automatic_payment_methods.allow_redirects !== "never";
  if (redirectsAllowed && !returnUrl) throw invalidRequest(returnUrlRequired(kind), { param: "return_url" });
}

function returnUrlRequired(kind: IntentKind): string {
  const name = kind === "PaymentIntent" ? "Payment Intent" : "Setup Intent";
  return `A return_url must be specified because this ${name} is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set automatic_payment_methods[enabled] to true and automatic_payment_methods[allow_redirects] to never when creating Setup Intents and Payment Intents.`;
}

/** The payment method named by `payment_method_data` or `payment_method`, or null when neither is given. */
export function paymentMethodFromParams(ctx: RequestContext, p: Params): Stripe.PaymentMethod | null {
  if (p.payment_method_data) return createPaymentMethod(ctx, p.payment_method_data, "payment_method_data");
  if (p.payment_method) return resolvePaymentMethod(ctx, p.payment_method, "payment_method");
  return null;
}

/** The payment method a confirmation uses: from the request, else the one already on the intent. */
export function paymentMethodToConfirm(ctx: RequestContext, intent: Intent, p: Params, missing: (message: string) => ApiError, kind: IntentKind): Stripe.PaymentMethod {
  const pm = paymentMethodFromParams(ctx, p);
  if (pm) return pm;
  if (intent.payment_method) return load<Stripe.PaymentMethod>(ctx, "payment_methods", intent.payment_method as string, "PaymentMethod");
  throw missing(
    `You cannot confirm this ${kind} because it's missing a payment method. You can either update the ${kind} with a payment method and then confirm it again, or confirm it again directly with a payment method.`,
  );
}

/** A PaymentMethod used once without a customer (or detached) cannot be used again. */
export function rejectConsumedPaymentMethod(ctx: RequestContext, pm: Stripe.PaymentMethod): void {
  if (!pm.customer && ctx.emu.store.meta<PaymentMethodMeta>(pm.id).consumed)
    throw invalidRequest(
      "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.",
      { param: "payment_method" },
    );
}

/** The next_action of an intent waiting for 3-D Secure: Stripe.js's challenge or a redirect. */
export function threeDSecureNextAction(baseUrl: string, intentId: string, useStripeSdk: boolean, returnUrl: string | null) {
  const challenge = `${baseUrl}/_emulator/3ds/${intentId}`;
  return useStripeSdk
    ? { type: "use_stripe_sdk" as const, use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: challenge, source: newId("src") } }
    : {
        type: "redirect_to_url" as const,
        redirect_to_url: { url: returnUrl ? `${challenge}?return_url=${encodeURIComponent(returnUrl)}` : challenge, return_url: returnUrl },
      };
}

/** The card_error of a declined attempt, as it appears in last_payment_error / last_setup_error. */
export function declineError(decline: { code: string; decline_code?: string; message: string }, pm: Stripe.PaymentMethod, chargeId?: string) {
  const error = {
    ...(chargeId ? { charge: chargeId } : {}),
    code: decline.code,
    decline_code: decline.decline_code,
    doc_url: docUrl(decline.code),
    message: decline.message,
    payment_method: pm,
    type: "card_error" as const,
  };
  if (decline.decline_code === undefined) delete error.decline_code;
  return error;
}

/** Failed 3-D Secure: the error an intent carries once its challenge fails. */
export function authenticationFailure(kind: IntentKind, pm: Stripe.PaymentMethod) {
  const code = kind === "PaymentIntent" ? "payment_intent_authentication_failure" : "setup_intent_authentication_failure";
  return {
    code,
    doc_url: docUrl(code),
    message:
      kind === "PaymentIntent"
        ? "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again."
        : "The latest attempt to set up the payment method has failed because authentication failed. Provide a new payment method to attempt to set up again.",
    payment_method: pm,
    type: "invalid_request_error" as const,
  };
}
