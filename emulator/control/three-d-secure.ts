// 3-D Secure through the control API: resolve a pending challenge (JSON), or the hosted challenge
// page a browser is redirected to, and its completion (redirect back to the return_url).
import type http from "node:http";
import type Stripe from "stripe";
import { authenticate } from "../core/auth.ts";
import type { Emulator } from "../core/emulator.ts";
import { ApiError } from "../core/errors.ts";
import { resolveThreeDSecure } from "../resources/payment_intent_confirm.ts";
import { resolveSetupThreeDSecure } from "../resources/setup_intents.ts";
import { escapeHtml, fail, json } from "../core/responses.ts";

export function threeDSecure(emu: Emulator, req: http.IncomingMessage, res: http.ServerResponse, piId: string, input: Record<string, unknown>): void {
  const pi = emu.store.get<Stripe.PaymentIntent>("payment_intents", piId);
  if (!pi) return fail(res, 404, `No such payment_intent: '${piId}'`);
  const auth = authenticate(req.headers.authorization, emu.apiKeys);
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

export function setupThreeDSecure(emu: Emulator, req: http.IncomingMessage, res: http.ServerResponse, id: string, input: Record<string, unknown>): void {
  const si = emu.store.get<Stripe.SetupIntent>("setup_intents", id);
  if (!si) return fail(res, 404, `No such setupintent: '${id}'`);
  const auth = authenticate(req.headers.authorization, emu.apiKeys);
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

export function hostedChallenge(emu: Emulator, res: http.ServerResponse, piId: string, returnUrl: string | null): void {
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

export function completeHostedChallenge(emu: Emulator, res: http.ServerResponse, piId: string, input: Record<string, unknown>, query: URLSearchParams): void {
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
