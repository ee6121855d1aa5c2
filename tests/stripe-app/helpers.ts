// Stripe App requests signed the way Stripe signs them: the stripe SDK's test
// header generator (tests/helpers/stripe-events.ts signatureFor) over
// JSON.stringify({...extra, user_id, account_id}), with the app's secret.
import { LOCAL_STRIPE_ACCOUNT_ID, LOCAL_STRIPE_APP_SECRET, resetEnvCache } from "@/lib/env";
import type { Db } from "@/lib/db";
import { useLocalStripeEnv } from "../helpers/env";
import { nowSeconds, signatureFor, uniqueId } from "../helpers/stripe-events";

export const USER_ID = "usr_support_1";
export const ACCOUNT_ID = LOCAL_STRIPE_ACCOUNT_ID;
export const SECRET = LOCAL_STRIPE_APP_SECRET;

const APP_VARS = ["STRIPE_APP_SECRET", "STRIPE_APP_SECRET_PREVIOUS", "STRIPE_ACCOUNT_ID", "STRIPE_APP_ALLOWED_ROLES"];

/** Local mode, plus the given Stripe App variables (and none of the shell's). */
export function useStripeAppEnv(vars: Record<string, string> = {}): void {
  useLocalStripeEnv();
  for (const name of APP_VARS) delete process.env[name];
  Object.assign(process.env, vars);
  resetEnvCache();
}

/** What Stripe signs for a body: the extra keys in order, then user_id, then account_id. */
export function stripeSignedPayload(extra: Record<string, unknown>, { userId = USER_ID, accountId = ACCOUNT_ID } = {}): string {
  return JSON.stringify({ ...extra, user_id: userId, account_id: accountId });
}

export type SignOptions = { secret?: string; timestamp?: number; userId?: string; accountId?: string };

/** The body and header the UI extension sends for `extra`. */
export function signedAppRequest(path: string, extra: Record<string, unknown>, options: SignOptions = {}): Request {
  const payload = stripeSignedPayload(extra, options);
  return appRequest(path, payload, signatureFor(payload, { secret: options.secret ?? SECRET, timestamp: options.timestamp ?? nowSeconds() }));
}

export function appRequest(path: string, body: string, signature: string | null): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return new Request(`http://payport.test/api/stripe-app/${path}`, { method: "POST", headers, body });
}

/** A paid order with one line, optionally owned by a Stripe customer. */
export async function createOrder(db: Db, { customerId = null as string | null, status = "paid", productName = "Enamel Mug", quantity = 2, userId = null as string | null } = {}) {
  const product = await db.product.create({ data: { stripeProductId: uniqueId("prod"), name: productName } });
  const price = await db.price.create({ data: { stripePriceId: uniqueId("price"), productId: product.id, currency: "usd", unitAmount: 1400 } });
  return db.order.create({
    data: {
      email: `${customerId ?? "guest"}@example.com`,
      currency: "usd",
      amount: 1400 * quantity,
      status,
      paymentStatus: status === "paid" ? "succeeded" : null,
      paidAt: status === "paid" ? new Date() : null,
      stripeCustomerId: customerId,
      userId,
      stripePaymentIntentId: uniqueId("pi"),
      stripeChargeId: uniqueId("ch"),
      lines: { create: [{ priceId: price.id, productName, unitAmount: 1400, quantity, amount: 1400 * quantity }] },
    },
  });
}

/** Every row the Stripe App may touch, for "changed only what it named" checks. */
export async function snapshot(db: Db) {
  const [orders, fulfilments, notes, lines] = await Promise.all([
    db.order.findMany({ orderBy: { id: "asc" } }),
    db.fulfilment.findMany({ orderBy: { orderId: "asc" } }),
    db.supportNote.findMany({ orderBy: { id: "asc" } }),
    db.orderLine.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { orders, fulfilments, notes, lines };
}

/**
 * A database stand-in that fails the test on any use: installed with setDb()
 * around a refused request, it proves nothing was read or written.
 */
export function untouchableDb(): { db: Db; touched: string[] } {
  const touched: string[] = [];
  const db = new Proxy({} as Db, {
    get(_target, property) {
      if (property === "then") return undefined; // not a thenable
      touched.push(String(property));
      throw new Error(`database used: ${String(property)}`);
    },
  });
  return { db, touched };
}
