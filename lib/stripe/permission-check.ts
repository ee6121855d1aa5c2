// Does the configured key hold what Payport needs (lib/stripe/permissions.ts)? One cheap call per
// required resource, changing nothing:
//   Read  → `list({ limit: 1 })` (the balance: retrieve), answered 200 when granted.
//   Write → an update of an id that cannot exist (`cus_payport_permission_check`…), or for meter
//           events a create with no parameters. Stripe checks a restricted key's permission before
//           it validates parameters or looks the object up, so a granted permission answers 404/400
//           and a missing one 403, and nothing is created or changed either way.
// Only restricted keys are probed: a secret key (sk_) holds every permission.
import Stripe from "stripe";
import { log } from "@/lib/observability/log";
import { getStripe, restrictedKeyMode } from "@/lib/stripe/client";
import { permissionLabel, permissionSlug, requiredPermissions, type FeatureName, type Permission, type StripeResource } from "@/lib/stripe/permissions";

const PROBE_ID = "payport_permission_check";

type Probe = (stripe: Stripe, options: Stripe.RequestOptions) => Promise<unknown>;

const READ_PROBES: Record<Exclude<StripeResource, "billing_meter_event">, Probe> = {
  accounts_kyc_basic: (s, o) => s.accounts.retrieve(null, {}, o),
  balance: (s, o) => s.balance.retrieve({}, o),
  billing_meter: (s, o) => s.billing.meters.list({ limit: 1 }, o),
  charge: (s, o) => s.charges.list({ limit: 1 }, o),
  coupon: (s, o) => s.coupons.list({ limit: 1 }, o),
  customer: (s, o) => s.customers.list({ limit: 1 }, o),
  dispute: (s, o) => s.disputes.list({ limit: 1 }, o),
  invoice: (s, o) => s.invoices.list({ limit: 1 }, o),
  payment_intent: (s, o) => s.paymentIntents.list({ limit: 1 }, o),
  payment_method: (s, o) => s.paymentMethods.list({ limit: 1 }, o),
  plan: (s, o) => s.prices.list({ limit: 1 }, o),
  product: (s, o) => s.products.list({ limit: 1 }, o),
  promotion_code: (s, o) => s.promotionCodes.list({ limit: 1 }, o),
  refund: (s, o) => s.refunds.list({ limit: 1 }, o),
  review: (s, o) => s.reviews.list({ limit: 1 }, o),
  setup_intent: (s, o) => s.setupIntents.list({ limit: 1 }, o),
  subscription: (s, o) => s.subscriptions.list({ limit: 1 }, o),
  test_clock: (s, o) => s.testHelpers.testClocks.list({ limit: 1 }, o),
  webhook: (s, o) => s.webhookEndpoints.list({ limit: 1 }, o),
};

// No idempotency keys of ours: a fixed key's stored 403 would be replayed for a day after the permission is granted.
const WRITE_PROBES: Partial<Record<StripeResource, Probe>> = {
  billing_meter: (s, o) => s.billing.meters.update(`mtr_${PROBE_ID}`, {}, o),
  // Meter events cannot be updated; an empty create is refused for its missing event_name.
  billing_meter_event: (s, o) => s.billing.meterEvents.create({} as Stripe.Billing.MeterEventCreateParams, o),
  coupon: (s, o) => s.coupons.update(PROBE_ID, {}, o),
  customer: (s, o) => s.customers.update(`cus_${PROBE_ID}`, {}, o),
  dispute: (s, o) => s.disputes.update(`dp_${PROBE_ID}`, {}, o),
  invoice: (s, o) => s.invoices.update(`in_${PROBE_ID}`, {}, o),
  payment_intent: (s, o) => s.paymentIntents.update(`pi_${PROBE_ID}`, {}, o),
  payment_method: (s, o) => s.paymentMethods.update(`pm_${PROBE_ID}`, {}, o),
  plan: (s, o) => s.prices.update(`price_${PROBE_ID}`, {}, o),
  product: (s, o) => s.products.update(`prod_${PROBE_ID}`, {}, o),
  review: (s, o) => s.reviews.approve(`prv_${PROBE_ID}`, {}, o),
  promotion_code: (s, o) => s.promotionCodes.update(`promo_${PROBE_ID}`, {}, o),
  refund: (s, o) => s.refunds.update(`re_${PROBE_ID}`, {}, o),
  setup_intent: (s, o) => s.setupIntents.update(`seti_${PROBE_ID}`, {}, o),
  subscription: (s, o) => s.subscriptions.update(`sub_${PROBE_ID}`, {}, o),
};

export function probeFor({ resource, access }: Permission): Probe {
  const probe = access === "write" ? WRITE_PROBES[resource] : resource === "billing_meter_event" ? undefined : READ_PROBES[resource];
  if (!probe) throw new Error(`no permission probe for ${permissionSlug({ resource, access })}`);
  return probe;
}

export type MissingPermission = Permission & { label: string; slug: string; features: FeatureName[] };

export type PermissionReport =
  | { ok: true; checked: number }
  | { ok: false; missing: MissingPermission[]; checked: number }
  /** Stripe did not answer a probe or refused the key itself (401): the permissions are unknown. */
  | { ok: false; error: unknown; checked: number };

const PROBE_OPTIONS: Stripe.RequestOptions = { timeout: 3_000, maxNetworkRetries: 0 };

async function granted(stripe: Stripe, permission: Permission): Promise<boolean> {
  try {
    await probeFor(permission)(stripe, PROBE_OPTIONS);
    return true;
  } catch (error) {
    if (error instanceof Stripe.errors.StripePermissionError) return false;
    // The key may act on the endpoint: the probe was refused for its (deliberately) missing object or parameters.
    if (error instanceof Stripe.errors.StripeInvalidRequestError && (error.statusCode === 400 || error.statusCode === 404)) return true;
    throw error;
  }
}

/** Probes every permission this mode requires, a few at a time. */
export async function checkKeyPermissions(stripe: Stripe, mode: "test" | "live"): Promise<PermissionReport> {
  const required = requiredPermissions(mode);
  const missing: MissingPermission[] = [];
  try {
    for (let i = 0; i < required.length; i += 4) {
      const batch = required.slice(i, i + 4);
      const answers = await Promise.all(batch.map((permission) => granted(stripe, permission)));
      batch.forEach((permission, j) => {
        if (!answers[j]) missing.push({ ...permission, label: permissionLabel(permission), slug: permissionSlug(permission) });
      });
    }
  } catch (error) {
    return { ok: false, error, checked: required.length };
  }
  return missing.length ? { ok: false, missing, checked: required.length } : { ok: true, checked: required.length };
}

/** One log line per missing permission, naming it as the Dashboard and Stripe's errors do. */
export function logMissingPermissions(missing: MissingPermission[]): void {
  for (const permission of missing) {
    log.error(`stripe: the API key lacks the "${permission.label}" permission (${permission.slug})`, {
      permission: permission.slug,
      needed: permission.label,
      features: permission.features,
    });
  }
}

/** "PaymentIntents: Write (rak_payment_intent_write), Products: Read (rak_product_read)". */
export function describeMissing(missing: MissingPermission[]): string {
  return missing.map((p) => `${p.label} (${p.slug})`).join(", ");
}

/**
 * Checks the client's restricted key and logs the outcome (one line per missing permission);
 * null for a secret key, which holds every permission. Run at start-up and by /api/ready.
 */
export async function verifyKeyPermissions(stripe: Stripe = getStripe()): Promise<PermissionReport | null> {
  const mode = restrictedKeyMode(stripe);
  if (!mode) return null;
  const report = await checkKeyPermissions(stripe, mode);
  if (report.ok) log.info("stripe: the restricted API key holds every permission Payport needs", { checked: report.checked });
  else if ("missing" in report) logMissingPermissions(report.missing);
  else log.warn("stripe: could not check the restricted API key's permissions", { error: report.error });
  return report;
}
