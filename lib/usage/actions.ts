// The metered add-on: this period's usage (Billing Meter event summaries over
// the item's current period) and usage reporting through per-customer API
// keys. A key is shown once; only its SHA-256 hash is stored.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import Stripe from "stripe";
import type { AccountUser } from "@/lib/auth/users";
import { LIVE_SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { HttpError, parseInput } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/errors";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";
import { usageReportSchema } from "@/lib/usage/schemas";

/** Active keys per account; revoke one to make another. */
export const MAX_ACTIVE_USAGE_KEYS = 5;
const KEY_PATTERN = /^pp_(live|test)_[A-Za-z0-9_-]{32}$/;

export type MeteredItem = { subscription: Stripe.Subscription; item: Stripe.SubscriptionItem; meterId: string };

/** The metered add-on item of the customer's live subscription, or null. */
export async function findMeteredItem(customer: string): Promise<MeteredItem | null> {
  const subs = await getStripe().subscriptions.list({ customer, status: "all", limit: 20 });
  for (const subscription of subs.data) {
    if (!LIVE_SUBSCRIPTION_STATUSES.includes(subscription.status)) continue;
    for (const item of subscription.items.data) {
      const meter = item.price.recurring?.usage_type === "metered" ? item.price.recurring.meter : null;
      if (meter) return { subscription, item, meterId: meter };
    }
  }
  return null;
}

export type UsageThisPeriod = {
  quantity: number;
  periodStart: number;
  periodEnd: number;
  unitAmount: number | null;
  currency: string;
  /** What the usage so far adds to the next invoice (per-unit prices only). */
  estimatedAmount: number | null;
  addonName: string;
};

export async function getUsageThisPeriod(user: AccountUser): Promise<UsageThisPeriod | null> {
  return user.stripeCustomerId ? getCustomerUsageThisPeriod(user.stripeCustomerId) : null;
}

/** The same for a Stripe customer (the Stripe App shows it to support staff). */
export async function getCustomerUsageThisPeriod(stripeCustomerId: string): Promise<UsageThisPeriod | null> {
  const user = { stripeCustomerId };
  const metered = await findMeteredItem(user.stripeCustomerId);
  if (!metered) return null;
  const { item, meterId } = metered;
  // Stripe wants minute-aligned windows; the period is widened to whole minutes.
  const start = Math.floor(item.current_period_start / 60) * 60;
  const end = Math.ceil(item.current_period_end / 60) * 60;
  const summaries = await getStripe().billing.meters.listEventSummaries(meterId, { customer: user.stripeCustomerId, start_time: start, end_time: end, limit: 100 });
  const quantity = summaries.data.reduce((sum, s) => sum + s.aggregated_value, 0);
  const unitAmount = item.price.unit_amount;
  const mirrored = await getDb().price.findUnique({ where: { stripePriceId: item.price.id }, select: { product: { select: { name: true } } } });
  return {
    quantity,
    periodStart: item.current_period_start,
    periodEnd: item.current_period_end,
    unitAmount,
    currency: item.price.currency,
    estimatedAmount: unitAmount == null ? null : Math.round(unitAmount * quantity),
    addonName: mirrored?.product.name ?? item.price.nickname ?? "Usage add-on",
  };
}

export function hashUsageKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export type UsageKeyView = { id: string; prefix: string; createdAt: Date; revokedAt: Date | null };

export async function listUsageKeys(userId: string): Promise<UsageKeyView[]> {
  return getDb().usageApiKey.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, prefix: true, createdAt: true, revokedAt: true },
  });
}

export async function createUsageKey(user: AccountUser): Promise<UsageKeyView & { key: string }> {
  const db = getDb();
  const active = await db.usageApiKey.count({ where: { userId: user.id, revokedAt: null } });
  if (active >= MAX_ACTIVE_USAGE_KEYS) throw new HttpError(409, `You have ${MAX_ACTIVE_USAGE_KEYS} active keys. Revoke one you no longer use, then create a new one.`);
  const mode = getEnv().mode === "live" ? "live" : "test";
  const key = `pp_${mode}_${randomBytes(24).toString("base64url")}`;
  const row = await db.usageApiKey.create({ data: { userId: user.id, keyHash: hashUsageKey(key), prefix: key.slice(0, 12) } });
  return { id: row.id, prefix: row.prefix, createdAt: row.createdAt, revokedAt: null, key };
}

export async function revokeUsageKey(user: AccountUser, keyId: string): Promise<void> {
  const { count } = await getDb().usageApiKey.updateMany({ where: { id: keyId, userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new HttpError(404, "Key not found, or already revoked.");
}

/** The account a usage API request speaks for, from `Authorization: Bearer pp_…`; 401 otherwise. */
export async function authenticateUsageKey(request: Request): Promise<{ userId: string; keyId: string; stripeCustomerId: string | null }> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const unauthorized = new HttpError(401, "Send a valid usage API key as `Authorization: Bearer pp_…` (create one on your billing page).");
  if (!match || !KEY_PATTERN.test(match[1])) throw unauthorized;
  const row = await getDb().usageApiKey.findUnique({ where: { keyHash: hashUsageKey(match[1]) }, include: { user: { select: { stripeCustomerId: true } } } });
  if (!row || row.revokedAt) throw unauthorized;
  return { userId: row.userId, keyId: row.id, stripeCustomerId: row.user.stripeCustomerId };
}

export type RecordedUsage = { identifier: string; value: number; timestamp: number; duplicate: boolean };

/** Meter identifiers are global at Stripe: the client's key is scoped to the account before use. */
function meterIdentifier(userId: string, clientKey: string | null): string {
  if (!clientKey) return `pp_${randomUUID()}`;
  return `pp_${createHash("sha256").update(`${userId}:${clientKey}`).digest("hex").slice(0, 48)}`;
}

/** The key is checked before anything else is read: a bad key is a 401 whatever the body. An empty body reports 1 unit. */
export async function recordUsage(request: Request): Promise<RecordedUsage> {
  const account = await authenticateUsageKey(request);
  const text = await request.text();
  const input = parseInput(usageReportSchema, text.trim() === "" ? {} : await readJsonBody(new Request("http://body.invalid", { method: "POST", body: text })));
  const clientKey = request.headers.get("idempotency-key")?.trim() || null;
  if (clientKey && (clientKey.length > 255 || !/^[\x21-\x7e]+$/.test(clientKey)))
    throw new HttpError(400, "Idempotency-Key must be 1–255 printable characters without spaces.", "Idempotency-Key");
  const metered = account.stripeCustomerId ? await findMeteredItem(account.stripeCustomerId) : null;
  if (!metered) throw new HttpError(409, "Your subscription has no usage add-on, so usage can't be recorded. Add the add-on to your plan first.");
  const stripe = getStripe();
  const meter = await stripe.billing.meters.retrieve(metered.meterId);
  const identifier = meterIdentifier(account.userId, clientKey);
  const customerKey = meter.customer_mapping.event_payload_key;
  const valueKey = meter.value_settings?.event_payload_key ?? "value";
  try {
    const event = await stripe.billing.meterEvents.create(
      {
        event_name: meter.event_name,
        payload: { [customerKey]: account.stripeCustomerId!, [valueKey]: String(input.value) },
        identifier,
        ...(input.timestamp !== undefined && { timestamp: input.timestamp }),
      },
      { idempotencyKey: idempotencyKey("usage", identifier) },
    );
    const replayed = event.lastResponse?.headers?.["idempotent-replayed"] === "true";
    return { identifier, value: input.value, timestamp: event.timestamp, duplicate: replayed };
  } catch (error) {
    // The same report again (a retry with the same Idempotency-Key): already counted once.
    if (error instanceof Stripe.errors.StripeError && (error.code as string) === "meter_event_duplicate_identifier")
      return { identifier, value: input.value, timestamp: input.timestamp ?? 0, duplicate: true };
    if (error instanceof Stripe.errors.StripeIdempotencyError)
      throw new HttpError(409, "This Idempotency-Key was already used for a different usage report. Use a new key for new usage.", "Idempotency-Key");
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.param === "timestamp") throw new HttpError(400, error.message, "timestamp");
    throw error;
  }
}
