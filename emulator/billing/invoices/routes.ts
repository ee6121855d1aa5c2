// Routes of /v1/invoices: create, preview, retrieve, update, delete, list, lines, finalize, pay,
// void, mark uncollectible and send.
import type { RequestContext, Route } from "../../core/context.ts";
import { invalidRequest } from "../../core/errors.ts";
import { matchesCreated, paginate } from "../../core/list.ts";
import { arr, bool, createdFilter, int, listParams, mergeMetadata, metadata, obj, oneOf, openObj, str } from "../../core/params.ts";
import { reference, storeUpdate } from "../../resources/shared.ts";
import { createDiscounts, discountsSpec } from "../coupons.ts";
import type { Invoice, InvoiceItem, Subscription } from "../model.ts";
import { customerOf, defaultPaymentMethod, inClock, loadInvoice, notEditable, previewHook } from "./records.ts";
import { buildInvoice, computeTotals, pendingItems, lineFromItem } from "./build.ts";
import { emitInvoiceCreated, finalizeInvoice, markPaid, markUncollectible, voidInvoice } from "./status.ts";
import { attemptPayment } from "./pay.ts";

/** `POST /v1/invoices/:id/{action}`, refused with `invoice_not_editable` outside the `allowed` statuses. */
function invoiceAction(action: string, allowed: Invoice["status"][], refusal: (inv: Invoice) => string, run: (ctx: RequestContext, inv: Invoice) => void): Route {
  return {
    method: "POST",
    path: `/v1/invoices/:id/${action}`,
    schema: {},
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      if (!allowed.includes(inv.status)) throw invalidRequest(refusal(inv), { code: "invoice_not_editable" } as never);
      run(ctx, inv);
      return inv;
    },
  };
}

export const invoiceRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/invoices",
    schema: {
      customer: str(),
      auto_advance: bool(),
      collection_method: oneOf("charge_automatically", "send_invoice"),
      days_until_due: int(0),
      description: str(),
      metadata: metadata(),
      subscription: str(),
      discounts: discountsSpec,
      default_payment_method: str(),
      pending_invoice_items_behavior: oneOf("include", "exclude"),
      currency: str(),
    },
    handler(ctx) {
      const p = ctx.params;
      if (!p.customer) throw invalidRequest("Missing required param: customer.", { code: "parameter_missing", param: "customer" });
      const cust = customerOf(ctx.emu, p.customer);
      return inClock(ctx.emu, cust.id, () => {
        const sub = p.subscription ? reference<Subscription>(ctx, "subscriptions", p.subscription, "subscription", "subscription") : null;
        const items = p.pending_invoice_items_behavior === "include" ? pendingItems(ctx.emu, cust.id, sub ? sub.id : undefined) : [];
        const inv = buildInvoice(ctx.emu, {
          customer: cust,
          subscription: sub,
          billingReason: "manual",
          lines: items.map((ii) => lineFromItem(ctx.emu, ii)),
          description: p.description,
          autoAdvance: p.auto_advance ?? false,
          collectionMethod: p.collection_method,
          daysUntilDue: p.days_until_due,
          metadata: mergeMetadata({}, p.metadata),
          defaultPaymentMethod: p.default_payment_method,
          currency: p.currency ? String(p.currency).toLowerCase() : undefined,
        });
        if (p.discounts) {
          inv.discounts = createDiscounts(ctx, ctx, p.discounts, { customer: cust.id, invoice: inv.id });
          computeTotals(ctx.emu, inv, false);
          ctx.emu.store.put("invoices", inv);
        }
        emitInvoiceCreated(ctx.emu, ctx, inv);
        return inv;
      });
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/create_preview",
    schema: {
      customer: str(),
      subscription: str(),
      subscription_details: obj({
        items: arr(openObj()),
        proration_behavior: oneOf("always_invoice", "create_prorations", "none"),
        proration_date: int(),
        cancel_at_period_end: bool(),
        cancel_now: bool(),
        cancel_at: int(),
        trial_end: str(),
        billing_cycle_anchor: openObj(),
        resume_at: str(),
        start_date: int(),
        default_tax_rates: arr(str()),
        billing_mode: openObj(),
      }),
      discounts: discountsSpec,
      invoice_items: arr(openObj()),
      preview_mode: oneOf("next", "recurring"),
      automatic_tax: obj({ enabled: bool() }),
      currency: str(),
      customer_details: openObj(),
      issuer: openObj(),
      on_behalf_of: str(),
      schedule: str(),
      schedule_details: openObj(),
    },
    handler: (ctx) => previewHook.fn(ctx),
  },
  {
    method: "GET",
    path: "/v1/invoices/:id",
    schema: {},
    handler: (ctx) => loadInvoice(ctx.emu, ctx.path.id),
  },
  {
    method: "POST",
    path: "/v1/invoices/:id",
    schema: {
      auto_advance: bool(),
      description: str(),
      metadata: metadata(),
      default_payment_method: str(),
      discounts: discountsSpec,
      footer: str(),
      collection_method: oneOf("charge_automatically", "send_invoice"),
    },
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      const p = ctx.params;
      const onlyMeta = Object.keys(p).every((k) => k === "metadata" || k === "expand" || k === "description" || k === "footer" || k === "auto_advance");
      if (inv.status !== "draft" && !onlyMeta) throw notEditable(inv);
      const previous: Record<string, unknown> = {};
      const set = <K extends keyof Invoice>(k: K, v: Invoice[K]) => {
        if (v === undefined || JSON.stringify(inv[k]) === JSON.stringify(v)) return;
        previous[k as string] = inv[k];
        inv[k] = v;
      };
      if (p.auto_advance !== undefined) set("auto_advance", p.auto_advance);
      if (p.description !== undefined) set("description", p.description);
      if (p.footer !== undefined) set("footer", p.footer);
      if (p.default_payment_method !== undefined) set("default_payment_method", p.default_payment_method);
      if (p.collection_method) set("collection_method", p.collection_method);
      if (p.metadata !== undefined) set("metadata", mergeMetadata(inv.metadata ?? {}, p.metadata));
      if (p.discounts !== undefined) set("discounts", p.discounts ? createDiscounts(ctx, ctx, p.discounts, { customer: inv.customer as string, invoice: inv.id }) : []);
      // Totals are frozen once finalized (customer balance and once-only discounts were applied then).
      if (inv.status === "draft") computeTotals(ctx.emu, inv, false);
      return storeUpdate(ctx, "invoices", inv, "invoice.updated", previous);
    },
  },
  {
    method: "DELETE",
    path: "/v1/invoices/:id",
    schema: {},
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      if (inv.status !== "draft") throw invalidRequest("You can only delete draft invoices.", { code: "invoice_not_editable" } as never);
      for (const ii of ctx.emu.store.all<InvoiceItem>("invoiceitems")) if (ii.invoice === inv.id) ((ii.invoice = null), ctx.emu.store.put("invoiceitems", ii));
      ctx.emu.store.remove("invoices", inv.id);
      ctx.emu.emit("invoice.deleted", inv, ctx);
      return { id: inv.id, object: "invoice", deleted: true };
    },
  },
  {
    method: "GET",
    path: "/v1/invoices",
    schema: { ...listParams, customer: str(), subscription: str(), status: oneOf("draft", "open", "paid", "uncollectible", "void"), collection_method: str(), created: createdFilter, due_date: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<Invoice>("invoices")
        .filter(
          (inv) =>
            (!p.customer || inv.customer === p.customer) &&
            (!p.subscription || (inv.parent as { subscription_details?: { subscription: string } } | null)?.subscription_details?.subscription === p.subscription) &&
            (!p.status || inv.status === p.status) &&
            (!p.collection_method || inv.collection_method === p.collection_method) &&
            matchesCreated(inv.created, p.created),
        );
      return paginate(items, p, "/v1/invoices");
    },
  },
  {
    method: "GET",
    path: "/v1/invoices/:id/lines",
    schema: { ...listParams },
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      return paginate([...inv.lines.data], ctx.params, `/v1/invoices/${inv.id}/lines`);
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/finalize",
    schema: { auto_advance: bool() },
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      return inClock(ctx.emu, inv.customer as string, () => {
        if (ctx.params.auto_advance !== undefined) inv.auto_advance = ctx.params.auto_advance;
        finalizeInvoice(ctx.emu, ctx, inv);
        if (inv.status === "open" && inv.auto_advance && inv.collection_method === "charge_automatically" && defaultPaymentMethod(ctx.emu, inv)) attemptPayment(ctx.emu, ctx, inv, { automatic: false });
        return inv;
      });
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/pay",
    schema: { payment_method: str(), off_session: bool(), paid_out_of_band: bool(), forgive: bool(), source: str(), mandate: str() },
    handler(ctx) {
      const inv = loadInvoice(ctx.emu, ctx.path.id);
      const p = ctx.params;
      return inClock(ctx.emu, inv.customer as string, () => {
        if (inv.status === "draft") finalizeInvoice(ctx.emu, ctx, inv);
        if (inv.status === "paid") throw invalidRequest("Invoice is already paid", { code: "invoice_already_paid" } as never);
        if (inv.status === "void") throw invalidRequest("This invoice has been voided and cannot be paid.", { code: "invoice_not_editable" } as never);
        if (p.paid_out_of_band) {
          markPaid(ctx.emu, ctx, inv, null, true);
          return inv;
        }
        const pm = p.payment_method ?? defaultPaymentMethod(ctx.emu, inv);
        if (!pm)
          throw invalidRequest("This customer has no attached payment source or default payment method. Please consider adding a default payment method.", {
            code: "invoice_no_customer_line_items",
          } as never);
        const error = attemptPayment(ctx.emu, ctx, inv, { automatic: false, paymentMethod: pm, offSession: p.off_session ?? true });
        if (error) throw error;
        return inv;
      });
    },
  },
  invoiceAction(
    "void",
    ["open", "uncollectible"],
    (inv) => `You can only void open or uncollectible invoices. This invoice has status ${inv.status}.`,
    (ctx, inv) => inClock(ctx.emu, inv.customer as string, () => voidInvoice(ctx.emu, ctx, inv)),
  ),
  invoiceAction(
    "mark_uncollectible",
    ["open"],
    (inv) => `You can only mark open invoices as uncollectible. This invoice has status ${inv.status}.`,
    (ctx, inv) => inClock(ctx.emu, inv.customer as string, () => markUncollectible(ctx.emu, ctx, inv)),
  ),
  invoiceAction("send", ["open"], () => "You can only send open invoices.", (ctx, inv) => ctx.emu.emit("invoice.sent", inv, ctx)),
];
