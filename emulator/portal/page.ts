// The hosted Billing Portal page (`session.url` = `/p/session/{bps}`): the customer's subscriptions
// (cancel — at period end or at once, as configured — and resume), their default card (replace it
// with a test card), their invoices, and a link back to `return_url`. Actions POST to the same URL
// and go through the emulator's subscription, customer and PaymentMethod code, so the usual events
// (`customer.subscription.updated`/`deleted`, `payment_method.attached`, `customer.updated`) follow.
import type http from "node:http";
import type Stripe from "stripe";
import { cancelNow } from "../billing/subscriptions/cancel.ts";
import { updateSubscription } from "../billing/subscriptions/update.ts";
import { formatDate, money, productName, type Invoice, type Subscription } from "../billing/model.ts";
import type { Emulator } from "../core/emulator.ts";
import { ApiError } from "../core/errors.ts";
import { HOSTED_TEST_CARDS, pageContext } from "../core/hosted.ts";
import { escapeHtml } from "../core/responses.ts";
import { customerRoutes } from "../resources/customers.ts";
import { attachPaymentMethod, resolvePaymentMethod } from "../resources/payment_methods.ts";
import type { PortalConfiguration } from "./configurations.ts";
import type { PortalSession } from "./sessions.ts";

function send(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  res.end(html);
}

export function servePortalPage(emu: Emulator, req: http.IncomingMessage, res: http.ServerResponse, pathname: string, form: Record<string, unknown>): void {
  const parts = pathname.split("/").filter(Boolean); // ["p", "session", bps]
  const session = parts.length === 3 ? emu.store.get<PortalSession>("billing_portal_sessions", decodeURIComponent(parts[2])) : undefined;
  const customer = session ? emu.store.get<Stripe.Customer>("customers", session.customer) : undefined;
  const config = session ? emu.store.get<PortalConfiguration>("billing_portal_configurations", session.configuration as string) : undefined;
  if (!session || !customer || !config) return send(res, 404, "<!doctype html><p>This portal session is not valid.</p>");
  const baseUrl = `http://${req.headers.host ?? "127.0.0.1"}`;
  if (req.method === "POST") {
    const error = act(emu, baseUrl, customer, config, form);
    if (error) return send(res, 400, page(emu, session, customer, config, error));
    res.writeHead(303, { Location: `/p/session/${encodeURIComponent(session.id)}` });
    res.end();
    return;
  }
  send(res, 200, page(emu, session, customer, config, null));
}

function subscriptionsOf(emu: Emulator, customerId: string): Subscription[] {
  return emu.store.all<Subscription>("subscriptions").filter((s) => s.customer === customerId && s.status !== "canceled" && s.status !== "incomplete_expired");
}

/** Runs one portal action; returns an error message for the page, or null. */
function act(emu: Emulator, baseUrl: string, customer: Stripe.Customer, config: PortalConfiguration, form: Record<string, unknown>): string | null {
  const ctx = pageContext(emu, baseUrl);
  const features = config.features;
  try {
    if (form.action === "cancel" || form.action === "resume") {
      const sub = subscriptionsOf(emu, customer.id).find((s) => s.id === form.subscription);
      if (!sub) return "No such subscription.";
      if (!features.subscription_cancel.enabled) return "Canceling subscriptions is not enabled in this portal.";
      if (form.action === "resume") updateSubscription({ ...ctx, params: { cancel_at_period_end: false } }, sub);
      else if (features.subscription_cancel.mode === "immediately")
        cancelNow(emu, ctx, sub, { reason: "cancellation_requested", prorate: features.subscription_cancel.proration_behavior === "create_prorations" });
      else updateSubscription({ ...ctx, params: { cancel_at_period_end: true } }, sub);
      return null;
    }
    if (form.action === "update_card") {
      if (!features.payment_method_update.enabled) return "Updating payment methods is not enabled in this portal.";
      if (!HOSTED_TEST_CARDS.some((c) => c.id === form.card)) return "Choose a test card.";
      const pm = resolvePaymentMethod(ctx, form.card as string, "payment_method");
      attachPaymentMethod(ctx, pm, customer);
      const update = customerRoutes.find((r) => r.method === "POST" && r.path === "/v1/customers/:id")!;
      update.handler(pageContext(emu, baseUrl, { invoice_settings: { default_payment_method: pm.id } }, { id: customer.id }));
      for (const sub of subscriptionsOf(emu, customer.id))
        if (sub.default_payment_method) updateSubscription({ ...ctx, params: { default_payment_method: pm.id } }, sub);
      return null;
    }
    return "Unknown action.";
  } catch (err) {
    if (err instanceof ApiError) return err.body.message ?? "The request failed.";
    throw err;
  }
}

function cardLabel(emu: Emulator, pmId: string | null): string {
  const pm = pmId ? emu.store.get<Stripe.PaymentMethod>("payment_methods", pmId) : undefined;
  if (!pm?.card) return "No default card";
  return `${pm.card.brand} •••• ${pm.card.last4} (expires ${pm.card.exp_month}/${pm.card.exp_year})`;
}

function page(emu: Emulator, session: PortalSession, customer: Stripe.Customer, config: PortalConfiguration, error: string | null): string {
  const action = `/p/session/${encodeURIComponent(session.id)}`;
  const features = config.features;
  const subs = subscriptionsOf(emu, customer.id)
    .map((sub) => {
      const item = sub.items.data[0];
      const amount = sub.items.data.reduce((sum, it) => sum + (it.price.unit_amount ?? 0) * (it.quantity ?? 1), 0);
      const every = item?.price.recurring ? `${item.price.recurring.interval_count > 1 ? `${item.price.recurring.interval_count} ` : ""}${item.price.recurring.interval}` : "";
      const end = item?.current_period_end ?? null;
      const state = sub.cancel_at ? `Cancels ${formatDate(sub.cancel_at)}` : end ? `Renews ${formatDate(end)}` : "";
      const button = !features.subscription_cancel.enabled
        ? ""
        : sub.cancel_at_period_end
          ? `<form method="post" action="${action}"><input type="hidden" name="action" value="resume"><input type="hidden" name="subscription" value="${escapeHtml(sub.id)}"><button type="submit">Don't cancel</button></form>`
          : `<form method="post" action="${action}"><input type="hidden" name="action" value="cancel"><input type="hidden" name="subscription" value="${escapeHtml(sub.id)}"><button type="submit">Cancel subscription</button></form>`;
      return `<li data-testid="portal-subscription" data-id="${escapeHtml(sub.id)}"><strong>${escapeHtml(productName(emu, item?.price ?? null))}</strong> — ${escapeHtml(money(amount, sub.currency))} / ${escapeHtml(every)} · <span data-testid="portal-subscription-status">${escapeHtml(sub.status)}</span> · ${escapeHtml(state)}${button}</li>`;
    })
    .join("");
  const invoices = features.invoice_history.enabled
    ? emu.store
        .all<Invoice>("invoices")
        .filter((inv) => inv.customer === customer.id && inv.status !== "draft")
        .slice(0, 20)
        .map((inv) => `<li>${escapeHtml(formatDate(inv.created))} · ${escapeHtml(money(inv.total, inv.currency))} · ${escapeHtml(inv.status ?? "")}${inv.hosted_invoice_url ? ` · <a href="${escapeHtml(inv.hosted_invoice_url)}">View</a>` : ""}</li>`)
        .join("")
    : null;
  const cards = HOSTED_TEST_CARDS.filter((c) => c.id !== "pm_card_visa_chargeDeclined").map((c) => `<option value="${c.id}">${escapeHtml(c.label)}</option>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Billing</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}li{margin:.6rem 0}form{display:inline}button{font-size:.95rem;padding:.3rem .7rem;margin-left:.5rem}select{font-size:.95rem;padding:.3rem}[role=alert]{color:#b00020}</style></head>
<body><main>
<p><a href="${escapeHtml(session.return_url ?? "#")}" data-testid="portal-return">← Return to ${escapeHtml(config.business_profile.headline ?? "the site")}</a></p>
<h1>Billing</h1>
<p>${escapeHtml(customer.name ?? "")} ${escapeHtml(customer.email ?? "")}</p>
${error ? `<p role="alert" data-testid="portal-error">${escapeHtml(error)}</p>` : ""}
<h2>Subscriptions</h2>
${subs ? `<ul>${subs}</ul>` : "<p>No active subscriptions.</p>"}
<h2>Payment method</h2>
<p data-testid="portal-default-card">${escapeHtml(cardLabel(emu, customer.invoice_settings.default_payment_method as string | null))}</p>
${
  features.payment_method_update.enabled
    ? `<form method="post" action="${action}"><input type="hidden" name="action" value="update_card"><label for="card">New card</label> <select id="card" name="card">${cards}</select><button type="submit">Update card</button></form>`
    : ""
}
${invoices === null ? "" : `<h2>Invoices</h2>${invoices ? `<ul>${invoices}</ul>` : "<p>No invoices yet.</p>"}`}
<p><small>Stripe emulator — a stand-in for Stripe's customer portal (session ${escapeHtml(session.id)}).</small></p>
</main></body></html>`;
}
