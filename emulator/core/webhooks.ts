// Webhook delivery (BEHAVIOR §9): signed `t=…,v1=…`, JSON body, retries with backoff on non-2xx
// or timeout, and chaos switches (duplicates, shuffled order, delay, dropped types).
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { StoredEvent } from "./stored-event.ts";

export interface ChaosSettings {
  duplicate_rate: number;
  shuffle: boolean;
  delivery_delay_ms: number;
  drop_types: string[];
}

export const defaultChaos = (): ChaosSettings => ({ duplicate_rate: 0, shuffle: false, delivery_delay_ms: 0, drop_types: [] });

export interface DeliveryTarget {
  id: string;
  url: string;
  secret: string;
}

interface Delivery {
  event: StoredEvent;
  target: DeliveryTarget;
  attempt: number;
  duplicate: boolean;
}

export interface DeliveryHooks {
  chaos: () => ChaosSettings;
  retrySchedule: number[];
  timeoutMs: number;
  /** Called once per (event, endpoint) on the first 2xx. */
  acknowledged: (event: StoredEvent, target: DeliveryTarget) => void;
  log: (message: string) => void;
}

export function signPayload(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

const UNREACHABLE_PROBE_MS = 500;

export class WebhookDispatcher {
  private queues = new Map<string, Delivery[]>();
  private busy = new Set<string>();
  private timers = new Set<NodeJS.Timeout>();
  private acked = new Set<string>();
  private inflight = new Set<http.ClientRequest>();
  /**
   * Endpoints that refused a connection: nothing listens there yet (an app
   * still starting). Their queue is held in order and knocked on every
   * UNREACHABLE_PROBE_MS without using up retries, and the wait is logged once.
   */
  private unreachable = new Set<string>();
  private held = new Set<string>();
  private closed = false;

  constructor(private readonly hooks: DeliveryHooks) {}

  enqueue(event: StoredEvent, targets: DeliveryTarget[], force = false): void {
    const chaos = this.hooks.chaos();
    if (!force && chaos.drop_types.includes(event.type)) return;
    for (const target of targets) {
      this.push({ event, target, attempt: 0, duplicate: false });
      if (chaos.duplicate_rate > 0 && Math.random() < chaos.duplicate_rate)
        this.push({ event, target, attempt: 0, duplicate: true });
    }
  }

  private push(delivery: Delivery): void {
    const q = this.queues.get(delivery.target.id) ?? [];
    this.queues.set(delivery.target.id, q);
    q.push(delivery);
    this.pump(delivery.target.id);
  }

  /** One delivery at a time per endpoint keeps the default order deterministic. */
  private pump(endpointId: string): void {
    if (this.closed || this.busy.has(endpointId) || this.held.has(endpointId)) return;
    const q = this.queues.get(endpointId);
    if (!q || q.length === 0) return;
    this.busy.add(endpointId);
    const chaos = this.hooks.chaos();
    const start = () => {
      const current = this.queues.get(endpointId) ?? [];
      const index = chaos.shuffle ? Math.floor(Math.random() * current.length) : 0;
      const [delivery] = current.splice(index, 1);
      if (!delivery) {
        this.busy.delete(endpointId);
        return;
      }
      void this.send(delivery).then((outcome) => {
        this.busy.delete(endpointId);
        if (outcome === "refused") {
          (this.queues.get(endpointId) ?? []).unshift(delivery);
          this.held.add(endpointId);
          this.after(UNREACHABLE_PROBE_MS, () => {
            this.held.delete(endpointId);
            this.pump(endpointId);
          });
          return;
        }
        if (!outcome) this.scheduleRetry(delivery);
        this.pump(endpointId);
      });
    };
    if (chaos.delivery_delay_ms > 0) this.after(chaos.delivery_delay_ms, start);
    else start();
  }

  private scheduleRetry(delivery: Delivery): void {
    const wait = this.hooks.retrySchedule[delivery.attempt];
    if (wait === undefined) {
      this.hooks.log(`webhook ${delivery.event.id} → ${delivery.target.url}: giving up after ${delivery.attempt + 1} attempts`);
      return;
    }
    this.after(wait, () => this.push({ ...delivery, attempt: delivery.attempt + 1 }));
  }

  private after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** true on a 2xx; "refused" when nothing listens at the URL (not an attempt); false otherwise. */
  private send(delivery: Delivery): Promise<boolean | "refused"> {
    const { event, target } = delivery;
    const { data, ...envelope } = event;
    const payload = JSON.stringify({ ...envelope, data: JSON.parse(data) }, null, 2);
    const signature = signPayload(payload, target.secret);
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(target.url);
      } catch {
        resolve(false);
        return;
      }
      const client = url.protocol === "https:" ? https : http;
      const req = client.request(
        url,
        {
          method: "POST",
          headers: {
            "Content-Type": "application/json; charset=utf-8",
            "Content-Length": Buffer.byteLength(payload),
            "Stripe-Signature": signature,
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
          timeout: this.hooks.timeoutMs,
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            this.inflight.delete(req);
            const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
            this.unreachable.delete(target.id);
            if (ok) {
              const key = `${event.id} ${target.id}`;
              if (!this.acked.has(key)) {
                this.acked.add(key);
                this.hooks.acknowledged(event, target);
              }
            } else this.hooks.log(`webhook ${event.type} ${event.id} → ${target.url}: HTTP ${res.statusCode}`);
            resolve(ok);
          });
        },
      );
      this.inflight.add(req);
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (err: NodeJS.ErrnoException) => {
        this.inflight.delete(req);
        if (err.code !== "ECONNREFUSED") {
          this.hooks.log(`webhook ${event.type} ${event.id} → ${target.url}: ${err.message}`);
          resolve(false);
          return;
        }
        if (!this.unreachable.has(target.id)) {
          this.unreachable.add(target.id);
          this.hooks.log(`webhook endpoint ${target.url} is not answering yet; waiting for it (events are held in order and delivered once it answers)`);
        }
        resolve("refused");
      });
      req.end(payload);
    });
  }

  /** Drops queued and scheduled deliveries (used by reset and close). */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.held.clear();
    this.queues.clear();
  }

  close(): void {
    this.closed = true;
    this.clear();
    for (const req of this.inflight) req.destroy();
    this.inflight.clear();
  }
}
