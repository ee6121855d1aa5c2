// Control API under /_emulator/ (ARCHITECTURE.md): JSON in, JSON out. Never part of /v1.
import type http from "node:http";
import type Stripe from "stripe";
import type { Emulator, Fault, StoredEvent } from "./emulator.ts";
import { ApiError } from "./errors.ts";
import { requestId as newRequestId } from "./ids.ts";
import { openDispute } from "./resources/disputes.ts";
import { resolveThreeDSecure } from "./resources/payment_intents/confirm.ts";
import { resolveSetupThreeDSecure } from "./resources/setup_intents.ts";
import { handleBillingControl } from "./billing/control.ts";
import { authenticate, type ApiServer } from "./server.ts";
import { decodeForm } from "./form.ts";

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function fail(res: http.ServerResponse, status: number, message: string): void {
  json(res, status, { error: { type: "invalid_request_error", message } });
}

function parseJson(body: string): Record<string, unknown> {
  if (!body.trim()) return {};
  const parsed = JSON.parse(body);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("expected a JSON object");
  return parsed as Record<string, unknown>;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const FAULT_MODES = ["500", "429", "hang", "delay", "drop_after"];

export function handleControl(
  emu: Emulator,
  server: ApiServer,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  query: string,
  body: string,
): void {
  const method = req.method ?? "GET";
  const parts = pathname.split("/").filter(Boolean).slice(1); // drop "_emulator"
  let input: Record<string, unknown> = {};
  try {
    const type = req.headers["content-type"] ?? "";
    input = type.includes("application/x-www-form-urlencoded") ? (decodeForm(body) as Record<string, unknown>) : parseJson(body);
  } catch (err) {
    return fail(res, 400, `Invalid JSON body: ${(err as Error).message}`);
  }
  try {
    const route = `${method} ${parts[0] ?? ""}`;
    switch (route) {
      case "GET health":
        return json(res, 200, { ok: true });
      case "POST reset":
        emu.reset();
        server.resetIdempotency();
        server.closeHung();
        return json(res, 200, { ok: true });
      case "GET chaos":
        return json(res, 200, emu.chaos);
      case "POST chaos": {
        const next = { ...emu.chaos };
        if (input.duplicate_rate !== undefined) next.duplicate_rate = Math.min(1, Math.max(0, Number(input.duplicate_rate)));
        if (input.shuffle !== undefined) next.shuffle = Boolean(input.shuffle);
        if (input.delivery_delay_ms !== undefined) next.delivery_delay_ms = Math.max(0, Number(input.delivery_delay_ms));
        if (input.drop_types !== undefined) next.drop_types = (input.drop_types as string[]) ?? [];
        emu.chaos = next;
        return json(res, 200, emu.chaos);
      }
      case "GET faults":
        return json(res, 200, { data: emu.faults });
      case "DELETE faults":
        emu.faults = [];
        return json(res, 200, { data: [] });
      case "POST faults": {
        const mode = String(input.mode ?? "500");
        if (!FAULT_MODES.includes(mode)) return fail(res, 400, `mode must be one of ${FAULT_MODES.join(", ")}`);
        if (typeof input.path !== "string" || !input.path) return fail(res, 400, "path is required");
        const fault: Fault = {
          path: input.path,
          method: typeof input.method === "string" ? input.method.toUpperCase() : undefined,
          count: Number(input.count ?? 1),
          mode: mode as Fault["mode"],
          delay_ms: input.delay_ms === undefined ? undefined : Number(input.delay_ms),
        };
        emu.faults.push(fault);
        return json(res, 200, fault);
      }
      case "GET requests":
        return json(res, 200, { data: emu.requestLog });
      case "POST disputes":
        return triggerDispute(emu, res, input);
      case "POST payment_intents":
        if (parts[2] === "three_d_secure") return threeDSecure(emu, req, res, parts[1], input);
        break;
      case "POST setup_intents":
        if (parts[2] === "three_d_secure") return setupThreeDSecure(emu, req, res, parts[1], input);
        break;
      case "GET 3ds":
        return hostedChallenge(emu, res, parts[1], new URLSearchParams(query).get("return_url"));
      case "POST 3ds":
        if (parts[2] === "complete") return completeHostedChallenge(emu, res, parts[1], input, new URLSearchParams(query));
        break;
      case "POST webhooks":
        if (parts[1] === "redeliver") {
          const event = emu.store.get<StoredEvent>("events", String(input.event ?? ""));
          if (!event) return fail(res, 404, `No such event: '${String(input.event)}'`);
          emu.redeliver(event);
          return json(res, 200, { ok: true, event: event.id });
        }
        break;
    }
    if (handleBillingControl(emu, res, method, parts, input)) return;
    fail(res, 404, `Unknown control endpoint: ${method} ${pathname}`);
  } catch (err) {
    if (err instanceof ApiError) return server.sendError(res, newRequestId(), err);
    fail(res, 500, (err as Error).message);
  }
}

function triggerDispute(emu: Emulator, res: http.ServerResponse, input: Record<string, unknown>): void {
  let chargeId = input.charge as string | undefined;
  if (!chargeId && input.payment_intent) {
    const pi = emu.store.get<Stripe.PaymentIntent>("payment_intents", String(input.payment_intent));
    if (!pi) return fail(res, 404, `No such payment_intent: '${String(input.payment_intent)}'`);
    chargeId = (pi.latest_charge as string | null) ?? undefined;
  }
  const charge = chargeId ? emu.store.get<Stripe.Charge>("charges", chargeId) : undefined;
  if (!charge) return fail(res, 404, `No such charge: '${chargeId ?? ""}'`);
  if (charge.status !== "succeeded" || !charge.captured) return fail(res, 400, `Charge ${charge.id} has not succeeded; it cannot be disputed.`);
  const dispute = openDispute(emu, charge, (input.reason as string) ?? "fraudulent", input.inquiry === true);
  json(res, 200, dispute);
}

function threeDSecure(emu: Emulator, req: http.IncomingMessage, res: http.ServerResponse, piId: string, input: Record<string, unknown>): void {
  const pi = emu.store.get<Stripe.PaymentIntent>("payment_intents", piId);
  if (!pi) return fail(res, 404, `No such payment_intent: '${piId}'`);
  const auth = authenticate(req.headers.authorization);
  const secretKey = !(auth instanceof ApiError) && auth.kind === "secret";
  if (!secretKey && input.client_secret !== pi.client_secret)
    return fail(res, 401, "A secret key, or a publishable key with this PaymentIntent's client_secret, is required.");
  const outcome = input.outcome === "fail" ? "fail" : "succeed";
  const { error } = resolveThreeDSecure(emu, pi, outcome);
  const view = secretKey ? pi : publishableSubset(pi);
  if (error) {
    const body = { ...error.body, payment_intent: view };
    return json(res, error.status, { error: body });
  }
  json(res, 200, view);
}

function setupThreeDSecure(emu: Emulator, req: http.IncomingMessage, res: http.ServerResponse, id: string, input: Record<string, unknown>): void {
  const si = emu.store.get<Stripe.SetupIntent>("setup_intents", id);
  if (!si) return fail(res, 404, `No such setupintent: '${id}'`);
  const auth = authenticate(req.headers.authorization);
  const secretKey = !(auth instanceof ApiError) && auth.kind === "secret";
  if (!secretKey && input.client_secret !== si.client_secret)
    return fail(res, 401, "A secret key, or a publishable key with this SetupIntent's client_secret, is required.");
  resolveSetupThreeDSecure(emu, si, input.outcome === "fail" ? "fail" : "succeed");
  if (secretKey) return json(res, 200, si);
  const { metadata: _m, customer: _c, ...rest } = si;
  void _m;
  void _c;
  json(res, 200, rest);
}

function publishableSubset(pi: Stripe.PaymentIntent): Record<string, unknown> {
  const { metadata: _m, customer: _c, latest_charge: _l, ...rest } = pi;
  void _m;
  void _c;
  void _l;
  return rest;
}

function hostedChallenge(emu: Emulator, res: http.ServerResponse, piId: string, returnUrl: string | null): void {
  const pi = (emu.store.get<Stripe.PaymentIntent>("payment_intents", piId) ??
    (emu.store.get<Stripe.SetupIntent>("setup_intents", piId) as unknown as Stripe.PaymentIntent | undefined));
  if (!pi) return fail(res, 404, `No such payment_intent: '${piId}'`);
  const action = (outcome: string) =>
    `/_emulator/3ds/${encodeURIComponent(pi.id)}/complete?outcome=${outcome}${returnUrl ? `&return_url=${encodeURIComponent(returnUrl)}` : ""}`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>3-D Secure authentication (Stripe emulator)</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}button{font-size:1rem;padding:.6rem 1rem;margin:.25rem}</style></head>
<body><main>
<h1>3-D Secure authentication</h1>
<p>${(pi.object as string) === "setup_intent" ? `Saving a card for later (${escapeHtml(pi.id)}).` : `Test payment of <strong>${(pi.amount / 100).toFixed(2)} ${escapeHtml(pi.currency.toUpperCase())}</strong> (${escapeHtml(pi.id)}).`}</p>
<p>This page stands in for the card issuer's challenge.</p>
${
  pi.status === "requires_action"
    ? `<form method="post" action="${escapeHtml(action("succeed"))}"><button type="submit">Complete authentication</button></form>
<form method="post" action="${escapeHtml(action("fail"))}"><button type="submit">Fail authentication</button></form>`
    : `<p role="status">Nothing to authenticate: this PaymentIntent is ${escapeHtml(pi.status)}.</p>`
}
</main></body></html>`;
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(html);
}

function completeHostedChallenge(emu: Emulator, res: http.ServerResponse, piId: string, input: Record<string, unknown>, query: URLSearchParams): void {
  const si = emu.store.get<Stripe.SetupIntent>("setup_intents", piId);
  if (si) {
    const outcome = (query.get("outcome") ?? input.outcome) === "fail" ? "fail" : "succeed";
    const returnUrl = query.get("return_url") ?? (input.return_url as string | undefined) ?? null;
    if (si.status === "requires_action") resolveSetupThreeDSecure(emu, si, outcome);
    const status = si.status === "succeeded" || si.status === "processing" ? "succeeded" : "failed";
    if (!returnUrl) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><p role="status">Authentication ${status}. SetupIntent ${escapeHtml(si.id)} is ${escapeHtml(si.status)}.</p>`);
      return;
    }
    const target = new URL(returnUrl);
    target.searchParams.set("setup_intent", si.id);
    target.searchParams.set("setup_intent_client_secret", si.client_secret ?? "");
    target.searchParams.set("redirect_status", status);
    res.writeHead(303, { Location: target.toString() });
    res.end();
    return;
  }
  const pi = emu.store.get<Stripe.PaymentIntent>("payment_intents", piId);
  if (!pi) return fail(res, 404, `No such payment_intent: '${piId}'`);
  const outcome = (query.get("outcome") ?? input.outcome) === "fail" ? "fail" : "succeed";
  const returnUrl = query.get("return_url") ?? (input.return_url as string | undefined) ?? null;
  if (pi.status === "requires_action") resolveThreeDSecure(emu, pi, outcome);
  const redirectStatus = pi.status === "succeeded" || pi.status === "requires_capture" || pi.status === "processing" ? "succeeded" : "failed";
  if (!returnUrl) {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><p role="status">Authentication ${redirectStatus}. PaymentIntent ${escapeHtml(pi.id)} is ${escapeHtml(pi.status)}.</p>`);
    return;
  }
  const target = new URL(returnUrl);
  target.searchParams.set("payment_intent", pi.id);
  target.searchParams.set("payment_intent_client_secret", pi.client_secret ?? "");
  target.searchParams.set("redirect_status", redirectStatus);
  res.writeHead(303, { Location: target.toString() });
  res.end();
}
