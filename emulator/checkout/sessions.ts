// Checkout Sessions (`/v1/checkout/sessions`): create (mode `payment` or `subscription`, hosted
// page), retrieve, list, `line_items`, expire. The customer pays on the emulator's hosted page
// (checkout/page.ts), which completes the session through `completeSession`.
import type Stripe from "stripe";
import type { RequestContext, Route } from "../core/context.ts";
import { registerIncludable } from "../core/expand.ts";
import { invalidRequest } from "../core/errors.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { arr, bool, createdFilter, int, listParams, mergeMetadata, metadata, obj, oneOf, openObj, req, str, type Params } from "../core/params.ts";
import type { Store } from "../core/store.ts";
import { cancel } from "../resources/payment_intent_capture.ts";
import { storeInlinePrice } from "../resources/price_data.ts";
import { load, reference } from "../resources/shared.ts";

export type CheckoutSession = Stripe.Checkout.Session;

/** What the hosted page needs besides the session: its line items and the payment in progress. */
export interface CheckoutMeta extends Record<string, unknown> {
  lineItems: Stripe.LineItem[];
  paymentIntentData?: Params;
  subscriptionData?: Params;
  /** Payment mode: the PaymentIntent created at the first attempt (confirmed again on retries). */
  paymentIntent?: string;
  /** Subscription mode: the incomplete subscription created at the first attempt. */
  subscription?: string;
}

export const SESSION_TTL_SECONDS = 24 * 3600;

const priceDataSpec = obj({
  currency: req(str()),
  product: str(),
  product_data: obj({ name: req(str()), description: str(), images: arr(str()), metadata: metadata(), tax_code: str(), unit_label: str() }),
  unit_amount: int(0),
  unit_amount_decimal: str(),
  recurring: obj({ interval: req(oneOf("day", "week", "month", "year")), interval_count: int(1) }),
  tax_behavior: oneOf("exclusive", "inclusive", "unspecified"),
});

const createSchema = {
  mode: oneOf("payment", "setup", "subscription"),
  line_items: arr(obj({ price: str(), price_data: priceDataSpec, quantity: int(1), adjustable_quantity: openObj(), dynamic_tax_rates: arr(str()), tax_rates: arr(str()), metadata: metadata() })),
  success_url: str(5000),
  cancel_url: str(5000),
  return_url: str(5000),
  customer: str(),
  customer_email: str(512),
  customer_creation: oneOf("always", "if_required"),
  client_reference_id: str(200),
  metadata: metadata(),
  ui_mode: oneOf("hosted_page", "embedded_page", "elements", "form"),
  expires_at: int(),
  locale: str(),
  submit_type: oneOf("auto", "book", "donate", "pay", "subscribe"),
  billing_address_collection: oneOf("auto", "required"),
  allow_promotion_codes: bool(),
  payment_method_types: arr(str()),
  payment_method_collection: oneOf("always", "if_required"),
  payment_intent_data: obj({ metadata: metadata(), description: str(), setup_future_usage: oneOf("off_session", "on_session"), capture_method: oneOf("automatic", "automatic_async", "manual"), receipt_email: str(), statement_descriptor: str(22), statement_descriptor_suffix: str(22), shipping: openObj(), transfer_group: str() }),
  subscription_data: obj({ metadata: metadata(), description: str(), trial_period_days: int(1), trial_end: int(), billing_cycle_anchor: int(), default_tax_rates: arr(str()), trial_settings: openObj() }),
  automatic_tax: obj({ enabled: req(bool()), liability: openObj() }),
  phone_number_collection: obj({ enabled: req(bool()) }),
  tax_id_collection: openObj(),
  custom_text: openObj(),
  consent_collection: openObj(),
  discounts: arr(openObj()),
  invoice_creation: openObj(),
  shipping_address_collection: openObj(),
  payment_method_options: openObj(),
  saved_payment_method_options: openObj(),
  redirect_on_completion: oneOf("always", "if_required", "never"),
  origin_context: oneOf("mobile_app", "web"),
};

/** A `price_data` line becomes a Price (and its Product when given as `product_data`), as Stripe creates them. */
function priceFromData(ctx: RequestContext, pd: Params, i: number): Stripe.Price {
  let productId: string = pd.product;
  if (productId) reference(ctx, "products", productId, "product", `line_items[${i}][price_data][product]`);
  else if (pd.product_data) {
    const now = nowSeconds();
    const product = {
      id: newId("prod"),
      object: "product",
      active: false,
      created: now,
      default_price: null,
      description: pd.product_data.description ?? null,
      images: pd.product_data.images ?? [],
      livemode: false,
      marketing_features: [],
      metadata: mergeMetadata({}, pd.product_data.metadata),
      name: pd.product_data.name,
      package_dimensions: null,
      shippable: null,
      statement_descriptor: null,
      tax_code: pd.product_data.tax_code ?? null,
      unit_label: pd.product_data.unit_label ?? null,
      updated: now,
      url: null,
    };
    ctx.emu.store.put("products", product);
    productId = product.id;
  } else throw invalidRequest(`Missing required param: line_items[${i}][price_data][product_data].`, { code: "parameter_missing", param: `line_items[${i}][price_data][product_data]` });
  const unit = pd.unit_amount ?? Math.round(Number(pd.unit_amount_decimal ?? NaN));
  if (!Number.isFinite(unit)) throw invalidRequest(`Missing required param: line_items[${i}][price_data][unit_amount].`, { code: "parameter_missing", param: `line_items[${i}][price_data][unit_amount]` });
  return storeInlinePrice(ctx, pd, productId, unit, pd.tax_behavior ?? "unspecified");
}

function lineItem(ctx: RequestContext, price: Stripe.Price, quantity: number, metadataInput: Params | undefined): Stripe.LineItem {
  const product = ctx.emu.store.get<{ name: string }>("products", price.product as string);
  const subtotal = (price.unit_amount ?? 0) * quantity;
  return {
    id: newId("li"),
    object: "item",
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: subtotal,
    amount_tax: 0,
    amount_total: subtotal,
    currency: price.currency,
    description: product?.name ?? null,
    metadata: mergeMetadata({}, metadataInput),
    price,
    quantity,
  };
}

export function checkoutMeta(store: Store, id: string): CheckoutMeta {
  return store.meta<CheckoutMeta>(id);
}

/** What the first payment charges: every line in payment mode; with a trial, only one-time lines. */
export function amountDueNow(session: CheckoutSession, meta: CheckoutMeta): number {
  const trial = session.mode === "subscription" && (meta.subscriptionData?.trial_period_days || meta.subscriptionData?.trial_end);
  return meta.lineItems.filter((li) => !(trial && li.price?.recurring)).reduce((sum, li) => sum + li.amount_total, 0);
}

registerIncludable("checkout.session", "line_items", (object, store) => {
  const id = object.id as string;
  const items = checkoutMeta(store, id).lineItems ?? [];
  return { object: "list", data: items.slice(0, 10), has_more: items.length > 10, url: `/v1/checkout/sessions/${id}/line_items` };
});

function createSession(ctx: RequestContext): CheckoutSession {
  const p = ctx.params;
  if (!p.mode) throw invalidRequest("Missing required param: mode.", { code: "parameter_missing", param: "mode" });
  if (p.mode === "setup") throw invalidRequest("The emulator models Checkout in `payment` and `subscription` mode only.", { param: "mode" });
  const uiMode = p.ui_mode ?? "hosted_page";
  if (uiMode !== "hosted_page") throw invalidRequest(`The emulator models Checkout with \`ui_mode: hosted_page\` only, not ${uiMode}.`, { param: "ui_mode" });
  if (p.return_url) throw invalidRequest("You can only set `return_url` when `ui_mode` is `embedded_page` or `elements`.", { param: "return_url" });
  if (p.customer && p.customer_email) throw invalidRequest("You may only specify one of these parameters: customer, customer_email.", { param: "customer_email" });
  if (p.payment_method_types?.some((t: string) => t !== "card"))
    throw invalidRequest("The emulator models card payments only: `payment_method_types` may only contain `card`.", { param: "payment_method_types" });
  const customer = p.customer ? reference<Stripe.Customer>(ctx, "customers", p.customer, "customer", "customer") : null;
  if (p.mode === "subscription" && p.customer_creation)
    throw invalidRequest("`customer_creation` can only be used in `payment` mode.", { param: "customer_creation" });
  if (p.mode !== "subscription" && p.subscription_data) throw invalidRequest("You can not pass `subscription_data` in `payment` mode.", { param: "subscription_data" });
  if (p.mode !== "payment" && p.payment_intent_data) throw invalidRequest("You can not pass `payment_intent_data` in `subscription` mode.", { param: "payment_intent_data" });
  const input: Params[] = p.line_items ?? [];
  if (!input.length) throw invalidRequest("Missing required param: line_items.", { code: "parameter_missing", param: "line_items" });
  const items = input.map((li, i) => {
    if (li.price && li.price_data) throw invalidRequest(`You may only specify one of these parameters: line_items[${i}][price], line_items[${i}][price_data].`, { param: `line_items[${i}][price]` });
    if (!li.price && !li.price_data) throw invalidRequest(`Missing required param: line_items[${i}][price].`, { code: "parameter_missing", param: `line_items[${i}][price]` });
    if (li.quantity === undefined || li.quantity === null) throw invalidRequest(`Missing required param: line_items[${i}][quantity].`, { code: "parameter_missing", param: `line_items[${i}][quantity]` });
    const price = li.price ? reference<Stripe.Price>(ctx, "prices", li.price, "price", `line_items[${i}][price]`) : priceFromData(ctx, li.price_data, i);
    if (price.recurring?.usage_type === "metered") throw invalidRequest("Metered prices are not modelled in the emulator's Checkout.", { param: `line_items[${i}][price]` });
    if (p.mode === "payment" && price.recurring)
      throw invalidRequest("You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.", { param: `line_items[${i}][price]` });
    return lineItem(ctx, price, li.quantity, li.metadata);
  });
  if (p.mode === "subscription" && !items.some((li) => li.price?.recurring))
    throw invalidRequest("You must provide at least one recurring price in `subscription` mode when using prices.", { param: "line_items" });
  const currency = items[0].currency;
  items.forEach((li, i) => {
    if (li.currency !== currency) throw invalidRequest("All line items must have the same currency.", { param: `line_items[${i}]` });
  });
  const now = nowSeconds();
  if (p.expires_at !== undefined && (p.expires_at < now + 1800 || p.expires_at > now + SESSION_TTL_SECONDS))
    throw invalidRequest("The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", { param: "expires_at" });
  const id = newId("cs_test");
  const subtotal = items.reduce((sum, li) => sum + li.amount_subtotal, 0);
  const session: CheckoutSession = {
    id,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: p.allow_promotion_codes ?? null,
    allowed_payment_method_types: null,
    amount_subtotal: subtotal,
    amount_total: subtotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: p.billing_address_collection ?? null,
    cancel_url: p.cancel_url ?? null,
    client_reference_id: p.client_reference_id ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customer?.id ?? null,
    customer_account: null,
    customer_creation: p.mode === "payment" ? (p.customer ? null : (p.customer_creation ?? "if_required")) : null,
    customer_details: customer ? { address: customer.address, business_name: null, email: customer.email, individual_name: null, name: customer.name, phone: customer.phone, tax_exempt: customer.tax_exempt ?? "none", tax_ids: [] } : null,
    customer_email: p.customer_email ?? null,
    discounts: [],
    expires_at: p.expires_at ?? now + SESSION_TTL_SECONDS,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: (p.locale as Stripe.Checkout.Session.Locale) ?? null,
    managed_payments: null,
    metadata: mergeMetadata({}, p.metadata),
    mode: p.mode,
    origin_context: p.origin_context ?? null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: p.mode === "subscription" ? (p.payment_method_collection ?? "always") : null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: "automatic" } },
    payment_method_types: ["card"],
    payment_status: "unpaid",
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: customer ? { allow_redisplay_filters: ["always"], payment_method_remove: "disabled", payment_method_save: null } : null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: p.submit_type ?? null,
    subscription: null,
    success_url: p.success_url ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: `${ctx.baseUrl}/c/pay/${id}`,
    wallet_options: null,
  } as CheckoutSession;
  ctx.emu.store.put("checkout_sessions", session);
  Object.assign(checkoutMeta(ctx.emu.store, id), { lineItems: items, paymentIntentData: p.payment_intent_data, subscriptionData: p.subscription_data });
  session.amount_total = amountDueNow(session, checkoutMeta(ctx.emu.store, id));
  return session;
}

/** Expires an open session (the API's expire, or its `expires_at` passing): cancels its PaymentIntent. */
export function expireSession(ctx: RequestContext, session: CheckoutSession): CheckoutSession {
  if (session.status !== "open")
    throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`, { param: "session" });
  session.status = "expired";
  session.url = null;
  ctx.emu.store.put("checkout_sessions", session);
  const piId = checkoutMeta(ctx.emu.store, session.id).paymentIntent;
  const pi = piId ? ctx.emu.store.get<Stripe.PaymentIntent>("payment_intents", piId) : undefined;
  if (pi && pi.status !== "succeeded" && pi.status !== "canceled" && pi.status !== "requires_capture") cancel(ctx, pi, "abandoned");
  ctx.emu.emit("checkout.session.expired", session, ctx);
  return session;
}

export const checkoutSessionRoutes: Route[] = [
  { method: "POST", path: "/v1/checkout/sessions", schema: createSchema, handler: createSession },
  {
    method: "GET",
    path: "/v1/checkout/sessions/:id",
    schema: {},
    handler: (ctx) => load<CheckoutSession>(ctx, "checkout_sessions", ctx.path.id, "checkout.session"),
  },
  {
    method: "POST",
    path: "/v1/checkout/sessions/:id",
    schema: { metadata: metadata(), collected_information: openObj(), shipping_options: arr(openObj()), line_items: arr(openObj()) },
    handler(ctx) {
      const session = load<CheckoutSession>(ctx, "checkout_sessions", ctx.path.id, "checkout.session");
      if (ctx.params.line_items || ctx.params.shipping_options || ctx.params.collected_information)
        throw invalidRequest("The emulator updates a Checkout Session's `metadata` only.", { param: "line_items" });
      session.metadata = mergeMetadata(session.metadata ?? {}, ctx.params.metadata);
      ctx.emu.store.put("checkout_sessions", session);
      return session;
    },
  },
  {
    method: "GET",
    path: "/v1/checkout/sessions",
    schema: { ...listParams, customer: str(), customer_details: obj({ email: req(str()) }), payment_intent: str(), payment_link: str(), subscription: str(), status: oneOf("complete", "expired", "open"), created: createdFilter, customer_account: str() },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store.all<CheckoutSession>("checkout_sessions").filter(
        (s) =>
          (!p.customer || s.customer === p.customer) &&
          (!p.customer_details || s.customer_details?.email === p.customer_details.email) &&
          (!p.payment_intent || s.payment_intent === p.payment_intent) &&
          (!p.subscription || s.subscription === p.subscription) &&
          (!p.status || s.status === p.status) &&
          !p.payment_link &&
          matchesCreated(s.created, p.created),
      );
      return paginate(items, p, "/v1/checkout/sessions");
    },
  },
  {
    method: "GET",
    path: "/v1/checkout/sessions/:id/line_items",
    schema: { ...listParams },
    handler(ctx) {
      const session = load<CheckoutSession>(ctx, "checkout_sessions", ctx.path.id, "checkout.session");
      return paginate(checkoutMeta(ctx.emu.store, session.id).lineItems ?? [], ctx.params, `/v1/checkout/sessions/${session.id}/line_items`);
    },
  },
  {
    method: "POST",
    path: "/v1/checkout/sessions/:id/expire",
    schema: {},
    handler(ctx) {
      return expireSession(ctx, load<CheckoutSession>(ctx, "checkout_sessions", ctx.path.id, "checkout.session"));
    },
  },
];
