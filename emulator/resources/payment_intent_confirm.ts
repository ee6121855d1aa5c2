// Confirming a PaymentIntent (BEHAVIOR §2): checks, 3-D Secure (challenge or off-session decline),
// then authorization; and the control API's resolution of a pending challenge.
import type Stripe from "stripe";
import type { EventCause, RequestContext } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import { ApiError, invalidRequest, unexpectedState } from "../core/errors.ts";
import type { Params } from "../core/params.ts";
import { testCardOf, type PaymentMethodMeta } from "./payment_methods.ts";
import { CONFIRMABLE, authenticationFailure, paymentMethodToConfirm, rejectConsumedPaymentMethod, rejectPaymentMethodTypes, requireReturnUrl, threeDSecureNextAction } from "./intents.ts";
import { piMeta } from "./payment_intent_records.ts";
import { applyRequestThreeDSecure, parseOffSession, shipping, threeDSecureRequested } from "./payment_intent_build.ts";
import { authorize, fail } from "./payment_intent_authorize.ts";

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

export function confirm(ctx: RequestContext, pi: Stripe.PaymentIntent, p: Params): Stripe.PaymentIntent {
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
  if (p.radar_options !== undefined) meta.radarSession = p.radar_options?.session ?? null;
  applyRequestThreeDSecure(pi, p);

  const behavior = testCardOf(ctx, pm).behavior;
  // Asked-for 3-D Secure challenges any card on session; off session there is no one to ask.
  if (!offSession && !meta.authenticated && behavior.kind !== "three_d_secure" && threeDSecureRequested(pi))
    return requireAction(ctx, pi, pm, p.use_stripe_sdk === true, returnUrl);
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
    pi.last_payment_error = authenticationFailure("PaymentIntent", pm);
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
