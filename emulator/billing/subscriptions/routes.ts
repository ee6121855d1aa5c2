// Routes of /v1/subscriptions and /v1/subscription_items.
import type { RequestContext, Route } from "../../core/context.ts";
import { invalidRequest, noSuch } from "../../core/errors.ts";
import { atTime, nowSeconds } from "../../core/ids.ts";
import { matchesCreated, paginate } from "../../core/list.ts";
import { arr, bool, createdFilter, int, listParams, metadata, obj, oneOf, openObj, req, str, type Schema } from "../../core/params.ts";
import { reference } from "../../resources/shared.ts";
import { discountsSpec } from "../coupons.ts";
import { attemptPayment } from "../invoices/pay.ts";
import { buildInvoice } from "../invoices/build.ts";
import { emitInvoiceCreated, finalizeInvoice, voidInvoice } from "../invoices/status.ts";
import { addInterval, clockTime, type Invoice, type Subscription } from "../model.ts";
import { itemSpec, createSchema, updateSchema } from "./schemas.ts";
import { subscriptionOf, customerOf, save, snapshotItems, setStatus } from "./records.ts";
import { isMetered, itemLine } from "./items.ts";
import { createSubscription } from "./create.ts";
import { cancelNow } from "./cancel.ts";
import { updateSubscription } from "./update.ts";

function loadSub(ctx: RequestContext, id: string): Subscription {
  const sub = ctx.emu.store.get<Subscription>("subscriptions", id);
  if (!sub) throw noSuch("subscription", id);
  return sub;
}

function inClock<T>(ctx: RequestContext, customer: string | null | undefined, fn: () => T): T {
  return atTime(clockTime(ctx.emu, customer), fn);
}

export const subscriptionRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/subscriptions",
    schema: createSchema,
    handler: (ctx) => inClock(ctx, ctx.params.customer, () => createSubscription(ctx)),
  },
  { method: "GET", path: "/v1/subscriptions/:id", schema: {}, handler: (ctx) => loadSub(ctx, ctx.path.id) },
  {
    method: "POST",
    path: "/v1/subscriptions/:id",
    schema: updateSchema,
    handler(ctx) {
      const sub = loadSub(ctx, ctx.path.id);
      return inClock(ctx, sub.customer as string, () => updateSubscription(ctx, sub));
    },
  },
  {
    method: "DELETE",
    path: "/v1/subscriptions/:id",
    schema: { invoice_now: bool(), prorate: bool(), cancellation_details: obj({ comment: str(), feedback: str() }) },
    handler(ctx) {
      const sub = loadSub(ctx, ctx.path.id);
      if (sub.status === "canceled" || sub.status === "incomplete_expired")
        throw invalidRequest(`A canceled subscription can only update its cancellation_details and metadata.`, {});
      const p = ctx.params;
      inClock(ctx, sub.customer as string, () => {
        if (sub.status === "incomplete") {
          const inv = sub.latest_invoice ? ctx.emu.store.get<Invoice>("invoices", sub.latest_invoice as string) : undefined;
          if (inv && inv.status === "open") voidInvoice(ctx.emu, ctx, inv);
        }
        cancelNow(ctx.emu, ctx, sub, { reason: "cancellation_requested", comment: p.cancellation_details?.comment, feedback: p.cancellation_details?.feedback, prorate: p.prorate, invoiceNow: p.invoice_now });
      });
      return sub;
    },
  },
  {
    method: "GET",
    path: "/v1/subscriptions",
    schema: {
      ...listParams,
      customer: str(),
      price: str(),
      status: oneOf("active", "all", "canceled", "ended", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"),
      created: createdFilter,
      collection_method: str(),
      test_clock: str(),
      current_period_end: createdFilter,
      current_period_start: createdFilter,
      automatic_tax: obj({ enabled: req(bool()) }),
    },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store.all<Subscription>("subscriptions").filter((s) => {
        if (p.customer && s.customer !== p.customer) return false;
        if (p.price && !s.items.data.some((it) => it.price.id === p.price)) return false;
        if (p.test_clock && s.test_clock !== p.test_clock) return false;
        if (p.collection_method && s.collection_method !== p.collection_method) return false;
        if (!matchesCreated(s.created, p.created)) return false;
        const status = p.status;
        if (!status) return s.status !== "canceled" && s.status !== "incomplete_expired";
        if (status === "all") return true;
        if (status === "ended") return s.status === "canceled" || s.status === "incomplete_expired";
        return s.status === status;
      });
      return paginate(items, p, "/v1/subscriptions");
    },
  },
  {
    method: "POST",
    path: "/v1/subscriptions/:id/pause",
    schema: { type: oneOf("subscription"), bill_for: openObj(), invoicing_behavior: oneOf("invoice", "pending_invoice_item") },
    handler(ctx) {
      const sub = loadSub(ctx, ctx.path.id);
      if (!["active", "trialing", "past_due"].includes(sub.status))
        throw invalidRequest(`Subscription ${sub.id} cannot be paused because it has a status of ${sub.status}.`, {});
      inClock(ctx, sub.customer as string, () => {
        setStatus(ctx.emu, ctx, sub, "paused");
        ctx.emu.emit("customer.subscription.paused", sub, ctx);
      });
      return sub;
    },
  },
  {
    method: "POST",
    path: "/v1/subscriptions/:id/resume",
    schema: { billing_cycle_anchor: obj({ type: req(oneOf("now", "unchanged")) }), payment_behavior: oneOf("allow_incomplete", "pending_if_incomplete"), proration_behavior: oneOf("always_invoice", "create_prorations", "none"), proration_date: int() },
    handler(ctx) {
      const sub = loadSub(ctx, ctx.path.id);
      if (sub.status !== "paused") throw invalidRequest("Only a paused subscription can be resumed.", {});
      inClock(ctx, sub.customer as string, () => {
        const now = nowSeconds();
        const extra: Record<string, unknown> = {};
        if ((ctx.params.billing_cycle_anchor?.type ?? "now") === "now" || (sub.items.data[0] && sub.items.data[0].current_period_end <= now)) {
          const r = sub.items.data[0].price.recurring!;
          const end = addInterval(now, r.interval, r.interval_count, 1);
          extra.items = snapshotItems(sub);
          for (const it of sub.items.data) ((it.current_period_start = now), (it.current_period_end = end));
          sub.billing_cycle_anchor = now;
          const cust = customerOf(ctx.emu, sub);
          const lines = sub.items.data.filter((it) => !isMetered(it.price)).map((it) => itemLine(ctx.emu, sub, it, { start: now, end }, false));
          const inv = buildInvoice(ctx.emu, { customer: cust, subscription: sub, billingReason: "subscription_cycle", lines, period: { start: now, end: now }, discounts: [...(sub.discounts as string[])] });
          sub.latest_invoice = inv.id;
          const previous = { status: sub.status, items: extra.items };
          sub.status = "active";
          save(ctx.emu, sub);
          ctx.emu.emit("customer.subscription.resumed", sub, ctx);
          ctx.emu.emit("customer.subscription.updated", sub, ctx, previous);
          emitInvoiceCreated(ctx.emu, ctx, inv);
          finalizeInvoice(ctx.emu, ctx, inv);
          if (inv.status === "open") attemptPayment(ctx.emu, ctx, inv, { automatic: false });
        } else {
          setStatus(ctx.emu, ctx, sub, "active");
          ctx.emu.emit("customer.subscription.resumed", sub, ctx);
        }
      });
      return sub;
    },
  },
  {
    method: "DELETE",
    path: "/v1/subscriptions/:id/discount",
    schema: {},
    handler(ctx) {
      const sub = loadSub(ctx, ctx.path.id);
      const previous = { discounts: sub.discounts };
      const first = (previous.discounts as string[])[0];
      const discount = first ? ctx.emu.store.get<Record<string, unknown>>("discounts", first) : undefined;
      if (!discount) throw invalidRequest(`No active discount for subscription ${sub.id}.`, { code: "resource_missing" });
      sub.discounts = [];
      save(ctx.emu, sub);
      ctx.emu.emit("customer.subscription.updated", sub, ctx, previous);
      const { end: _end, ...rest } = discount;
      void _end;
      return { ...rest, deleted: true };
    },
  },
  // Subscription items
  {
    method: "GET",
    path: "/v1/subscription_items",
    schema: { ...listParams, subscription: req(str()) },
    handler(ctx) {
      const sub = reference<Subscription>(ctx, "subscriptions", ctx.params.subscription, "subscription", "subscription");
      return paginate([...sub.items.data].reverse(), ctx.params, `/v1/subscription_items?subscription=${sub.id}`);
    },
  },
  {
    method: "GET",
    path: "/v1/subscription_items/:id",
    schema: {},
    handler(ctx) {
      const sub = subscriptionOf(ctx.emu, ctx.path.id);
      const item = sub?.items.data.find((it) => it.id === ctx.path.id);
      if (!item) throw noSuch("subscription_item", ctx.path.id);
      return item;
    },
  },
  {
    method: "POST",
    path: "/v1/subscription_items",
    schema: { subscription: req(str()), price: str(), price_data: (itemSpec as { props: Schema }).props.price_data, quantity: int(0), metadata: metadata(), proration_behavior: oneOf("always_invoice", "create_prorations", "none"), proration_date: int(), payment_behavior: str(), discounts: discountsSpec, tax_rates: arr(str()), billing_thresholds: openObj(), plan: str() },
    handler(ctx) {
      const sub = reference<Subscription>(ctx, "subscriptions", ctx.params.subscription, "subscription", "subscription");
      const p = ctx.params;
      const before = new Set(sub.items.data.map((it) => it.id));
      const inner = { ...ctx, params: { items: [{ price: p.price, price_data: p.price_data, quantity: p.quantity, metadata: p.metadata, plan: p.plan }], proration_behavior: p.proration_behavior, proration_date: p.proration_date, payment_behavior: p.payment_behavior } };
      inClock(ctx, sub.customer as string, () => updateSubscription(inner as RequestContext, sub));
      return sub.items.data.find((it) => !before.has(it.id));
    },
  },
  {
    method: "POST",
    path: "/v1/subscription_items/:id",
    schema: { price: str(), price_data: (itemSpec as { props: Schema }).props.price_data, quantity: int(0), metadata: metadata(), proration_behavior: oneOf("always_invoice", "create_prorations", "none"), proration_date: int(), payment_behavior: str(), off_session: bool(), discounts: discountsSpec, tax_rates: arr(str()), billing_thresholds: openObj(), plan: str() },
    handler(ctx) {
      const sub = subscriptionOf(ctx.emu, ctx.path.id);
      if (!sub || !sub.items.data.some((it) => it.id === ctx.path.id)) throw noSuch("subscription_item", ctx.path.id);
      const p = ctx.params;
      const inner = { ...ctx, params: { items: [{ id: ctx.path.id, price: p.price, price_data: p.price_data, quantity: p.quantity, metadata: p.metadata, plan: p.plan }], proration_behavior: p.proration_behavior, proration_date: p.proration_date, payment_behavior: p.payment_behavior, off_session: p.off_session } };
      inClock(ctx, sub.customer as string, () => updateSubscription(inner as RequestContext, sub));
      return sub.items.data.find((it) => it.id === ctx.path.id);
    },
  },
  {
    method: "DELETE",
    path: "/v1/subscription_items/:id",
    schema: { proration_behavior: oneOf("always_invoice", "create_prorations", "none"), proration_date: int(), clear_usage: bool(), payment_behavior: str() },
    handler(ctx) {
      const sub = subscriptionOf(ctx.emu, ctx.path.id);
      if (!sub || !sub.items.data.some((it) => it.id === ctx.path.id)) throw noSuch("subscription_item", ctx.path.id);
      if (sub.items.data.length === 1) throw invalidRequest("A subscription must have at least one active plan. To cancel a subscription, please use the cancel API endpoint on /v1/subscriptions.", {});
      const p = ctx.params;
      const inner = { ...ctx, params: { items: [{ id: ctx.path.id, deleted: true }], proration_behavior: p.proration_behavior, proration_date: p.proration_date } };
      inClock(ctx, sub.customer as string, () => updateSubscription(inner as RequestContext, sub));
      return { id: ctx.path.id, object: "subscription_item", deleted: true };
    },
  },
];
