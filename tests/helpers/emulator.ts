// The in-process Stripe emulator for a describe block, optionally delivering
// real signed webhooks to our route handler through a tiny local HTTP server
// (the same path Stripe's deliveries take: raw bytes + Stripe-Signature). The
// forwarder answers the emulator once the queue has settled, so a delivery the
// test waits for has also been applied.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type Stripe from "stripe";
import { startEmulator, type RunningEmulator } from "@/emulator";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { LOCAL_SECRET_KEY, LOCAL_WEBHOOK_SECRET } from "@/lib/env";
import { getStripe } from "@/lib/stripe/client";
import { useLocalStripeEnv } from "./env";
import { settleStripeEvents } from "./stripe-events";

export type EmulatorHandle = {
  readonly url: string;
  readonly stripe: Stripe;
  /** The emulator itself (its store), for tests that compare Stripe's state before and after. */
  readonly emulator: RunningEmulator["emulator"];
  /** Every webhook delivery our route answered: event type and status code. */
  readonly deliveries: { type: string; id: string; status: number }[];
  /** Switches of the forwarder (our app as Stripe sees it), for fault tests; reset them afterwards. */
  readonly forwarder: ForwarderSwitches;
  control(path: string, body?: unknown): Promise<unknown>;
};

export type ForwarderSwitches = {
  /** Settle the queue before answering (default), or only store and acknowledge, leaving the work to workers. */
  settle: boolean;
  /** Answer 503 without calling the route, as an app that is down does. */
  unavailable: boolean;
};

async function startWebhookForwarder(deliveries: EmulatorHandle["deliveries"], switches: ForwarderSwitches) {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    if (switches.unavailable) {
      res.writeHead(503, { "content-type": "text/plain" });
      res.end("Service Unavailable");
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const response = await webhookRoute(new Request("http://payport.test/api/webhooks/stripe", { method: "POST", headers, body: raw }));
    // A late delivery may land after its suite dropped the database; the test has its answers by then.
    if (response.ok && switches.settle) await settleStripeEvents().catch((error) => console.warn("[test forwarder] settle failed:", String(error)));
    try {
      const event = JSON.parse(raw) as { id: string; type: string };
      deliveries.push({ id: event.id, type: event.type, status: response.status });
    } catch {
      // not JSON: the route already answered 400
    }
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/stripe`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export function useEmulator({ webhooks = false }: { webhooks?: boolean } = {}): EmulatorHandle {
  let emulator: RunningEmulator | undefined;
  let forwarder: { url: string; close: () => Promise<void> } | undefined;
  const deliveries: EmulatorHandle["deliveries"] = [];
  const switches: ForwarderSwitches = { settle: true, unavailable: false };

  beforeAll(async () => {
    if (webhooks) forwarder = await startWebhookForwarder(deliveries, switches);
    const started = await startEmulator({
      port: 0,
      webhookEndpoints: forwarder ? [{ url: forwarder.url, secret: LOCAL_WEBHOOK_SECRET }] : [],
      retrySchedule: [200, 500, 1_000],
    });
    emulator = started;
    useLocalStripeEnv({ STRIPE_EMULATOR_URL: started.url });
  }, 30_000);

  afterAll(async () => {
    await emulator?.close();
    await forwarder?.close();
  });

  return {
    get url() {
      return emulator!.url;
    },
    get stripe() {
      return getStripe();
    },
    get emulator() {
      return emulator!.emulator;
    },
    deliveries,
    forwarder: switches,
    async control(path: string, body?: unknown) {
      const res = await fetch(`${emulator!.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${LOCAL_SECRET_KEY}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
      return res.json();
    },
  };
}

/** Polls until check() returns a truthy value (webhooks arrive asynchronously). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, { timeoutMs = 10_000, intervalMs = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
