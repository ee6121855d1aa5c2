// Restricted API keys (rk_test_…): a key minted through the control API holds, per Stripe resource,
// Read or Write (Write includes Read) and is refused the rest with Stripe's 403, before the request's
// parameters or objects are looked at (so a probe with an empty body or an unknown id tells a missing
// permission from a granted one without changing anything).
//
// ROUTE_PERMISSIONS is the one table from a /v1 route to its permission: the longest path prefix
// wins; GET needs `<resource>_read`, POST and DELETE `<resource>_write` (shared/stripe
// CONNECT-INVOICING-RADAR §C2). Resource slugs are Stripe's (`plan` is Prices, `webhook` is Webhook
// Endpoints), as its errors name them: `rak_<resource>_<read|write>`.
import type { HttpMethod, Route } from "./context.ts";
import { ApiError } from "./errors.ts";
import { randomToken, nowSeconds } from "./ids.ts";
import type { Store } from "./store.ts";

/** Stripe's resource slugs, with the Dashboard's name for each (the restricted-key form). */
export const RESTRICTED_KEY_RESOURCES = {
  accounts_kyc_basic: "Account (basic details)",
  balance: "Balance",
  billing_meter: "Meters",
  billing_meter_event: "Meter events",
  charge: "Charges",
  checkout_session: "Checkout Sessions",
  coupon: "Coupons",
  customer: "Customers",
  customer_portal: "Customer portal",
  dispute: "Disputes",
  event: "Events",
  invoice: "Invoices",
  payment_intent: "PaymentIntents",
  payment_method: "PaymentMethods",
  plan: "Prices",
  product: "Products",
  promotion_code: "Promotion codes",
  refund: "Refunds",
  review: "Reviews",
  setup_intent: "SetupIntents",
  subscription: "Subscriptions",
  test_clock: "Test clocks",
  webhook: "Webhook Endpoints",
} as const;

export type RestrictedKeyResource = keyof typeof RESTRICTED_KEY_RESOURCES;
export type Access = "read" | "write";

/** Route path prefix → the resource whose permission it needs. */
export const ROUTE_PERMISSIONS: readonly (readonly [prefix: string, resource: RestrictedKeyResource])[] = [
  ["/v1/customers/:id/payment_methods", "payment_method"],
  ["/v1/customers", "customer"],
  ["/v1/products", "product"],
  ["/v1/prices", "plan"],
  ["/v1/payment_methods", "payment_method"],
  ["/v1/payment_intents", "payment_intent"],
  ["/v1/charges/:id/refunds", "refund"],
  ["/v1/charges", "charge"],
  ["/v1/refunds", "refund"],
  ["/v1/disputes", "dispute"],
  ["/v1/reviews", "review"],
  ["/v1/account", "accounts_kyc_basic"],
  ["/v1/events", "event"],
  ["/v1/webhook_endpoints", "webhook"],
  ["/v1/setup_intents", "setup_intent"],
  ["/v1/balance", "balance"],
  ["/v1/balance_transactions", "balance"],
  ["/v1/coupons", "coupon"],
  ["/v1/promotion_codes", "promotion_code"],
  ["/v1/subscriptions", "subscription"],
  ["/v1/subscription_items", "subscription"],
  ["/v1/invoices", "invoice"],
  ["/v1/invoiceitems", "invoice"],
  ["/v1/invoice_payments", "invoice"],
  ["/v1/billing/meters", "billing_meter"],
  ["/v1/billing/meter_events", "billing_meter_event"],
  ["/v1/test_helpers/test_clocks", "test_clock"],
  ["/v1/checkout/sessions", "checkout_session"],
  ["/v1/billing_portal", "customer_portal"],
];

const BY_LENGTH = [...ROUTE_PERMISSIONS].sort((a, b) => b[0].length - a[0].length);

/** The permission a route needs, or null when the table has no row for it. */
export function routePermission(method: HttpMethod, path: string): { resource: RestrictedKeyResource; access: Access } | null {
  const row = BY_LENGTH.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
  return row ? { resource: row[1], access: method === "GET" ? "read" : "write" } : null;
}

export interface RestrictedKey {
  id: string;
  object: "restricted_key";
  created: number;
  name: string | null;
  permissions: Partial<Record<RestrictedKeyResource, Access>>;
}

/** Minted keys carry the emulator's name, so Payport's local mode recognises them (lib/env.ts). */
export const RESTRICTED_KEY_PREFIX = "rk_test_emulator_";

export function parsePermissions(input: unknown): RestrictedKey["permissions"] | string {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return "permissions must be an object such as { \"payment_intent\": \"write\", \"product\": \"read\" }.";
  const out: RestrictedKey["permissions"] = {};
  for (const [resource, access] of Object.entries(input)) {
    if (!(resource in RESTRICTED_KEY_RESOURCES)) return `Unknown resource '${resource}'. Known resources: ${Object.keys(RESTRICTED_KEY_RESOURCES).join(", ")}.`;
    if (access === "none") continue;
    if (access !== "read" && access !== "write") return `permissions.${resource} must be "read", "write" or "none".`;
    out[resource as RestrictedKeyResource] = access;
  }
  return out;
}

export function mintRestrictedKey(store: Store, permissions: RestrictedKey["permissions"], name: string | null): RestrictedKey {
  const key: RestrictedKey = { id: `${RESTRICTED_KEY_PREFIX}${randomToken(24)}`, object: "restricted_key", created: nowSeconds(), name, permissions };
  return store.put("restricted_keys", key);
}

function granted(key: RestrictedKey, resource: RestrictedKeyResource, access: Access): boolean {
  const held = key.permissions[resource];
  return held === "write" || held === access;
}

/** Stripe masks all but the key's last six characters in permission errors. */
function maskRestrictedKey(key: string): string {
  const prefix = key.slice(0, "rk_test_".length);
  return `${prefix}${"*".repeat(Math.max(4, key.length - prefix.length - 6))}${key.slice(-6)}`;
}

/**
 * Stripe's refusal of a restricted key without the route's permission: 403, type
 * `invalid_request_error` (the SDK raises StripePermissionError for any 403), no code or param.
 */
export function permissionRefusal(key: RestrictedKey, route: Route, accountId: string): ApiError | null {
  const needed = routePermission(route.method, route.path);
  if (!needed) return new ApiError(403, { type: "invalid_request_error", message: `The provided key '${maskRestrictedKey(key.id)}' does not have the required permissions for this endpoint on account '${accountId}'. This is a restricted API key, but the required permissions are not available for use by restricted keys.` });
  if (granted(key, needed.resource, needed.access)) return null;
  return new ApiError(403, {
    type: "invalid_request_error",
    message: `The provided key '${maskRestrictedKey(key.id)}' does not have the required permissions for this endpoint on account '${accountId}'. Having the 'rak_${needed.resource}_${needed.access}' permission would allow this request to continue.`,
  });
}
