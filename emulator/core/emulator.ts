// The emulator's state and side-effect machinery shared by every resource module:
// store, events, webhook delivery, scheduled (asynchronous) transitions, chaos and faults.
import type Stripe from "stripe";
import { newId, nowSeconds, randomToken } from "./ids.ts";
import type { EventCause, StoredEvent } from "./stored-event.ts";
import { Store } from "./store.ts";
import { acceptedApiKeys } from "./auth.ts";
import type { RestrictedKey } from "./permissions.ts";
import { resetBillingSettings, type BillingSettings } from "./billing-settings.ts";
import { defaultChaos, WebhookDispatcher, type ChaosSettings, type DeliveryTarget } from "./webhooks.ts";

export const API_VERSION = "2026-10-28.endive";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  dataDir?: string | null;
  webhookEndpoints?: { url: string; secret: string; enabledEvents?: string[] }[];
  retrySchedule?: number[];
  log?: boolean;
  /** Per-delivery timeout for webhooks (ms). */
  webhookTimeoutMs?: number;
  /** Delay before asynchronous follow-ups (charge.updated, dispute outcomes, refund failures). */
  asyncDelayMs?: number;
  /** Billing automation (dunning) settings; see core/billing-settings.ts. */
  billing?: Partial<BillingSettings>;
  /** API keys accepted besides the defaults (`sk_test_emulator`, `rk_test_emulator`, `pk_test_emulator`) and `STRIPE_EMULATOR_API_KEYS`. */
  apiKeys?: string[];
  /** The id of the account the API keys belong to (`GET /v1/account`); default `acct_local_payport`. */
  accountId?: string;
  /** Accept raw card numbers with a secret key (Stripe's "raw card data APIs" account setting); off by default. */
  rawCardData?: boolean;
  /** Sees every /v1 answer as sent (the conformance suite validates them). */
  onResponse?: (response: ApiResponseRecord) => void;
}

export interface ApiResponseRecord {
  method: string;
  path: string;
  status: number;
  body: string;
  /** Answered to a publishable key (Stripe.js), which sees a reduced view of some objects. */
  publishable: boolean;
}

/** Compressed stand-in for Stripe's test-mode schedule ("3 times over a few hours"). */
export const DEFAULT_RETRY_SCHEDULE = [1_000, 5_000, 25_000];

export interface Fault {
  path: string;
  method?: string;
  count: number;
  mode: "500" | "429" | "hang" | "delay" | "drop_after";
  delay_ms?: number;
}

/** `STRIPE_EMULATOR_WEBHOOK_RETRY_MS="1000,5000,25000"`: delays before each retry. */
export function retryScheduleFromEnv(): number[] | undefined {
  const raw = process.env.STRIPE_EMULATOR_WEBHOOK_RETRY_MS;
  if (!raw) return undefined;
  return raw
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n) && n >= 0);
}

type WebhookEndpoint = Stripe.WebhookEndpoint;

export class Emulator {
  readonly store: Store;
  chaos: ChaosSettings = defaultChaos();
  faults: Fault[] = [];
  readonly webhooks: WebhookDispatcher;
  private timers = new Set<NodeJS.Timeout>();
  readonly asyncDelayMs: number;
  /** The API keys this emulator accepts (core/auth.ts). */
  readonly apiKeys: Set<string>;
  /** Where this emulator is reachable (hosted invoice pages, PDFs); set when the server listens. */
  baseUrl = "http://127.0.0.1:12111";
  /** Recent requests, newest last: what tests inspect to see retries and replays. */
  readonly requestLog: { method: string; path: string; status: number; idempotency_key: string | null; replayed: boolean; request_id: string }[] = [];

  constructor(readonly options: EmulatorOptions) {
    this.store = Store.forDataDir(options.dataDir);
    this.asyncDelayMs = options.asyncDelayMs ?? 20;
    this.apiKeys = acceptedApiKeys(options.apiKeys);
    for (const key of this.store.all<RestrictedKey>("restricted_keys")) this.apiKeys.add(key.id);
    this.webhooks = new WebhookDispatcher({
      chaos: () => this.chaos,
      retrySchedule: options.retrySchedule ?? retryScheduleFromEnv() ?? DEFAULT_RETRY_SCHEDULE,
      timeoutMs: options.webhookTimeoutMs ?? (Number(process.env.STRIPE_EMULATOR_WEBHOOK_TIMEOUT_MS) || 10_000),
      acknowledged: (event) => {
        const stored = this.store.get<StoredEvent>("events", event.id);
        if (stored && stored.pending_webhooks > 0) {
          stored.pending_webhooks -= 1;
          this.store.changed();
        }
      },
      log: (m) => this.log(m),
    });
    this.configureEndpoints();
  }

  log(message: string): void {
    if (this.options.log) console.log(`[stripe-emulator] ${message}`);
  }

  /** Endpoints from options/env are (re)created on start with their fixed secret. */
  private configureEndpoints(): void {
    const wanted = new Set((this.options.webhookEndpoints ?? []).map((e) => e.url));
    for (const we of this.store.all<WebhookEndpoint>("webhook_endpoints")) {
      // An endpoint configured by an earlier run but no longer in the options (env) goes away.
      if (this.store.meta<{ configured?: boolean }>(we.id).configured && !wanted.has(we.url)) this.store.remove("webhook_endpoints", we.id);
    }
    for (const configured of this.options.webhookEndpoints ?? []) {
      const existing = this.store
        .all<WebhookEndpoint>("webhook_endpoints")
        .find((we) => this.store.meta<{ configured?: boolean }>(we.id).configured && we.url === configured.url);
      const endpoint: WebhookEndpoint = existing ?? {
        id: newId("we"),
        object: "webhook_endpoint",
        api_version: API_VERSION,
        application: null,
        created: nowSeconds(),
        description: "Preconfigured by the emulator",
        enabled_events: configured.enabledEvents ?? ["*"],
        livemode: false,
        metadata: {},
        status: "enabled",
        url: configured.url,
      };
      endpoint.enabled_events = configured.enabledEvents ?? ["*"];
      this.store.put("webhook_endpoints", endpoint);
      Object.assign(this.store.meta(endpoint.id), { configured: true, secret: configured.secret });
    }
  }

  webhookSecret(endpointId: string): string {
    return (this.store.meta<{ secret?: string }>(endpointId).secret as string) ?? "";
  }

  private targetsFor(type: string): DeliveryTarget[] {
    const targets: DeliveryTarget[] = [];
    for (const we of this.store.all<WebhookEndpoint>("webhook_endpoints")) {
      if (we.status !== "enabled") continue;
      if (!we.enabled_events.includes("*") && !we.enabled_events.includes(type)) continue;
      targets.push({ id: we.id, url: we.url, secret: this.webhookSecret(we.id) });
    }
    return targets;
  }

  /** Records an event with a frozen snapshot of `object` and queues its deliveries. */
  emit(type: string, object: { id: string }, cause: EventCause, previousAttributes?: Record<string, unknown>): StoredEvent {
    const targets = this.targetsFor(type);
    const data = previousAttributes
      ? `{"object":${JSON.stringify(object)},"previous_attributes":${JSON.stringify(previousAttributes)}}`
      : `{"object":${JSON.stringify(object)}}`;
    const event: StoredEvent = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: nowSeconds(),
      data,
      livemode: false,
      pending_webhooks: targets.length,
      request: { id: cause?.requestId ?? null, idempotency_key: cause?.idempotencyKey ?? null },
      type: type as Stripe.Event.Type,
    };
    this.store.put("events", event);
    if (targets.length) this.webhooks.enqueue(event, targets);
    return event;
  }

  redeliver(event: StoredEvent): void {
    this.webhooks.enqueue(event, this.targetsFor(event.type), true);
  }

  /** Runs an asynchronous follow-up (Stripe automation) shortly after the current request. */
  later(fn: () => void, ms = this.asyncDelayMs): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      try {
        fn();
      } catch (err) {
        this.log(`async task failed: ${(err as Error).message}`);
      }
    }, ms);
    this.timers.add(t);
  }

  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.webhooks.clear();
    this.faults = [];
    this.chaos = defaultChaos();
    resetBillingSettings(this);
    this.store.reset(
      (collection, object) =>
        collection === "restricted_keys" || (collection === "webhook_endpoints" && !!this.store.meta<{ configured?: boolean }>(object.id).configured),
    );
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.webhooks.close();
    this.store.flush();
  }

  secretToken(): string {
    return randomToken(24);
  }
}
