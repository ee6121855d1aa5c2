// HTTP front: CORS, auth, faults, idempotency, routing, expansion and rendering of /v1, plus the
// control API (/_emulator) and the Stripe.js stand-in (/v3/stripe.js).
import http from "node:http";
import type { RequestContext, HttpMethod } from "./core/context.ts";
import { authenticate } from "./core/auth.ts";
import { permissionRefusal, type RestrictedKey } from "./core/permissions.ts";
import { DEFAULT_ACCOUNT_ID } from "./resources/account.ts";
import { handleControl } from "./control/handle.ts";
import { API_VERSION, type Emulator, type Fault } from "./core/emulator.ts";
import { ApiError, type StripeErrorBody } from "./core/errors.ts";
import { applyExpand } from "./core/expand.ts";
import { decodeForm } from "./core/form.ts";
import { requestId as newRequestId } from "./core/ids.ts";
import { validate, type Params } from "./core/params.ts";
import { checkCurrencies } from "./core/currency.ts";
import { inLayout, routeParams, type RouteParams } from "./core/route-params.ts";
import { PUBLISHABLE_PAYMENT_INTENT_FIELDS } from "./resources/payment_intent_records.ts";
import { PUBLISHABLE_SETUP_INTENT_FIELDS } from "./resources/setup_intents.ts";
import { serveInvoicePage } from "./billing/pages.ts";
import { serveCheckoutPage } from "./checkout/page.ts";
import { servePortalPage } from "./portal/page.ts";
import { ROUTES, Router } from "./router.ts";
import { stripeJsScript } from "./stripejs-script.ts";

const router = new Router(ROUTES);
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
  "Access-Control-Allow-Headers":
    "Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account, Stripe-Context, X-Stripe-Client-User-Agent, X-Stripe-Client-Telemetry, User-Agent",
  "Access-Control-Expose-Headers": "Request-Id, Stripe-Version, Idempotency-Key, Idempotent-Replayed, Original-Request, Stripe-Should-Retry",
  "Access-Control-Max-Age": "300",
};

interface IdempotencyRecord {
  fingerprint: string;
  done: boolean;
  status: number;
  body: string;
  requestId: string;
  at: number;
}

export class ApiServer {
  readonly http: http.Server;
  private idempotency = new Map<string, IdempotencyRecord>();
  private hung = new Set<http.ServerResponse>();

  constructor(private readonly emu: Emulator) {
    this.http = http.createServer((req, res) => this.handle(req, res));
    this.http.keepAliveTimeout = 65_000;
    setInterval(() => this.pruneIdempotency(), 3600_000).unref();
  }

  resetIdempotency(): void {
    this.idempotency.clear();
  }

  closeHung(): void {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
  }

  private pruneIdempotency(): void {
    const cutoff = Date.now() - IDEMPOTENCY_TTL_MS;
    for (const [k, r] of this.idempotency) if (r.at < cutoff) this.idempotency.delete(k);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    for (const h in CORS_HEADERS) res.setHeader(h, CORS_HEADERS[h]);
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? "" : url.slice(q + 1);
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      if (pathname.startsWith("/v1/")) this.api(req, res, pathname, query, body);
      else if (pathname.startsWith("/_emulator/")) handleControl(this.emu, this, req, res, pathname, query, body);
      else if (pathname.startsWith("/i/")) serveInvoicePage(this.emu, res, pathname);
      else if (pathname.startsWith("/p/session/")) this.page(res, () => servePortalPage(this.emu, req, res, pathname, decodeForm(req.method === "POST" ? body : "")));
      else if (pathname.startsWith("/c/pay/")) this.page(res, () => serveCheckoutPage(this.emu, req, res, pathname, query, decodeForm(req.method === "POST" ? body : "")));
      else if (pathname === "/v3/stripe.js" || pathname === "/v3/" || pathname === "/v3") void this.serveStripeJs(res);
      else this.sendError(res, newRequestId(), unrecognized(req.method ?? "GET", pathname));
    });
  }

  /** A hosted page (Checkout, Billing Portal): an unexpected failure is a 500 page, not a crash. */
  private page(res: http.ServerResponse, serve: () => void): void {
    try {
      serve();
    } catch (err) {
      this.emu.log(`hosted page failed: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("The emulator could not complete this request.");
    }
  }

  private async serveStripeJs(res: http.ServerResponse): Promise<void> {
    const source = await stripeJsScript();
    if (!source) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("stripe.js stand-in not found (emulator/stripejs/)");
      return;
    }
    res.writeHead(200, { "Content-Type": "application/javascript; charset=utf-8", "Cache-Control": "no-cache" });
    res.end(source);
  }

  /** Origin the caller used, so hosted pages are reachable from the browser that asked. */
  private baseUrl(req: http.IncomingMessage): string {
    return `http://${req.headers.host ?? "127.0.0.1"}`;
  }

  private takeFault(method: string, pathname: string): Fault | null {
    if (this.emu.faults.length === 0) return null;
    const i = this.emu.faults.findIndex(
      (f) =>
        f.count > 0 &&
        (!f.method || f.method.toUpperCase() === method) &&
        (f.path.endsWith("*") ? pathname.startsWith(f.path.slice(0, -1)) : f.path === pathname),
    );
    if (i === -1) return null;
    const fault = this.emu.faults[i];
    fault.count -= 1;
    if (fault.count <= 0) this.emu.faults.splice(i, 1);
    return fault;
  }

  private api(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, query: string, rawBody: string): void {
    const requestId = newRequestId();
    const method = (req.method ?? "GET").toUpperCase() as HttpMethod;
    res.setHeader("Request-Id", requestId);
    res.setHeader("Stripe-Version", API_VERSION);
    const idempotencyKey = method === "POST" ? ((req.headers["idempotency-key"] as string | undefined) ?? null) : null;
    if (idempotencyKey) res.setHeader("Idempotency-Key", idempotencyKey);

    const fault = this.takeFault(method, pathname);
    if (fault && fault.mode !== "delay" && fault.mode !== "drop_after") {
      this.logRequest(method, pathname, fault.mode === "hang" ? 0 : Number(fault.mode), idempotencyKey, false, requestId);
      if (fault.mode === "hang") {
        this.hung.add(res);
        res.on("close", () => this.hung.delete(res));
        return;
      }
      if (fault.mode === "500") {
        res.setHeader("Stripe-Should-Retry", "true");
        this.sendError(res, requestId, new ApiError(500, { type: "api_error", message: "An unknown error occurred (injected by the emulator)." }));
      } else {
        res.setHeader("Stripe-Should-Retry", "true");
        this.sendError(
          res,
          requestId,
          new ApiError(429, { type: "invalid_request_error", code: "rate_limit", message: "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits." }),
        );
      }
      return;
    }

    const auth = authenticate(req.headers.authorization, this.emu.apiKeys);
    if (auth instanceof ApiError) return this.sendError(res, requestId, auth);
    const version = req.headers["stripe-version"];
    if (typeof version === "string" && version && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?(; *[a-z_]+=v\d+)*$/.test(version))
      return this.sendError(res, requestId, new ApiError(400, { type: "invalid_request_error", message: `Invalid Stripe API version: ${version}`, param: "Stripe-Version" }));

    const match = router.match(method, pathname);
    if (!match) return this.sendError(res, requestId, unrecognized(method, pathname));
    const { route } = match;
    const restricted = auth.kind === "secret" ? this.emu.store.get<RestrictedKey>("restricted_keys", auth.key) : undefined;
    const refusal = restricted ? permissionRefusal(restricted, route, this.emu.options.accountId ?? DEFAULT_ACCOUNT_ID) : null;
    if (refusal) {
      this.logRequest(method, pathname, refusal.status, idempotencyKey, false, requestId);
      return this.sendError(res, requestId, refusal);
    }
    if (auth.kind === "publishable" && !route.publishable)
      return this.sendError(
        res,
        requestId,
        new ApiError(401, { type: "invalid_request_error", message: "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys." }),
      );

    let scopedKey: string | null = null;
    if (idempotencyKey) {
      if (idempotencyKey.length > 255)
        return this.sendError(res, requestId, new ApiError(400, { type: "invalid_request_error", message: "Idempotency-Key must be at most 255 characters long.", param: "Idempotency-Key" }));
      scopedKey = `${auth.key}\u0000${idempotencyKey}`;
      const fingerprint = `${method} ${pathname}\u0000${rawBody}`;
      const previous = this.idempotency.get(scopedKey);
      if (previous) {
        if (!previous.done) {
          this.logRequest(method, pathname, 409, idempotencyKey, false, requestId);
          return this.sendError(
            res,
            requestId,
            new ApiError(409, {
              type: "idempotency_error",
              code: "idempotency_key_in_use",
              message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${idempotencyKey}. Please try again later.`,
            }),
          );
        }
        if (previous.fingerprint !== fingerprint) {
          this.logRequest(method, pathname, 400, idempotencyKey, false, requestId);
          return this.sendError(
            res,
            requestId,
            new ApiError(400, {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            }),
          );
        }
        this.logRequest(method, pathname, previous.status, idempotencyKey, true, requestId);
        res.setHeader("Idempotent-Replayed", "true");
        res.setHeader("Original-Request", previous.requestId);
        res.writeHead(previous.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(previous.body) });
        res.end(previous.body);
        return;
      }
      this.idempotency.set(scopedKey, { fingerprint, done: false, status: 0, body: "", requestId, at: Date.now() });
    }

    const run = () => {
      const { status, body, store } = this.execute(route, match.params, method, query, rawBody, requestId, idempotencyKey, auth.kind === "publishable", this.baseUrl(req));
      if (scopedKey) {
        const record = this.idempotency.get(scopedKey)!;
        if (store) Object.assign(record, { done: true, status, body });
        else this.idempotency.delete(scopedKey);
      }
      this.logRequest(method, pathname, status, idempotencyKey, false, requestId);
      if (fault?.mode === "drop_after") {
        // The work is done and stored; the client sees a dropped connection and retries.
        req.socket.destroy();
        return;
      }
      if (status >= 500) res.setHeader("Stripe-Should-Retry", "false");
      this.emu.options.onResponse?.({ method, path: pathname, status, body, publishable: auth.kind === "publishable" });
      res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    };
    if (fault?.mode === "delay") setTimeout(run, fault.delay_ms ?? 1000);
    else run();
  }

  private execute(
    route: (typeof ROUTES)[number],
    pathParams: Record<string, string>,
    method: HttpMethod,
    query: string,
    rawBody: string,
    requestId: string,
    idempotencyKey: string | null,
    publishable: boolean,
    baseUrl: string,
  ): { status: number; body: string; store: boolean } {
    let ctx: RequestContext | null = null;
    try {
      const form = decodeForm(method === "POST" ? (rawBody || query) : query);
      const accepted = routeParams(route.method, route.path, route.schema);
      const params = validate(accepted.schema, form);
      checkCurrencies(params);
      ctx = { emu: this.emu, params, path: pathParams, requestId, idempotencyKey, publishable, baseUrl };
      const result = this.withStoredParams(accepted, params, pathParams.id ?? null, () => route.handler(ctx!));
      const expanded = applyExpand(result, params.expand, this.emu.store);
      return { status: 200, body: JSON.stringify(publishable ? publishableView(expanded) : expanded), store: true };
    } catch (err) {
      const apiError = err instanceof ApiError ? err : internalError(err, this.emu);
      const body = renderError(apiError.body, requestId, publishable);
      return { status: apiError.status, body: JSON.stringify({ error: body }), store: !apiError.validation };
    }
  }

  /** Runs a handler so that the documented parameters it does not model land on its object as sent. */
  private withStoredParams<T>(accepted: RouteParams, params: Params, id: string | null, run: () => T): T {
    const object = accepted.storesOn;
    if (!object) return run();
    let fields: Record<string, unknown> | null = null;
    for (const name in accepted.stored) {
      if (params[name] === undefined) continue;
      (fields ??= {})[name] = inLayout(params[name], accepted.stored[name]);
    }
    if (!fields) return run();
    const store = this.emu.store;
    store.pendingFields = { object, id, fields };
    try {
      return run();
    } finally {
      store.pendingFields = null;
    }
  }

  sendError(res: http.ServerResponse, requestId: string, error: ApiError): void {
    if (!res.hasHeader("Request-Id")) res.setHeader("Request-Id", requestId);
    for (const [k, v] of Object.entries(error.headers)) res.setHeader(k, v);
    const body = JSON.stringify({ error: renderError(error.body, requestId, false) });
    // Errors answered before a route runs (auth, unknown URL, idempotency) are reported too.
    if (this.emu.options.onResponse && res.req?.url)
      this.emu.options.onResponse({ method: res.req.method ?? "GET", path: res.req.url.split("?")[0], status: error.status, body, publishable: false });
    res.writeHead(error.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  }

  private logRequest(method: string, path: string, status: number, key: string | null, replayed: boolean, requestId: string): void {
    const log = this.emu.requestLog;
    log.push({ method, path, status, idempotency_key: key, replayed, request_id: requestId });
    if (log.length > 500) log.splice(0, log.length - 500);
  }
}

function renderError(body: StripeErrorBody, requestId: string, publishable: boolean): StripeErrorBody {
  const out: StripeErrorBody = { ...body, request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}` };
  if (out.payment_intent && typeof out.payment_intent === "object") {
    const pi = JSON.parse(JSON.stringify(out.payment_intent));
    out.payment_intent = publishable ? publishableView(pi) : pi;
  }
  if (out.setup_intent && typeof out.setup_intent === "object") {
    const si = JSON.parse(JSON.stringify(out.setup_intent));
    out.setup_intent = publishable ? publishableView(si) : si;
  }
  return out;
}

function internalError(err: unknown, emu: Emulator): ApiError {
  emu.log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
  return new ApiError(500, { type: "api_error", message: `Emulator internal error: ${(err as Error)?.message ?? String(err)}` });
}

function unrecognized(method: string, pathname: string): ApiError {
  return new ApiError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

/** Publishable-key responses: the PaymentIntent subset of §11.6 and no metadata (BEHAVIOR §1.2). */
function publishableView(value: unknown): unknown {
  if (!value || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (object.object === "payment_intent") {
    const out: Record<string, unknown> = {};
    for (const k of PUBLISHABLE_PAYMENT_INTENT_FIELDS) out[k] = object[k];
    return out;
  }
  if (object.object === "setup_intent") {
    const out: Record<string, unknown> = {};
    for (const k of PUBLISHABLE_SETUP_INTENT_FIELDS) out[k] = object[k];
    return out;
  }
  if ("metadata" in object) {
    const { metadata: _omit, ...rest } = object;
    void _omit;
    return rest;
  }
  return object;
}
