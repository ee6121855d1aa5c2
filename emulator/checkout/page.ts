// The hosted Checkout page (`session.url` = `/c/pay/{cs}`): the session's lines, an email and a
// test-card picker. Paying creates the PaymentIntent (payment mode) or the Subscription and its first
// invoice (subscription mode) through the emulator's usual code, so the usual events follow; then
// `checkout.session.completed` and a 303 to `success_url` with `{CHECKOUT_SESSION_ID}` replaced.
// 3-D Secure cards go through the hosted challenge (`/_emulator/3ds/…`) and come back to
// `/c/pay/{cs}/return`.
import type http from "node:http";
import type Stripe from "stripe";
import { createSubscription } from "../billing/subscriptions/create.ts";
import { invMeta } from "../billing/invoices/records.ts";
import { money, type Subscription } from "../billing/model.ts";
import type { RequestContext } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import { ApiError } from "../core/errors.ts";
import { HOSTED_TEST_CARDS, pageContext } from "../core/hosted.ts";
import { escapeHtml } from "../core/responses.ts";
import { customerRoutes } from "../resources/customers.ts";
import { buildPaymentIntent } from "../resources/payment_intent_build.ts";
import { confirm } from "../resources/payment_intent_confirm.ts";
import { attachPaymentMethod, resolvePaymentMethod } from "../resources/payment_methods.ts";
import { checkoutMeta, type CheckoutMeta, type CheckoutSession } from "./sessions.ts";

function send(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  res.end(html);
}

function redirect(res: http.ServerResponse, location: string): void {
  res.writeHead(303, { Location: location });
  res.end();
}

export function serveCheckoutPage(emu: Emulator, req: http.IncomingMessage, res: http.ServerResponse, pathname: string, query: string, form: Record<string, unknown>): void {
  const parts = pathname.split("/").filter(Boolean); // ["c", "pay", cs, action?]
  const id = decodeURIComponent(parts[2] ?? "");
  const session = emu.store.get<CheckoutSession>("checkout_sessions", id);
  const baseUrl = `http://${req.headers.host ?? "127.0.0.1"}`;
  if (!session || parts.length > 4) return send(res, 404, "<!doctype html><p>Checkout Session not found.</p>");
  const action = parts[3];
  if (req.method === "POST" && !action) return pay(emu, res, baseUrl, session, form);
  if (action === "return") return afterAuthentication(emu, res, baseUrl, session, new URLSearchParams(query));
  if (action === "complete") return send(res, 200, page(session, checkoutMeta(emu.store, id), "Thanks for your order. The payment is complete."));
  if (action) return send(res, 404, "<!doctype html><p>Not found.</p>");
  send(res, 200, page(session, checkoutMeta(emu.store, id), null));
}

function emailOf(emu: Emulator, session: CheckoutSession): string | null {
  if (session.customer) return emu.store.get<Stripe.Customer>("customers", session.customer as string)?.email ?? null;
  return session.customer_email;
}

function page(session: CheckoutSession, meta: CheckoutMeta, notice: string | null, error: string | null = null, email: string | null = null): string {
  const currency = session.currency ?? "usd";
  const rows = (meta.lineItems ?? [])
    .map((li) => {
      const every = li.price?.recurring ? ` / ${li.price.recurring.interval_count > 1 ? `${li.price.recurring.interval_count} ` : ""}${li.price.recurring.interval}` : "";
      return `<tr><td>${escapeHtml(li.description ?? "")}</td><td>${li.quantity ?? 1}</td><td style="text-align:right">${escapeHtml(money(li.amount_total, li.currency))}${escapeHtml(every)}</td></tr>`;
    })
    .join("");
  const due = session.amount_total ?? 0;
  const button = session.mode === "subscription" ? (due === 0 ? "Start trial" : `Subscribe — ${money(due, currency)}`) : `Pay ${money(due, currency)}`;
  const open = session.status === "open" && !notice;
  const cards = HOSTED_TEST_CARDS.map((c) => `<option value="${c.id}">${escapeHtml(c.label)}</option>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Checkout</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}table{width:100%;border-collapse:collapse}td,th{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}label{display:block;margin:.8rem 0 .2rem}input,select{width:100%;font-size:1rem;padding:.4rem}button{font-size:1rem;padding:.6rem 1rem;margin-top:1rem;width:100%}[role=alert]{color:#b00020}</style></head>
<body><main>
<h1>Checkout</h1>
<table><thead><tr><th>Item</th><th>Qty</th><th style="text-align:right">Amount</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><th colspan="2">Due today</th><th style="text-align:right" data-testid="amount-due">${escapeHtml(money(due, currency))}</th></tr></tfoot></table>
${error ? `<p role="alert" data-testid="checkout-error">${escapeHtml(error)}</p>` : ""}
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ""}
${
  open
    ? `<form method="post" action="/c/pay/${encodeURIComponent(session.id)}">
<label for="email">Email</label><input id="email" name="email" type="email" required value="${escapeHtml(email ?? "")}"${email ? " readonly" : ""}>
<label for="name">Name on card</label><input id="name" name="name" autocomplete="cc-name">
<label for="card">Test card</label><select id="card" name="card">${cards}</select>
<button type="submit" data-testid="checkout-submit">${escapeHtml(button)}</button>
</form>`
    : !notice
      ? `<p role="status">This Checkout Session is ${escapeHtml(session.status ?? "")}.</p>`
      : ""
}
${session.cancel_url && open ? `<p><a href="${escapeHtml(session.cancel_url)}">← Back</a></p>` : ""}
<p><small>Stripe emulator — a stand-in for Stripe's hosted Checkout page (session ${escapeHtml(session.id)}).</small></p>
</main></body></html>`;
}

function fail(emu: Emulator, res: http.ServerResponse, session: CheckoutSession, message: string, email: string | null): void {
  send(res, 402, page(session, checkoutMeta(emu.store, session.id), null, message, email));
}

/** The customer of the session: given, created earlier in this session, or created now (subscription mode, `customer_creation: always`). */
function ensureCustomer(ctx: RequestContext, session: CheckoutSession, meta: CheckoutMeta, email: string, name: string | null): string | null {
  if (session.customer) return session.customer as string;
  if (meta.customer) return meta.customer as string;
  if (session.mode !== "subscription" && session.customer_creation !== "always") return null;
  const create = customerRoutes.find((r) => r.method === "POST" && r.path === "/v1/customers")!;
  const customer = create.handler({ ...ctx, params: { email, ...(name ? { name } : {}) } }) as Stripe.Customer;
  meta.customer = customer.id;
  return customer.id;
}

function pay(emu: Emulator, res: http.ServerResponse, baseUrl: string, session: CheckoutSession, form: Record<string, unknown>): void {
  const meta = checkoutMeta(emu.store, session.id);
  const known = emailOf(emu, session);
  const email = known ?? (typeof form.email === "string" && form.email.trim() ? form.email.trim() : null);
  const name = typeof form.name === "string" && form.name.trim() ? form.name.trim() : null;
  if (session.status !== "open") return fail(emu, res, session, "This Checkout Session is no longer active.", known);
  if (!email) return fail(emu, res, session, "Enter your email.", known);
  const card = typeof form.card === "string" ? form.card : "";
  if (!HOSTED_TEST_CARDS.some((c) => c.id === card)) return fail(emu, res, session, "Choose a test card.", email);
  const ctx = pageContext(emu, baseUrl);
  const returnUrl = `${baseUrl}/c/pay/${encodeURIComponent(session.id)}/return`;
  try {
    const customer = ensureCustomer(ctx, session, meta, email, name);
    const pm = resolvePaymentMethod(ctx, card, "payment_method");
    pm.billing_details = { ...pm.billing_details, email, name };
    emu.store.put("payment_methods", pm);
    const pi = session.mode === "subscription" ? subscriptionPayment(ctx, session, meta, customer!, pm) : paymentModeIntent(ctx, session, meta, customer, email);
    if (pi && pi.status !== "succeeded" && pi.status !== "requires_capture") {
      const confirmed = confirm(ctx, pi, { payment_method: pm.id, return_url: returnUrl });
      if (confirmed.status === "requires_action" && confirmed.next_action?.type === "redirect_to_url") {
        meta.email = email;
        meta.name = name;
        return redirect(res, confirmed.next_action.redirect_to_url!.url!);
      }
      if (confirmed.status !== "succeeded" && confirmed.status !== "requires_capture")
        return fail(emu, res, session, confirmed.last_payment_error?.message ?? "Your card was declined.", email);
    }
    redirect(res, complete(ctx, session, meta, email, name));
  } catch (err) {
    if (err instanceof ApiError) return fail(emu, res, session, err.body.message ?? "The payment failed.", email);
    throw err;
  }
}

/** Payment mode: the session's PaymentIntent, created at the first attempt (Stripe creates it on submit). */
function paymentModeIntent(ctx: RequestContext, session: CheckoutSession, meta: CheckoutMeta, customer: string | null, email: string): Stripe.PaymentIntent {
  const existing = meta.paymentIntent ? ctx.emu.store.get<Stripe.PaymentIntent>("payment_intents", meta.paymentIntent) : undefined;
  if (existing) {
    if (customer && !existing.customer) existing.customer = customer;
    return existing;
  }
  const pid = meta.paymentIntentData ?? {};
  const pi = buildPaymentIntent(
    {
      amount: session.amount_total,
      currency: session.currency,
      customer,
      description: pid.description,
      metadata: pid.metadata,
      setup_future_usage: pid.setup_future_usage,
      capture_method: pid.capture_method,
      receipt_email: pid.receipt_email ?? email,
      statement_descriptor: pid.statement_descriptor,
      statement_descriptor_suffix: pid.statement_descriptor_suffix,
      transfer_group: pid.transfer_group,
    },
    session.currency!,
  );
  ctx.emu.store.put("payment_intents", pi);
  ctx.emu.emit("payment_intent.created", pi, ctx);
  meta.paymentIntent = pi.id;
  session.payment_intent = pi.id;
  ctx.emu.store.put("checkout_sessions", session);
  return pi;
}

/** Subscription mode: the card is attached and becomes the subscription's default; the first invoice's PaymentIntent is returned (null when nothing is due). */
function subscriptionPayment(ctx: RequestContext, session: CheckoutSession, meta: CheckoutMeta, customerId: string, pm: Stripe.PaymentMethod): Stripe.PaymentIntent | null {
  const customer = ctx.emu.store.get<Stripe.Customer>("customers", customerId)!;
  attachPaymentMethod(ctx, pm, customer);
  let sub = meta.subscription ? ctx.emu.store.get<Subscription>("subscriptions", meta.subscription) : undefined;
  if (sub) {
    sub.default_payment_method = pm.id;
    ctx.emu.store.put("subscriptions", sub);
  } else {
    const sd = meta.subscriptionData ?? {};
    const lines = meta.lineItems ?? [];
    sub = createSubscription({
      ...ctx,
      params: {
        customer: customerId,
        items: lines.filter((li) => li.price?.recurring).map((li) => ({ price: li.price!.id, quantity: li.quantity ?? 1 })),
        add_invoice_items: lines.filter((li) => !li.price?.recurring).map((li) => ({ price: li.price!.id, quantity: li.quantity ?? 1 })),
        default_payment_method: pm.id,
        payment_behavior: "default_incomplete",
        payment_settings: { save_default_payment_method: "on_subscription" },
        metadata: sd.metadata,
        description: sd.description,
        trial_period_days: sd.trial_period_days,
        trial_end: sd.trial_end !== undefined ? String(sd.trial_end) : undefined,
      },
    });
    meta.subscription = sub.id;
  }
  if (sub.status === "active" || sub.status === "trialing") return null;
  const piId = sub.latest_invoice ? invMeta(ctx.emu, sub.latest_invoice as string).paymentIntent : undefined;
  return piId ? (ctx.emu.store.get<Stripe.PaymentIntent>("payment_intents", piId) ?? null) : null;
}

function afterAuthentication(emu: Emulator, res: http.ServerResponse, baseUrl: string, session: CheckoutSession, query: URLSearchParams): void {
  const meta = checkoutMeta(emu.store, session.id);
  const ctx = pageContext(emu, baseUrl);
  const piId = query.get("payment_intent");
  const pi = piId ? emu.store.get<Stripe.PaymentIntent>("payment_intents", piId) : undefined;
  const email = (meta.email as string | undefined) ?? emailOf(emu, session);
  if (session.status === "complete") return redirect(res, successUrl(session, baseUrl));
  if (!pi || (pi.status !== "succeeded" && pi.status !== "requires_capture"))
    return fail(emu, res, session, pi?.last_payment_error?.message ?? "We are unable to authenticate your payment method. Please choose a different payment method and try again.", email);
  redirect(res, complete(ctx, session, meta, email ?? "", (meta.name as string | null | undefined) ?? null));
}

function successUrl(session: CheckoutSession, baseUrl: string): string {
  return session.success_url ? session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id) : `${baseUrl}/c/pay/${encodeURIComponent(session.id)}/complete`;
}

/** Marks the session complete, emits `checkout.session.completed` and returns where to send the customer. */
function complete(ctx: RequestContext, session: CheckoutSession, meta: CheckoutMeta, email: string, name: string | null): string {
  const customerId = (session.customer as string | null) ?? (meta.customer as string | undefined) ?? null;
  const customer = customerId ? ctx.emu.store.get<Stripe.Customer>("customers", customerId) : undefined;
  session.status = "complete";
  session.payment_status = (session.amount_total ?? 0) === 0 ? "no_payment_required" : "paid";
  session.customer = customerId;
  session.customer_details = {
    address: customer?.address ?? null,
    business_name: null,
    email,
    individual_name: null,
    name: name ?? customer?.name ?? null,
    phone: customer?.phone ?? null,
    tax_exempt: customer?.tax_exempt ?? "none",
    tax_ids: [],
  };
  if (meta.subscription) {
    const sub = ctx.emu.store.get<Subscription>("subscriptions", meta.subscription);
    session.subscription = meta.subscription;
    session.invoice = (sub?.latest_invoice as string | null) ?? null;
  }
  session.url = null;
  ctx.emu.store.put("checkout_sessions", session);
  ctx.emu.emit("checkout.session.completed", session, ctx);
  return successUrl(session, ctx.baseUrl);
}
