// The Stripe client as configured for local mode, against a tiny HTTP server
// that records what the SDK sends.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import Stripe from "stripe";
import { createStripeClient, idempotencyKey } from "@/lib/stripe/client";
import { getBrowserStripeConfig } from "@/lib/stripe/browser-config";
import { isStripeError } from "@/lib/stripe/types";
import { parseEnv, resetEnvCache } from "@/lib/env";

type Seen = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };
const seen: Seen[] = [];
let server: http.Server;
let base: string;
let failuresLeft = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(500, { "content-type": "application/json", "stripe-should-retry": "true" });
        return res.end(JSON.stringify({ error: { type: "api_error", message: "boom" } }));
      }
      res.writeHead(200, { "content-type": "application/json", "request-id": "req_local" });
      res.end(JSON.stringify({ id: "pi_local_1", object: "payment_intent", amount: 1999, currency: "usd", status: "requires_payment_method" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it("idempotency keys are derived from our records", () => {
  expect(idempotencyKey("order", "ord_1", "payment_intent")).toBe("payport:order:ord_1:payment_intent");
  expect(() => idempotencyKey()).toThrow();
  expect(() => idempotencyKey("order", "")).toThrow();
});

it("local mode talks to the emulator URL with the pinned API version, app info, and retries on 5xx with the same idempotency key", async () => {
  const stripe = createStripeClient(parseEnv({ STRIPE_EMULATOR_URL: base }));
  failuresLeft = 1;
  seen.length = 0;
  const pi = await stripe.paymentIntents.create(
    { amount: 1999, currency: "usd", automatic_payment_methods: { enabled: true } },
    { idempotencyKey: idempotencyKey("order", "o_1", "payment_intent") },
  );
  expect(pi.id).toBe("pi_local_1");
  expect(seen).toHaveLength(2);
  for (const request of seen) {
    expect(request.url).toBe("/v1/payment_intents");
    expect(request.headers.authorization).toBe("Bearer sk_test_emulator");
    expect(request.headers["stripe-version"]).toBe(Stripe.API_VERSION);
    expect(request.headers["idempotency-key"]).toBe("payport:order:o_1:payment_intent");
    expect(request.headers["user-agent"]).toMatch(/Payport\//);
    expect(request.headers["x-stripe-client-telemetry"]).toBeUndefined();
  }
});

it("the browser config points Stripe.js at the emulator in local mode and at js.stripe.com with real keys", () => {
  const saved = { ...process.env };
  try {
    for (const k of ["STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET"]) delete process.env[k];
    process.env.STRIPE_EMULATOR_URL = "http://127.0.0.1:12111";
    resetEnvCache();
    expect(getBrowserStripeConfig()).toEqual({ publishableKey: "pk_test_emulator", stripeJsUrl: "http://127.0.0.1:12111/v3/stripe.js" });
    Object.assign(process.env, { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_PUBLISHABLE_KEY: "pk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" });
    resetEnvCache();
    expect(getBrowserStripeConfig()).toEqual({ publishableKey: "pk_test_x", stripeJsUrl: null });
  } finally {
    process.env = saved;
    resetEnvCache();
  }
});

it("isStripeError knows the SDK's errors even when they come from another copy of its classes, and nothing else", () => {
  const own = new Stripe.errors.StripeAPIError({ message: "down", type: "api_error" });
  // What a second bundled copy of the SDK throws: same shape, another class.
  const fromOtherCopy = Object.assign(new Error("down"), { type: "StripeAPIError", rawType: "api_error", statusCode: 500 });
  expect(isStripeError(own)).toBe(true);
  expect(isStripeError(fromOtherCopy)).toBe(true);
  expect(isStripeError(new Error("database is locked"))).toBe(false);
  expect(isStripeError(Object.assign(new Error("x"), { type: "card_error" }))).toBe(false);
  expect(isStripeError({ type: "StripeAPIError" })).toBe(false);
  expect(isStripeError(null)).toBe(false);
});
