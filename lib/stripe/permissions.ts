// What a restricted API key (rk_live_… / rk_test_…) must hold for Payport: per feature, per
// Stripe resource, Read or Write (Write includes Read), in Stripe's own vocabulary. The one source
// of the README's permission table, of the start-up/readiness check (lib/stripe/permission-check.ts)
// and of the scan that fails when a Stripe call is added without its permission
// (tests/stripe-permissions.test.ts reads every `stripe.<resource>.<method>(` under lib/, app/ and
// scripts/ and checks the feature owning the file grants it).
import { isStripePermissionError } from "@/lib/stripe/types";

/** Stripe's resource slugs (its errors name `rak_<slug>_<read|write>`) and the Dashboard's names for them. */
export const STRIPE_RESOURCES = {
  accounts_kyc_basic: "Account (basic details)",
  balance: "Balance",
  billing_meter: "Meters",
  billing_meter_event: "Meter events",
  charge: "Charges",
  coupon: "Coupons",
  customer: "Customers",
  dispute: "Disputes",
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

export type StripeResource = keyof typeof STRIPE_RESOURCES;
export type Access = "read" | "write";
export type Permission = { resource: StripeResource; access: Access };

/**
 * When a feature's permissions are needed: `runtime` by the running app (checked at start-up and
 * by /api/ready), `test-mode` only with test keys, `optional` used when granted and tolerated when
 * not, `script` only by a one-off command run with a key of its own.
 */
export type FeatureScope = "runtime" | "test-mode" | "optional" | "script";

export type Feature = {
  title: string;
  scope: FeatureScope;
  /** The code whose Stripe calls this feature answers for: folders (ending in /) or files; the longest match owns a file. */
  sources: string[];
  /** What its own code (`sources`) calls: the scan checks this both ways. */
  permissions: Partial<Record<StripeResource, Access>>;
  /** What it needs through another feature's code it runs (listed by hand, not scanned). */
  reaches?: Partial<Record<StripeResource, Access>>;
};

/** Everything a feature needs: its own calls and what it reaches through other code. */
export function featurePermissions(feature: Feature): Permission[] {
  const merged = new Map<StripeResource, Access>();
  for (const table of [feature.permissions, feature.reaches ?? {}])
    for (const [resource, access] of Object.entries(table) as [StripeResource, Access][]) if (merged.get(resource) !== "write") merged.set(resource, access);
  return [...merged].map(([resource, access]) => ({ resource, access }));
}

export const FEATURES = {
  checkout: {
    title: "Checkout (one-time orders: PaymentIntent per order, the buyer's Stripe customer)",
    scope: "runtime",
    sources: ["lib/orders/", "lib/auth/stripe-customer.ts"],
    permissions: { payment_intent: "write", customer: "write" },
  },
  subscriptions: {
    title: "Subscriptions and the customer portal (subscribe with a promotion code, change plan, cancel/resume, admin cancel, cards, invoices)",
    scope: "runtime",
    sources: ["lib/subscriptions/", "lib/payment-methods/", "lib/invoices/", "lib/auth/ownership.ts"],
    permissions: { subscription: "write", customer: "write", invoice: "write", setup_intent: "write", payment_method: "write", promotion_code: "read" },
  },
  usage: {
    title: "Usage reporting (the metered add-on: meter events and usage summaries)",
    scope: "runtime",
    sources: ["lib/usage/"],
    permissions: { billing_meter_event: "write", billing_meter: "read", subscription: "read" },
  },
  refunds: {
    title: "Admin refunds",
    scope: "runtime",
    sources: ["lib/refunds/"],
    permissions: { refund: "write" },
  },
  disputes: {
    title: "Admin disputes (evidence, accept)",
    scope: "runtime",
    sources: ["lib/disputes/"],
    permissions: { dispute: "write" },
  },
  reviews: {
    title: "Radar reviews (approve; refund-and-close goes through refunds)",
    scope: "runtime",
    sources: ["lib/reviews/"],
    permissions: { review: "write" },
  },
  reconcile: {
    title: "Reconciliation (`npm run reconcile` and the admin action: re-reads what webhooks may have missed)",
    scope: "runtime",
    sources: ["lib/reconcile/"],
    permissions: { payment_intent: "read", charge: "read", refund: "read", dispute: "read", review: "read", invoice: "read", subscription: "read" },
  },
  stripeApp: {
    title: "Stripe App backend (payment, invoice and product views in the Dashboard; staff edit a plan's features)",
    scope: "runtime",
    sources: ["lib/stripe-app/", "lib/catalog/feature-edits.ts"],
    permissions: { charge: "read", invoice: "read", product: "write" },
    // The customer view shows this period's metered usage (lib/usage).
    reaches: { subscription: "read", billing_meter: "read" },
  },
  catalogMirror: {
    title: "Catalog mirror (a price webhook whose product is not mirrored yet re-reads the product)",
    scope: "runtime",
    sources: ["lib/catalog/"],
    permissions: { product: "read" },
  },
  testClocks: {
    title: "Test clocks (a subscription on a test clock takes its time from the clock; test mode only)",
    scope: "test-mode",
    sources: ["lib/subscriptions/clock.ts"],
    permissions: { test_clock: "read" },
  },
  payments: {
    title: "Payments in admin (Stripe's fee of each charge, from its balance transaction)",
    scope: "runtime",
    sources: ["lib/payments/"],
    permissions: { balance: "read" },
  },
  platformAccount: {
    title: "Platform account lookup (events that name an account; not needed when STRIPE_ACCOUNT_ID is set)",
    scope: "optional",
    sources: ["lib/stripe/accounts.ts"],
    permissions: { accounts_kyc_basic: "read" },
  },
  readiness: {
    title: "Readiness probe (/api/ready reads the balance; without the permission Stripe's 403 still proves the key works)",
    scope: "optional",
    sources: ["lib/health/"],
    permissions: { balance: "read" },
  },
  catalogSeed: {
    title: "Catalog seeding (`npm run seed-catalog`, run once per account, e.g. with a secret key)",
    scope: "script",
    sources: ["lib/catalog/seed.ts", "lib/catalog/demo-promotion.ts"],
    permissions: { product: "write", plan: "write", billing_meter: "write", coupon: "write", promotion_code: "write" },
  },
} satisfies Record<string, Feature>;

export type FeatureName = keyof typeof FEATURES;

/** The feature that answers for a source file (the longest matching source). */
export function featureOwning(file: string): FeatureName | null {
  let best: { name: FeatureName; length: number } | null = null;
  for (const [name, feature] of Object.entries(FEATURES) as [FeatureName, Feature][]) {
    for (const source of feature.sources) {
      const matches = source.endsWith("/") ? file.startsWith(source) : file === source;
      if (matches && source.length > (best?.length ?? 0)) best = { name, length: source.length };
    }
  }
  return best?.name ?? null;
}

export function grants(held: Access | undefined, needed: Access): boolean {
  return held === "write" || held === needed;
}

/** What a key needs in this mode: each resource at the highest access any such feature needs, and the features needing it. */
export function requiredPermissions(mode: "test" | "live"): (Permission & { features: FeatureName[] })[] {
  const scopes: FeatureScope[] = mode === "test" ? ["runtime", "test-mode"] : ["runtime"];
  const byResource = new Map<StripeResource, Permission & { features: FeatureName[] }>();
  for (const [name, feature] of Object.entries(FEATURES) as [FeatureName, Feature][]) {
    if (!scopes.includes(feature.scope)) continue;
    for (const { resource, access } of featurePermissions(feature)) {
      const row = byResource.get(resource) ?? { resource, access, features: [] };
      if (access === "write") row.access = "write";
      row.features.push(name);
      byResource.set(resource, row);
    }
  }
  return [...byResource.values()].sort((a, b) => a.resource.localeCompare(b.resource));
}

/**
 * The SDK's resource namespaces (`stripe.<namespace>.<method>(…)`) and the permission resource each
 * needs; `namespace.method` rows override their namespace. Calls the SDK answers itself (event
 * listeners, webhook signatures) need none.
 */
export const SDK_NAMESPACES: Record<string, StripeResource | "none"> = {
  accounts: "accounts_kyc_basic",
  balance: "balance",
  balanceTransactions: "balance",
  "billing.meterEvents": "billing_meter_event",
  "billing.meters": "billing_meter",
  charges: "charge",
  coupons: "coupon",
  customers: "customer",
  "customers.listPaymentMethods": "payment_method",
  "customers.retrievePaymentMethod": "payment_method",
  disputes: "dispute",
  invoiceItems: "invoice",
  invoicePayments: "invoice",
  invoices: "invoice",
  paymentIntents: "payment_intent",
  paymentMethods: "payment_method",
  prices: "plan",
  products: "product",
  promotionCodes: "promotion_code",
  refunds: "refund",
  reviews: "review",
  setupIntents: "setup_intent",
  subscriptionItems: "subscription",
  subscriptions: "subscription",
  "testHelpers.testClocks": "test_clock",
  webhookEndpoints: "webhook",
  webhooks: "none",
  on: "none",
  off: "none",
  once: "none",
};

// SDK methods that GET; every other method POSTs or DELETEs (Write).
const READ_METHODS = /^(retrieve|list|search)([A-Z]\w*)?$/;

/** The permission an SDK call such as "billing.meters.listEventSummaries" needs; "none" for local calls; null when unknown. */
export function permissionForCall(call: string): Permission | "none" | null {
  const parts = call.split(".");
  const access: Access = READ_METHODS.test(parts[parts.length - 1]) ? "read" : "write";
  // The whole call first (a method row), then its namespaces, longest first.
  for (let end = parts.length; end > 0; end--) {
    const resource = SDK_NAMESPACES[parts.slice(0, end).join(".")];
    if (resource === "none") return "none";
    if (resource) return { resource, access };
  }
  return null;
}

/** "PaymentIntents: Write" — how the Dashboard's restricted-key form shows it. */
export function permissionLabel({ resource, access }: Permission): string {
  return `${STRIPE_RESOURCES[resource]}: ${access === "write" ? "Write" : "Read"}`;
}

/** "rak_payment_intent_write" — how Stripe's permission errors name it. */
export function permissionSlug({ resource, access }: Permission): string {
  return `rak_${resource}_${access}`;
}

/** The permission a Stripe permission error names (`Having the 'rak_…' permission…`), or null. */
export function permissionNamedIn(message: string): Permission | null {
  const m = /'rak_([a-z_]+)_(read|write)'/.exec(message);
  if (!m || !(m[1] in STRIPE_RESOURCES)) return null;
  return { resource: m[1] as StripeResource, access: m[2] as Access };
}

/** The permission a Stripe error says our key lacks (a restricted key's 403), or null. */
export function missingPermissionOf(error: unknown): Permission | null {
  return isStripePermissionError(error) ? permissionNamedIn(error.message) : null;
}

/** Log fields naming the permission a failure lacked (none for other failures). */
export function missingPermissionFields(error: unknown): { missingPermission?: string } {
  const permission = missingPermissionOf(error);
  return permission ? { missingPermission: `${permissionLabel(permission)} (${permissionSlug(permission)})` } : {};
}

/** The README's table: one row per feature, its permissions in the Dashboard's words. */
export function permissionsTableMarkdown(): string {
  const scopeNote: Record<FeatureScope, string> = { runtime: "required", "test-mode": "test mode only", optional: "optional", script: "only for the script" };
  const rows = (Object.values(FEATURES) as Feature[]).map((feature) => {
    const permissions = featurePermissions(feature).map(permissionLabel);
    return `| ${feature.title} | ${scopeNote[feature.scope]} | ${permissions.join(", ")} |`;
  });
  const union = requiredPermissions("test").map(
    (p) => `| ${STRIPE_RESOURCES[p.resource]} | ${p.access === "write" ? "Write" : "Read"} | \`${permissionSlug(p)}\` | ${p.features.map((f) => FEATURE_SHORT_NAMES[f]).join(", ")} |`,
  );
  const optional = (Object.values(FEATURES) as Feature[])
    .filter((f) => f.scope === "optional")
    .flatMap(featurePermissions);
  const used = new Set([...requiredPermissions("test"), ...optional].map((p) => p.resource));
  const none = (Object.keys(STRIPE_RESOURCES) as StripeResource[]).filter((r) => !used.has(r)).map((r) => STRIPE_RESOURCES[r]);
  return [
    "| feature | when | permissions |",
    "|---|---|---|",
    ...rows,
    "",
    "The key for the app (live mode: all but Test clocks):",
    "",
    "| resource | permission | Stripe's name | for |",
    "|---|---|---|---|",
    ...union,
    "",
    `Optional: ${optional.map((p) => `${permissionLabel(p)} (\`${permissionSlug(p)}\`)`).join(", ")}. Everything else None (${none.join(", ")}, and every resource not listed).`,
  ].join("\n");
}

const FEATURE_SHORT_NAMES: Record<FeatureName, string> = {
  checkout: "checkout",
  subscriptions: "subscriptions",
  usage: "usage",
  refunds: "refunds",
  disputes: "disputes",
  reviews: "Radar reviews",
  reconcile: "reconcile",
  stripeApp: "Stripe App",
  catalogMirror: "catalog mirror",
  testClocks: "test clocks",
  payments: "payments",
  platformAccount: "platform account",
  readiness: "readiness",
  catalogSeed: "catalog seeding",
};
