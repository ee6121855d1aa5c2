// Typed builders for Stripe objects and signed webhook requests, so webhook
// tests can stage any delivery order without a Stripe account.
import Stripe from "stripe";
import { LOCAL_WEBHOOK_SECRET } from "@/lib/env";

let counter = 0;
export const uniqueId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function buildPaymentIntent(overrides: Partial<Stripe.PaymentIntent> = {}): Stripe.PaymentIntent {
  const id = overrides.id ?? uniqueId("pi");
  return {
    id,
    object: "payment_intent",
    amount: 2500,
    amount_received: 0,
    currency: "usd",
    status: "requires_payment_method",
    client_secret: `${id}_secret_test`,
    created: nowSeconds(),
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: {},
    automatic_payment_methods: { enabled: true },
    ...overrides,
  } as Stripe.PaymentIntent;
}

export function buildEvent<T extends Stripe.Event.Type>(type: T, object: unknown, created: number = nowSeconds(), id: string = uniqueId("evt")): Stripe.Event {
  return {
    id,
    object: "event",
    api_version: Stripe.API_VERSION,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as Stripe.Event;
}

const stripeForSigning = new Stripe("sk_test_signing_only");

export function signatureFor(payload: string, { secret = LOCAL_WEBHOOK_SECRET, timestamp = nowSeconds() } = {}): string {
  return stripeForSigning.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

export function webhookRequest(payload: string, signature: string | null): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return new Request("http://payport.test/api/webhooks/stripe", { method: "POST", headers, body: payload });
}

export function signedWebhookRequest(event: Stripe.Event, options?: { secret?: string; timestamp?: number }): Request {
  const payload = JSON.stringify(event, null, 2);
  return webhookRequest(payload, signatureFor(payload, options));
}

/**
 * Runs the webhook workers until nothing is due, so a test can assert right
 * after a delivery as if the handler had run inline; `{ retries: true }` also
 * steps time through every scheduled retry until each event is final.
 */
export { settleStripeEvents } from "@/lib/webhooks/queue";
