// Shared setup for the emulator's own tests: an in-process emulator, the official SDK pointed at
// it, and raw fetch helpers for the control API and browser-style (publishable key) calls.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../index.ts";

export const SECRET_KEY = "sk_test_emulator";
export const PUBLISHABLE_KEY = "pk_test_emulator";
export const RETURN_URL = "http://127.0.0.1:3000/checkout/complete";

export interface TestEmulator {
  readonly emu: RunningEmulator;
  readonly stripe: Stripe;
  sdk(config?: Stripe.StripeConfig): Stripe;
  control<T = unknown>(path: string, body?: unknown, method?: string): Promise<{ status: number; body: T }>;
  /** A browser-style form request with the publishable key (what Stripe.js does). */
  browser<T = unknown>(method: "GET" | "POST", path: string, form?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export function useTestEmulator(options: EmulatorOptions = {}): TestEmulator {
  let emu: RunningEmulator | undefined;
  let stripe: Stripe | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, ...options });
    stripe = new Stripe(SECRET_KEY, { host: "127.0.0.1", port: emu.port, protocol: "http" });
  });
  afterAll(async () => {
    await emu?.close();
  });
  return {
    get emu() {
      return emu!;
    },
    get stripe() {
      return stripe!;
    },
    sdk(config: Stripe.StripeConfig = {}) {
      return new Stripe(SECRET_KEY, { host: "127.0.0.1", port: emu!.port, protocol: "http", ...config });
    },
    async control<T>(path: string, body?: unknown, method?: string) {
      const res = await fetch(`${emu!.url}${path}`, {
        method: method ?? (body === undefined ? "GET" : "POST"),
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
    async browser<T>(method: "GET" | "POST", path: string, form: Record<string, string> = {}) {
      const qs = new URLSearchParams(form).toString();
      const res = await fetch(`${emu!.url}${path}${method === "GET" && qs ? `?${qs}` : ""}`, {
        method,
        headers: { authorization: `Bearer ${PUBLISHABLE_KEY}`, "content-type": "application/x-www-form-urlencoded" },
        body: method === "POST" ? qs : undefined,
      });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}

/** A $20 PaymentIntent confirmed with a card, and a PaymentMethod from a raw test card number. */
export function paymentHelpers(t: TestEmulator) {
  return {
    confirmWith(paymentMethod: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
      return t.stripe.paymentIntents.create({ amount: 2000, currency: "usd", confirm: true, payment_method: paymentMethod, return_url: RETURN_URL, ...extra });
    },
    /** Raw numbers go through the publishable key, as Stripe.js sends them (a secret key is refused). */
    async cardPaymentMethod(number: string) {
      const created = await browserSdk(t).paymentMethods.create({ type: "card", card: { number, exp_month: 12, exp_year: new Date().getFullYear() + 2, cvc: number.startsWith("37") ? "1234" : "123" } });
      return t.stripe.paymentMethods.retrieve(created.id);
    },
  };
}

/** The SDK with the publishable key: what Stripe.js can do (raw card numbers, client-secret calls). */
export function browserSdk(t: TestEmulator): Stripe {
  return new Stripe(PUBLISHABLE_KEY, { host: "127.0.0.1", port: t.emu.port, protocol: "http" });
}

/** Captures a thrown Stripe SDK error. */
export async function stripeError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (err) {
    return err as Stripe.errors.StripeError;
  }
  throw new Error("expected the call to fail");
}

export async function eventually<T>(check: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface Delivery {
  headers: http.IncomingHttpHeaders;
  raw: string;
  event: { id: string; type: string; pending_webhooks: number; data: { object: Record<string, unknown> } };
}

/** A local webhook receiver; `respond` decides the status code per delivery. */
export async function startReceiver(respond: (d: Delivery, index: number) => number = () => 200) {
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (raw += c));
    req.on("end", () => {
      const delivery = { headers: req.headers, raw, event: JSON.parse(raw) };
      deliveries.push(delivery);
      res.writeHead(respond(delivery, deliveries.length - 1)).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    deliveries,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
