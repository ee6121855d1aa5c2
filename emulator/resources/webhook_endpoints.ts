import type Stripe from "stripe";
import type { Route } from "../core/context.ts";
import { API_VERSION } from "../core/emulator.ts";
import { invalidRequest } from "../core/errors.ts";
import { newId, nowSeconds, randomToken } from "../core/ids.ts";
import { paginate } from "../core/list.ts";
import { arr, bool, listParams, mergeMetadata, metadata, req, str } from "../core/params.ts";
import { applyUpdate, load, retrieveRoute } from "./shared.ts";

function checkUrl(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
  } catch {
    throw invalidRequest(`Invalid URL: ${url}`, { param: "url", code: "url_invalid" });
  }
}

export const webhookEndpointRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/webhook_endpoints",
    schema: { url: req(str()), enabled_events: req(arr(str())), description: str(), metadata: metadata(), api_version: str(), connect: bool() },
    handler(ctx) {
      const p = ctx.params;
      checkUrl(p.url);
      const endpoint: Stripe.WebhookEndpoint = {
        id: newId("we"),
        object: "webhook_endpoint",
        api_version: p.api_version ?? API_VERSION,
        application: null,
        created: nowSeconds(),
        description: p.description ?? null,
        enabled_events: p.enabled_events,
        livemode: false,
        metadata: mergeMetadata({}, p.metadata),
        status: "enabled",
        url: p.url,
      };
      const secret = `whsec_${randomToken(32)}`;
      ctx.emu.store.put("webhook_endpoints", endpoint);
      ctx.emu.store.meta(endpoint.id).secret = secret;
      // The secret is only ever returned by create, as on Stripe.
      return { ...endpoint, secret };
    },
  },
  retrieveRoute("/v1/webhook_endpoints/:id", "webhook_endpoints", "webhook endpoint"),
  {
    method: "POST",
    path: "/v1/webhook_endpoints/:id",
    schema: { url: str(), enabled_events: arr(str()), description: str(), metadata: metadata(), disabled: bool() },
    handler(ctx) {
      const endpoint = load<Stripe.WebhookEndpoint>(ctx, "webhook_endpoints", ctx.path.id, "webhook endpoint");
      const p = ctx.params;
      if (p.url) checkUrl(p.url);
      applyUpdate(endpoint, {
        ...(p.url ? { url: p.url } : {}),
        ...(p.enabled_events ? { enabled_events: p.enabled_events } : {}),
        ...(p.description !== undefined ? { description: p.description } : {}),
        ...(p.disabled !== undefined && p.disabled !== null ? { status: p.disabled ? "disabled" : "enabled" } : {}),
        metadata: mergeMetadata(endpoint.metadata, p.metadata),
      });
      ctx.emu.store.put("webhook_endpoints", endpoint);
      return endpoint;
    },
  },
  {
    method: "GET",
    path: "/v1/webhook_endpoints",
    schema: { ...listParams },
    handler: (ctx) => paginate(ctx.emu.store.all<Stripe.WebhookEndpoint>("webhook_endpoints"), ctx.params, "/v1/webhook_endpoints"),
  },
  {
    method: "DELETE",
    path: "/v1/webhook_endpoints/:id",
    schema: {},
    handler(ctx) {
      const endpoint = load<Stripe.WebhookEndpoint>(ctx, "webhook_endpoints", ctx.path.id, "webhook endpoint");
      ctx.emu.store.remove("webhook_endpoints", endpoint.id);
      return { id: endpoint.id, object: "webhook_endpoint", deleted: true } satisfies Stripe.DeletedWebhookEndpoint;
    },
  },
];
