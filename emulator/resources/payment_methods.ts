import { createHash } from "node:crypto";
import type Stripe from "stripe";
import type { RequestContext, Route } from "../core/context.ts";
import { ApiError, docUrl, invalidRequest, missingParameter, noSuch } from "../core/errors.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { paginate } from "../core/list.ts";
import { addressSpec, int, openObj, listParams, mergeMetadata, metadata, obj, oneOf, req, str, type Params, type Schema } from "../core/params.ts";
import { TEMPLATES, describeCard, luhnValid, type TestCard } from "../core/testcards.ts";
import { address, applyUpdate, load, reference, storeUpdate } from "./shared.ts";

/** Emulator-private facts about a PaymentMethod. */
export interface PaymentMethodMeta extends Record<string, unknown> {
  number?: string;
  /** Used by a PaymentIntent without a customer, or detached: cannot be used again (BEHAVIOR §4.2). */
  consumed?: boolean;
  /** Set up for future off-session use (3155 then succeeds off-session). */
  setupForOffSession?: boolean;
}

/** Telemetry Stripe.js sends with publishable-key calls; accepted and ignored. */
export const stripeJsTelemetry: Schema = {
  payment_user_agent: str(),
  time_on_page: str(),
  guid: str(),
  muid: str(),
  sid: str(),
  referrer: str(),
};

export const billingDetailsSpec = obj({ address: addressSpec, email: str(), name: str(), phone: str(), tax_id: str() });
export const cardSpec = obj({ number: str(), exp_month: int(), exp_year: int(), cvc: str(), token: str(), networks: obj({ preferred: str() }) });
export const paymentMethodDataSpec = obj({
  type: req(oneOf("card")),
  card: cardSpec,
  billing_details: billingDetailsSpec,
  metadata: metadata(),
  allow_redisplay: oneOf("always", "limited", "unspecified"),
});

function cardError(code: string, message: string, param: string, extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(402, { type: "card_error", code, doc_url: docUrl(code), message, param, ...extra });
}

function fingerprint(number: string): string {
  return createHash("sha256").update(number).digest("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, 16);
}

export function billingDetails(input: Params | null | undefined): Stripe.PaymentMethod.BillingDetails {
  return {
    address: address(input?.address) ?? { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
    email: input?.email ?? null,
    name: input?.name ?? null,
    phone: input?.phone ?? null,
    tax_id: input?.tax_id ?? null,
  };
}

export function testCardOf(ctx: RequestContext, pm: Stripe.PaymentMethod): TestCard {
  const number = ctx.emu.store.meta<PaymentMethodMeta>(pm.id).number;
  return describeCard(number ?? "4242424242424242");
}

function buildCardPaymentMethod(
  ctx: RequestContext,
  number: string,
  expMonth: number,
  expYear: number,
  cvc: string | null,
  extra: { billing_details?: Params | null; metadata?: Record<string, string | null> | null; allow_redisplay?: Stripe.PaymentMethod.AllowRedisplay },
): Stripe.PaymentMethod {
  const info = describeCard(number);
  const cvcCheck = cvc === null ? null : info.behavior.kind === "cvc_fail" ? "fail" : "pass";
  const pm: Stripe.PaymentMethod = {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: extra.allow_redisplay ?? "unspecified",
    billing_details: billingDetails(extra.billing_details),
    card: {
      brand: info.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: cvcCheck },
      country: info.country,
      display_brand: info.brand,
      exp_month: expMonth,
      exp_year: expYear,
      fingerprint: fingerprint(number),
      funding: info.funding,
      generated_from: null,
      last4: number.slice(-4),
      networks: { available: [info.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: info.brand !== "amex" },
      wallet: null,
    },
    created: nowSeconds(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: mergeMetadata({}, extra.metadata),
    type: "card",
  };
  ctx.emu.store.put("payment_methods", pm);
  ctx.emu.store.meta<PaymentMethodMeta>(pm.id).number = number;
  return pm;
}

/** Creates a card PaymentMethod from `type=card&card[...]` (or `payment_method_data`), validating like Stripe. */
export function createPaymentMethod(ctx: RequestContext, data: Params, prefix = ""): Stripe.PaymentMethod {
  const card = data.card as Params | undefined;
  const p = (name: string) => (prefix ? `${prefix}[card][${name}]` : `card[${name}]`);
  if (!card) throw missingParameter(prefix ? `${prefix}[card]` : "card");
  if (card.token) {
    const number = TEMPLATES[card.token];
    if (!number) throw noSuch("token", card.token, p("token"), 400);
    return buildCardPaymentMethod(ctx, number, 12, new Date().getFullYear() + 3, null, data);
  }
  if (!card.number) throw missingParameter(p("number"));
  if (!ctx.publishable && !ctx.emu.options.rawCardData) throw rawCardDataRefused();
  const number = String(card.number).replace(/[\s-]/g, "");
  if (!luhnValid(number)) throw cardError("incorrect_number", "Your card number is incorrect.", p("number"));
  if (card.exp_month === undefined || card.exp_month === null) throw missingParameter(p("exp_month"));
  if (card.exp_year === undefined || card.exp_year === null) throw missingParameter(p("exp_year"));
  if (card.exp_month < 1 || card.exp_month > 12)
    throw cardError("invalid_expiry_month", "Your card's expiration month is invalid.", p("exp_month"));
  const year = card.exp_year < 100 ? 2000 + card.exp_year : card.exp_year;
  const now = new Date();
  if (year < now.getFullYear() || (year === now.getFullYear() && card.exp_month < now.getMonth() + 1) || year > now.getFullYear() + 50)
    throw cardError("invalid_expiry_year", "Your card's expiration year is invalid.", p("exp_year"));
  const cvc = card.cvc ?? null;
  const info = describeCard(number);
  if (cvc !== null && !(info.brand === "amex" ? /^\d{3,4}$/ : /^\d{3}$/).test(cvc))
    throw cardError("invalid_cvc", "Your card's security code is invalid.", p("cvc"));
  return buildCardPaymentMethod(ctx, number, card.exp_month, year, cvc, data);
}

/** Raw card numbers with a secret key, as Stripe answers them in test mode (see README). */
function rawCardDataRefused() {
  return new ApiError(400, {
    type: "invalid_request_error",
    message:
      "Sending credit card numbers directly to the Stripe API is generally unsafe. We suggest you use test tokens that map to the test card you are using, see https://stripe.com/docs/testing. To enable raw card data APIs in test mode, see https://support.stripe.com/questions/enabling-access-to-raw-card-data-apis.",
  });
}

/** A `pm_…` id, or a `pm_card_*` template which materialises a new PaymentMethod (BEHAVIOR §3). */
export function resolvePaymentMethod(ctx: RequestContext, id: string, param: string): Stripe.PaymentMethod {
  const templateNumber = TEMPLATES[id];
  if (templateNumber) return buildCardPaymentMethod(ctx, templateNumber, 12, new Date().getFullYear() + 3, null, {});
  return reference<Stripe.PaymentMethod>(ctx, "payment_methods", id, "PaymentMethod", param);
}

export function attachPaymentMethod(ctx: RequestContext, pm: Stripe.PaymentMethod, customer: Stripe.Customer): void {
  if (pm.customer === customer.id) return;
  if (pm.customer)
    throw invalidRequest("The payment method you provided has already been attached to a customer.", { param: "payment_method" });
  const meta = ctx.emu.store.meta<PaymentMethodMeta>(pm.id);
  if (meta.consumed)
    throw invalidRequest(
      "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.",
      { param: "payment_method" },
    );
  const behavior = testCardOf(ctx, pm).behavior;
  if (behavior.kind === "decline" && behavior.onAttach)
    throw new ApiError(402, {
      type: "card_error",
      code: behavior.code,
      decline_code: behavior.decline_code,
      doc_url: docUrl(behavior.code),
      message: behavior.message,
      payment_method: pm,
    });
  pm.customer = customer.id;
  ctx.emu.store.put("payment_methods", pm);
  ctx.emu.emit("payment_method.attached", pm, ctx);
}

/** Billing clears subscription defaults that name a detached card (BEHAVIOR §4.2). */
export const paymentMethodHooks = { detached: [] as ((ctx: RequestContext, pmId: string) => void)[] };

export const paymentMethodRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/payment_methods",
    publishable: true,
    schema: {
      type: req(oneOf("card")),
      card: cardSpec,
      billing_details: billingDetailsSpec,
      metadata: metadata(),
      allow_redisplay: oneOf("always", "limited", "unspecified"),
      ...stripeJsTelemetry,
      key: str(),
      client_attribution_metadata: openObj(),
    },
    handler: (ctx) => createPaymentMethod(ctx, ctx.params),
  },
  {
    method: "GET",
    path: "/v1/payment_methods/:id",
    schema: {},
    handler: (ctx) => resolveForRead(ctx),
  },
  {
    method: "POST",
    path: "/v1/payment_methods/:id",
    schema: {
      billing_details: billingDetailsSpec,
      metadata: metadata(),
      allow_redisplay: oneOf("always", "limited", "unspecified"),
      card: obj({ exp_month: int(), exp_year: int(), networks: obj({ preferred: str() }) }),
    },
    handler(ctx) {
      const pm = load<Stripe.PaymentMethod>(ctx, "payment_methods", ctx.path.id, "PaymentMethod");
      if (!pm.customer) throw invalidRequest("You must save this PaymentMethod to a customer before you can update it.");
      const p = ctx.params;
      const update: Partial<Stripe.PaymentMethod> = { metadata: mergeMetadata(pm.metadata ?? {}, p.metadata) };
      if (p.billing_details) {
        const current = pm.billing_details;
        update.billing_details = {
          ...current,
          ...Object.fromEntries(Object.entries(p.billing_details).filter(([k]) => k !== "address")),
          address: p.billing_details.address ? { ...current.address!, ...p.billing_details.address } : current.address,
        } as Stripe.PaymentMethod.BillingDetails;
      }
      if (p.allow_redisplay) update.allow_redisplay = p.allow_redisplay;
      if (p.card && pm.card) update.card = { ...pm.card, exp_month: p.card.exp_month ?? pm.card.exp_month, exp_year: p.card.exp_year ?? pm.card.exp_year };
      const previous = applyUpdate(pm, update);
      return storeUpdate(ctx, "payment_methods", pm, "payment_method.updated", previous);
    },
  },
  {
    method: "GET",
    path: "/v1/payment_methods",
    schema: { ...listParams, customer: str(), type: str(), allow_redisplay: str() },
    handler(ctx) {
      const p = ctx.params;
      if (p.customer) reference(ctx, "customers", p.customer, "customer", "customer");
      const items = ctx.emu.store
        .all<Stripe.PaymentMethod>("payment_methods")
        .filter((pm) => (!p.customer || pm.customer === p.customer) && (!p.type || pm.type === p.type));
      return paginate(items, p, "/v1/payment_methods");
    },
  },
  {
    method: "POST",
    path: "/v1/payment_methods/:id/attach",
    schema: { customer: req(str()) },
    handler(ctx) {
      const pm = resolvePaymentMethod(ctx, ctx.path.id, "id");
      const customer = reference<Stripe.Customer>(ctx, "customers", ctx.params.customer, "customer", "customer");
      attachPaymentMethod(ctx, pm, customer);
      return pm;
    },
  },
  {
    method: "POST",
    path: "/v1/payment_methods/:id/detach",
    schema: {},
    handler(ctx) {
      const pm = load<Stripe.PaymentMethod>(ctx, "payment_methods", ctx.path.id, "PaymentMethod");
      if (!pm.customer)
        throw invalidRequest("The payment method you provided is not attached to a customer so detachment is impossible.");
      const customer = ctx.emu.store.get<Stripe.Customer>("customers", pm.customer as string);
      pm.customer = null;
      ctx.emu.store.put("payment_methods", pm);
      ctx.emu.store.meta<PaymentMethodMeta>(pm.id).consumed = true;
      ctx.emu.emit("payment_method.detached", pm, ctx, { customer: customer?.id ?? null });
      for (const hook of paymentMethodHooks.detached) hook(ctx, pm.id);
      if (customer && customer.invoice_settings.default_payment_method === pm.id) {
        const before = customer.invoice_settings;
        customer.invoice_settings = { ...before, default_payment_method: null };
        ctx.emu.store.put("customers", customer);
        ctx.emu.emit("customer.updated", customer, null, { invoice_settings: before });
      }
      return pm;
    },
  },
];

function resolveForRead(ctx: RequestContext): Stripe.PaymentMethod {
  if (TEMPLATES[ctx.path.id]) return resolvePaymentMethod(ctx, ctx.path.id, "id");
  return load<Stripe.PaymentMethod>(ctx, "payment_methods", ctx.path.id, "PaymentMethod");
}
