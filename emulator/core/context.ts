import type { Emulator } from "./emulator.ts";
import type { Params, Schema } from "./params.ts";

export type { EventCause } from "./stored-event.ts";

export interface RequestContext {
  emu: Emulator;
  params: Params;
  /** Path parameters, e.g. `{ id: "pi_…" }`. */
  path: Record<string, string>;
  requestId: string;
  idempotencyKey: string | null;
  /** True when the caller authenticated with a publishable key (browser / Stripe.js). */
  publishable: boolean;
  /** Origin the caller used to reach us; used for hosted pages (3-D Secure). */
  baseUrl: string;
}

export type HttpMethod = "GET" | "POST" | "DELETE";

export interface Route {
  method: HttpMethod;
  /** e.g. "/v1/payment_intents/:id/confirm" */
  path: string;
  schema: Schema;
  /** Publishable keys may call this route (client-secret operations, PaymentMethod creation). */
  publishable?: boolean;
  handler: (ctx: RequestContext) => unknown;
}
