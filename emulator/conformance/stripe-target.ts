// The same conformance run against Stripe's test mode (`npm run test:stripe-contract`): the SDK
// talks to api.stripe.com through an HTTP client that validates every answer body, and the
// events the run caused are listed back from /v1/events and validated at the end (no webhook
// endpoint is reachable from a test run). Control-API steps have no Stripe equivalent here.
import Stripe from "stripe";
import type { ConformanceTarget } from "./harness.ts";
import { validateBody, validateEvent, type Violation } from "./validate.ts";

type Client = ReturnType<typeof Stripe.createNodeHttpClient>;

/** Wraps the SDK's Node client so each JSON answer is validated before the SDK reads it. */
function validatingClient(inner: Client, onBody: (body: unknown, where: string) => void): Client {
  return {
    getClientName: () => inner.getClientName(),
    async makeRequest(host, port, path, method, headers, data, protocol, timeout) {
      const response = await inner.makeRequest(host, port, path, method, headers, data, protocol, timeout);
      const toJSON = response.toJSON.bind(response);
      return Object.assign(Object.create(response) as typeof response, {
        toJSON: async () => {
          const body = await toJSON();
          if (path.startsWith("/v1/")) onBody(body, `${method} ${path.split("?")[0]} → ${response.getStatusCode()}`);
          return body;
        },
      });
    },
  } as Client;
}

export function startStripeTarget(secretKey: string): ConformanceTarget {
  if (!secretKey.startsWith("sk_test_") && !secretKey.startsWith("rk_test_")) throw new Error("the Stripe contract run needs a test-mode key (sk_test_…)");
  const violations: Violation[] = [];
  const skipped: string[] = [];
  let responses = 0;
  let events = 0;
  const startedAt = Math.floor(Date.now() / 1000) - 5;
  const seen = new Set<string>();
  const stripe = new Stripe(secretKey, {
    maxNetworkRetries: 2,
    httpClient: validatingClient(Stripe.createNodeHttpClient(), (body, where) => {
      responses++;
      violations.push(...validateBody(body, where));
    }),
  });
  return {
    stripe,
    emulated: false,
    async control(path) {
      throw new Error(`${path}: the emulator's control API does not exist on Stripe`);
    },
    skip(step) {
      skipped.push(step);
    },
    skippedSteps: () => [...skipped],
    async settle() {
      // Stripe's asynchronous follow-ups (balance transactions, dispute funds) take a few seconds.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      for await (const event of stripe.events.list({ created: { gte: startedAt }, limit: 100 })) {
        if (seen.has(event.id)) continue;
        seen.add(event.id);
        events++;
        violations.push(...validateEvent(event as unknown as Record<string, unknown>, `listed ${event.id}`));
      }
    },
    validated: () => ({ responses, events, violations: [...violations] }),
    async close() {},
  };
}
