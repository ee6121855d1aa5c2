// One conformance run: an emulator (or, with a real test key, Stripe itself)
// whose every /v1 answer and every webhook payload is validated against the
// pinned SDK's types. Scenarios drive it through the official SDK only, so the
// same scenario runs against both; steps that need the emulator's control API
// check `target.emulated` first.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startEmulator, type RunningEmulator } from "../index.ts";
import { hydrateEvent, type StoredEvent } from "../core/stored-event.ts";
import { validateBody, validateEvent, type Violation } from "./validate.ts";

export type ConformanceTarget = {
  stripe: Stripe;
  /** True against the emulator: the control API (`control`) is there. */
  emulated: boolean;
  /** POST to the emulator's control API (throws against real Stripe). */
  control(path: string, body?: unknown): Promise<unknown>;
  /** Notes a step this target cannot run (a control-API step against Stripe). */
  skip(step: string): void;
  skippedSteps(): string[];
  /** Waits for asynchronous follow-ups (and, against Stripe, validates the events the run caused). */
  settle(): Promise<void>;
  /** Bodies validated so far, and what failed. */
  validated(): { responses: number; events: number; violations: Violation[] };
  close(): Promise<void>;
};

/** Starts an emulator that validates every answer and every webhook it delivers. */
export async function startConformanceTarget(): Promise<ConformanceTarget> {
  const violations: Violation[] = [];
  let responses = 0;
  let events = 0;
  const receiver: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      events++;
      violations.push(...validateEvent(JSON.parse(raw) as Record<string, unknown>, `webhook ${req.headers["stripe-signature"] ? "signed" : "unsigned"}`));
      res.writeHead(200).end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", () => resolve()));
  const emu: RunningEmulator = await startEmulator({
    port: 0,
    asyncDelayMs: 5,
    webhookEndpoints: [{ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, secret: "whsec_conformance" }],
    onResponse: ({ method, path, status, body, publishable }) => {
      // A publishable key sees Stripe.js's reduced view of some objects, which the server-side types do not describe.
      if (publishable || !path.startsWith("/v1/")) return;
      responses++;
      violations.push(...validateBody(JSON.parse(body), `${method} ${path} → ${status}`));
    },
  });
  const stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: emu.port, protocol: "http", maxNetworkRetries: 0 });
  const skipped: string[] = [];
  return {
    stripe,
    emulated: true,
    skip: (step) => skipped.push(step),
    skippedSteps: () => [...skipped],
    async settle() {
      // Asynchronous follow-ups take asyncDelayMs (5 ms); then wait until every event reached the receiver.
      const deadline = Date.now() + 5000;
      do await new Promise((resolve) => setTimeout(resolve, 50));
      while (events < emu.emulator.store.all("events").length && Date.now() < deadline);
    },
    async control(path, body = {}) {
      const res = await fetch(`${emu.url}${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk_test_emulator" }, body: JSON.stringify(body) });
      const text = await res.text();
      const answer = JSON.parse(text) as Record<string, unknown>;
      // Control answers that are Stripe objects (a dispute, an intent after 3-D Secure, a 402) are validated too.
      if (typeof answer.object === "string" || answer.error) {
        responses++;
        violations.push(...validateBody(answer, `POST ${path} → ${res.status}`));
      }
      if (!res.ok) throw new Error(`${path} → ${res.status} ${text}`);
      return answer;
    },
    validated() {
      // Every event the emulator created, delivered or not (e.g. types no endpoint listens to).
      const stored = emu.emulator.store.all<StoredEvent>("events").flatMap((e) => validateEvent(hydrateEvent(e) as unknown as Record<string, unknown>, `stored ${e.id}`));
      return { responses, events, violations: [...violations, ...stored] };
    },
    async close() {
      await emu.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}

/** One line per violation, for a test failure that says what to fix. */
export function report(violations: Violation[]): string {
  return violations.map((v) => `${v.where} [${v.object}] ${v.message}`).join("\n");
}
