// Billing Portal configurations (`/v1/billing_portal/configurations`): create, retrieve, update, list.
// The first portal session without `configuration` creates the account's default configuration (what
// saving the portal settings in the Dashboard does on Stripe), with the Dashboard's default features.
import type Stripe from "stripe";
import type { RequestContext, Route } from "../core/context.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { paginate } from "../core/list.ts";
import { arr, bool, listParams, mergeMetadata, metadata, obj, oneOf, openObj, req, str, type Params } from "../core/params.ts";
import { load } from "../resources/shared.ts";

export type PortalConfiguration = Stripe.BillingPortal.Configuration;

const featuresSpec = obj({
  customer_update: obj({ allowed_updates: arr(oneOf("address", "email", "name", "phone", "shipping", "tax_id")), enabled: bool() }),
  invoice_history: obj({ enabled: req(bool()) }),
  payment_method_update: obj({ enabled: req(bool()), payment_method_configuration: str() }),
  subscription_cancel: obj({
    cancellation_reason: obj({ enabled: req(bool()), options: arr(oneOf("customer_service", "low_quality", "missing_features", "other", "switched_service", "too_complex", "too_expensive", "unused")) }),
    enabled: req(bool()),
    mode: oneOf("at_period_end", "immediately"),
    proration_behavior: oneOf("always_invoice", "create_prorations", "none"),
  }),
  subscription_pause: openObj(),
  subscription_update: openObj(),
});

const fields = {
  business_profile: obj({ headline: str(60), privacy_policy_url: str(), terms_of_service_url: str() }),
  default_return_url: str(),
  login_page: obj({ enabled: req(bool()) }),
  metadata: metadata(),
  name: str(),
};

type Features = Stripe.BillingPortal.Configuration.Features;

function disabledFeatures(): Features {
  return {
    customer_update: { allowed_updates: [], enabled: false },
    invoice_history: { enabled: false },
    payment_method_update: { enabled: false, payment_method_configuration: null },
    subscription_cancel: { cancellation_reason: { enabled: false, feedback_options: null, options: [] }, enabled: false, mode: "at_period_end", proration_behavior: "none" },
    subscription_pause: { duration: { interval_options: [], type: "indefinite" }, enabled: false },
    subscription_update: { billing_cycle_anchor: null, default_allowed_updates: [], enabled: false, products: [], proration_behavior: "none", schedule_at_period_end: { conditions: [] }, trial_update_behavior: "end_trial" },
  };
}

/** Merges requested features onto `base` (only the parts the emulator acts on are modelled; see README). */
function mergeFeatures(base: Features, input: Params | undefined): Features {
  if (!input) return base;
  const f = structuredClone(base);
  if (input.customer_update) {
    if (input.customer_update.enabled !== undefined) f.customer_update.enabled = input.customer_update.enabled;
    if (input.customer_update.allowed_updates !== undefined) f.customer_update.allowed_updates = input.customer_update.allowed_updates ?? [];
  }
  if (input.invoice_history) f.invoice_history.enabled = input.invoice_history.enabled;
  if (input.payment_method_update) {
    f.payment_method_update.enabled = input.payment_method_update.enabled;
    if (input.payment_method_update.payment_method_configuration !== undefined) f.payment_method_update.payment_method_configuration = input.payment_method_update.payment_method_configuration;
  }
  const cancel = input.subscription_cancel;
  if (cancel) {
    f.subscription_cancel.enabled = cancel.enabled;
    if (cancel.mode) f.subscription_cancel.mode = cancel.mode;
    if (cancel.proration_behavior) f.subscription_cancel.proration_behavior = cancel.proration_behavior;
    if (cancel.cancellation_reason) f.subscription_cancel.cancellation_reason = { enabled: cancel.cancellation_reason.enabled, feedback_options: null, options: cancel.cancellation_reason.options ?? [] };
  }
  if (input.subscription_pause?.enabled !== undefined) f.subscription_pause.enabled = input.subscription_pause.enabled === "true" || input.subscription_pause.enabled === true;
  if (input.subscription_update?.enabled !== undefined) f.subscription_update.enabled = input.subscription_update.enabled === "true" || input.subscription_update.enabled === true;
  return f;
}

function build(ctx: RequestContext, p: Params, isDefault: boolean, features: Features): PortalConfiguration {
  const now = nowSeconds();
  return {
    id: newId("bpc"),
    object: "billing_portal.configuration",
    active: true,
    application: null,
    business_profile: { headline: p.business_profile?.headline ?? null, privacy_policy_url: p.business_profile?.privacy_policy_url ?? null, terms_of_service_url: p.business_profile?.terms_of_service_url ?? null },
    created: now,
    default_return_url: p.default_return_url ?? null,
    features: mergeFeatures(features, p.features),
    is_default: isDefault,
    livemode: false,
    login_page: { enabled: p.login_page?.enabled ?? false, url: p.login_page?.enabled ? `${ctx.baseUrl}/p/login/${newId("test")}` : null },
    metadata: mergeMetadata({}, p.metadata),
    name: p.name ?? null,
    updated: now,
  };
}

/** The account's default configuration, created on first use with the Dashboard's defaults. */
export function defaultConfiguration(ctx: RequestContext): PortalConfiguration {
  const existing = ctx.emu.store.all<PortalConfiguration>("billing_portal_configurations").find((c) => c.is_default);
  if (existing) return existing;
  const features = disabledFeatures();
  features.customer_update = { allowed_updates: ["email", "address"], enabled: true };
  features.invoice_history.enabled = true;
  features.payment_method_update.enabled = true;
  features.subscription_cancel.enabled = true;
  const config = build(ctx, {}, true, features);
  ctx.emu.store.put("billing_portal_configurations", config);
  ctx.emu.emit("billing_portal.configuration.created", config, ctx);
  return config;
}

export const portalConfigurationRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/billing_portal/configurations",
    schema: { ...fields, features: req(featuresSpec) },
    handler(ctx) {
      const config = build(ctx, ctx.params, false, disabledFeatures());
      ctx.emu.store.put("billing_portal_configurations", config);
      ctx.emu.emit("billing_portal.configuration.created", config, ctx);
      return config;
    },
  },
  {
    method: "GET",
    path: "/v1/billing_portal/configurations/:id",
    schema: {},
    handler: (ctx) => load<PortalConfiguration>(ctx, "billing_portal_configurations", ctx.path.id, "billing portal configuration"),
  },
  {
    method: "POST",
    path: "/v1/billing_portal/configurations/:id",
    schema: { ...fields, features: featuresSpec, active: bool() },
    handler(ctx) {
      const config = load<PortalConfiguration>(ctx, "billing_portal_configurations", ctx.path.id, "billing portal configuration");
      const p = ctx.params;
      const before = structuredClone(config);
      if (p.active !== undefined && p.active !== null) config.active = p.active;
      if (p.business_profile) config.business_profile = { ...config.business_profile, ...p.business_profile };
      if (p.default_return_url !== undefined) config.default_return_url = p.default_return_url;
      if (p.features) config.features = mergeFeatures(config.features, p.features);
      if (p.login_page) config.login_page = { enabled: p.login_page.enabled, url: p.login_page.enabled ? (config.login_page.url ?? `${ctx.baseUrl}/p/login/${newId("test")}`) : null };
      if (p.name !== undefined) config.name = p.name;
      config.metadata = mergeMetadata(config.metadata ?? {}, p.metadata);
      const previous: Record<string, unknown> = {};
      for (const key of Object.keys(config) as (keyof PortalConfiguration)[])
        if (JSON.stringify(before[key]) !== JSON.stringify(config[key])) previous[key] = before[key];
      if (Object.keys(previous).length) {
        previous.updated = config.updated;
        config.updated = nowSeconds();
        ctx.emu.store.put("billing_portal_configurations", config);
        ctx.emu.emit("billing_portal.configuration.updated", config, ctx, previous);
      }
      return config;
    },
  },
  {
    method: "GET",
    path: "/v1/billing_portal/configurations",
    schema: { ...listParams, active: bool(), is_default: bool() },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<PortalConfiguration>("billing_portal_configurations")
        .filter((c) => (p.active === undefined || c.active === p.active) && (p.is_default === undefined || c.is_default === p.is_default));
      return paginate(items, p, "/v1/billing_portal/configurations");
    },
  },
];
