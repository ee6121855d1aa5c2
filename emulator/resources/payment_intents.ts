// Routes of /v1/payment_intents.
import type Stripe from "stripe";
import type { Route } from "../core/context.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { bool, createdFilter, int, listParams, metadata, oneOf, str } from "../core/params.ts";
import { checkClientSecret, paymentMethodFromParams, rejectPaymentMethodTypes, stripeJsExtras } from "./intents.ts";
import { load, reference } from "./shared.ts";
import { confirmFields, createSchema, updateSchema } from "./payment_intent_schemas.ts";
import { validateAmount, normaliseCurrency, buildPaymentIntent } from "./payment_intent_build.ts";
import { update } from "./payment_intent_update.ts";
import { confirm } from "./payment_intent_confirm.ts";
import { capture, cancel } from "./payment_intent_capture.ts";
import { piMeta } from "./payment_intent_records.ts";

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
      if (p.radar_options?.session) piMeta(ctx.emu, pi.id).radarSession = p.radar_options.session;
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
