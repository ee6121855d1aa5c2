// Invoice items (`/v1/invoiceitems`): pending charges that the next invoice picks up.
import type Stripe from "stripe";
import type { EventCause, Route } from "../../core/context.ts";
import type { Emulator } from "../../core/emulator.ts";
import { invalidRequest } from "../../core/errors.ts";
import { newId, nowSeconds } from "../../core/ids.ts";
import { matchesCreated, paginate } from "../../core/list.ts";
import { arr, bool, createdFilter, int, listParams, mergeMetadata, metadata, obj, req, str, type Params } from "../../core/params.ts";
import { load, reference } from "../../resources/shared.ts";
import { discountsSpec } from "../coupons.ts";
import { lineObject, productName, type Invoice, type InvoiceItem } from "../model.ts";
import { customerOf, notEditable, inClock } from "./records.ts";
import { computeTotals, lineFromItem } from "./build.ts";

const invoiceItemFields = {
  amount: int(),
  description: str(),
  discountable: bool(),
  discounts: discountsSpec,
  metadata: metadata(),
  period: obj({ start: req(int()), end: req(int()) }),
  price_data: obj({ currency: req(str()), product: req(str()), unit_amount: int(), unit_amount_decimal: str(), tax_behavior: str() }),
  pricing: obj({ price: str() }),
  quantity: int(0),
  unit_amount_decimal: str(),
  tax_behavior: str(),
  tax_code: str(),
  tax_rates: arr(str()),
};

export function createInvoiceItem(emu: Emulator, cause: EventCause, p: Params & { customer: string }, extra: { proration?: boolean; subscription?: string | null; subscriptionItem?: string | null; price?: Stripe.Price | null } = {}): InvoiceItem {
  const now = nowSeconds();
  const price = extra.price ?? null;
  const quantity = p.quantity ?? 1;
  const amount = p.amount ?? (price ? Math.round((price.unit_amount ?? 0) * quantity) : p.unit_amount_decimal ? Math.round(Number(p.unit_amount_decimal) * quantity) : 0);
  const cust = emu.store.get<Stripe.Customer>("customers", p.customer);
  const ii = {
    id: newId("ii"),
    object: "invoiceitem",
    amount,
    currency: (p.currency ?? price?.currency ?? "usd").toLowerCase(),
    customer: p.customer,
    customer_account: null,
    date: now,
    description: p.description ?? (price ? productName(emu, price) : null),
    discountable: p.discountable ?? !extra.proration,
    discounts: [],
    invoice: p.invoice ?? null,
    livemode: false,
    metadata: mergeMetadata({}, p.metadata),
    net_amount: amount,
    parent: extra.subscription
      ? { type: "subscription_details", subscription_details: { subscription: extra.subscription, ...(extra.subscriptionItem ? { subscription_item: extra.subscriptionItem } : {}) } }
      : null,
    period: p.period ?? { start: now, end: now },
    pricing: { type: "price_details", ...(price ? { price_details: { price: price.id, product: price.product as string } } : {}), unit_amount_decimal: price ? price.unit_amount_decimal : quantity ? String(amount / (quantity || 1)) : null },
    proration: extra.proration ?? false,
    quantity,
    quantity_decimal: String(quantity),
    tax_rates: [],
    test_clock: (cust?.test_clock as string | null) ?? null,
  } as unknown as InvoiceItem;
  emu.store.put("invoiceitems", ii);
  emu.emit("invoiceitem.created", ii, cause);
  return ii;
}


export const invoiceItemRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/invoiceitems",
    schema: { ...invoiceItemFields, currency: str(), customer: req(str()), invoice: str(), subscription: str() },
    handler(ctx) {
      const p = ctx.params;
      const cust = customerOf(ctx.emu, p.customer);
      return inClock(ctx.emu, cust.id, () => {
        const priceId = p.pricing?.price ?? p.price;
        const price = priceId ? reference<Stripe.Price>(ctx, "prices", priceId, "price", "pricing[price]") : null;
        if (p.amount === undefined && !price && p.unit_amount_decimal === undefined)
          throw invalidRequest("You must specify either `amount`, `pricing[price]` or `unit_amount_decimal`.", { param: "amount" });
        if (p.amount !== undefined && !p.currency && !price) throw invalidRequest("Missing required param: currency.", { code: "parameter_missing", param: "currency" });
        let inv: Invoice | null = null;
        if (p.invoice) {
          inv = reference<Invoice>(ctx, "invoices", p.invoice, "invoice", "invoice");
          if (inv.status !== "draft") throw notEditable(inv);
        }
        if (p.subscription) reference(ctx, "subscriptions", p.subscription, "subscription", "subscription");
        const ii = createInvoiceItem(ctx.emu, ctx, { ...p, customer: cust.id }, { price, subscription: p.subscription ?? null });
        if (inv) {
          inv.lines.data.push(lineObject(inv.id, lineFromItem(ctx.emu, ii), inv.currency, false));
          computeTotals(ctx.emu, inv, false);
          ctx.emu.store.put("invoices", inv);
        }
        return ii;
      });
    },
  },
  { method: "GET", path: "/v1/invoiceitems/:id", schema: {}, handler: (ctx) => load<InvoiceItem>(ctx, "invoiceitems", ctx.path.id, "invoiceitem") },
  {
    method: "POST",
    path: "/v1/invoiceitems/:id",
    schema: { ...invoiceItemFields },
    handler(ctx) {
      const ii = load<InvoiceItem>(ctx, "invoiceitems", ctx.path.id, "invoiceitem");
      const p = ctx.params;
      const inv = ii.invoice ? ctx.emu.store.get<Invoice>("invoices", ii.invoice as string) : undefined;
      const onlyMeta = Object.keys(p).every((k) => k === "metadata" || k === "expand");
      if (inv && inv.status !== "draft" && !onlyMeta) throw notEditable(inv);
      // Stripe has no `invoiceitem.updated` event: an update changes the item silently.
      if (p.description !== undefined) ii.description = p.description;
      if (p.quantity !== undefined && p.quantity !== null) ii.quantity = p.quantity;
      if (p.amount !== undefined && p.amount !== null) ((ii.amount = p.amount), (ii.net_amount = p.amount));
      if (p.metadata !== undefined) ii.metadata = mergeMetadata(ii.metadata ?? {}, p.metadata);
      if (p.discountable !== undefined && p.discountable !== null) ii.discountable = p.discountable;
      ctx.emu.store.put("invoiceitems", ii);
      if (inv && inv.status === "draft") {
        inv.lines.data = inv.lines.data.map((l) => ((l.parent as { invoice_item_details?: { invoice_item: string } })?.invoice_item_details?.invoice_item === ii.id ? lineObject(inv.id, lineFromItem(ctx.emu, ii), inv.currency, false) : l));
        computeTotals(ctx.emu, inv, false);
        ctx.emu.store.put("invoices", inv);
      }
      return ii;
    },
  },
  {
    method: "DELETE",
    path: "/v1/invoiceitems/:id",
    schema: {},
    handler(ctx) {
      const ii = load<InvoiceItem>(ctx, "invoiceitems", ctx.path.id, "invoiceitem");
      const inv = ii.invoice ? ctx.emu.store.get<Invoice>("invoices", ii.invoice as string) : undefined;
      if (inv && inv.status !== "draft") throw notEditable(inv);
      if (inv) {
        inv.lines.data = inv.lines.data.filter((l) => (l.parent as { invoice_item_details?: { invoice_item: string } })?.invoice_item_details?.invoice_item !== ii.id);
        computeTotals(ctx.emu, inv, false);
        ctx.emu.store.put("invoices", inv);
      }
      ctx.emu.store.remove("invoiceitems", ii.id);
      ctx.emu.emit("invoiceitem.deleted", ii, ctx);
      return { id: ii.id, object: "invoiceitem", deleted: true };
    },
  },
  {
    method: "GET",
    path: "/v1/invoiceitems",
    schema: { ...listParams, customer: str(), invoice: str(), pending: bool(), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<InvoiceItem>("invoiceitems")
        .filter((ii) => (!p.customer || ii.customer === p.customer) && (!p.invoice || ii.invoice === p.invoice) && (p.pending === undefined || !ii.invoice === p.pending) && matchesCreated(ii.date, p.created));
      return paginate(items, p, "/v1/invoiceitems");
    },
  },
];
