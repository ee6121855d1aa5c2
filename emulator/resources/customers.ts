import type Stripe from "stripe";
import type { RequestContext, Route } from "../core/context.ts";
import { invalidRequest } from "../core/errors.ts";
import { newId, nowSeconds, randomToken } from "../core/ids.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { addressSpec, arr, createdFilter, listParams, mergeMetadata, metadata, obj, oneOf, shippingSpec, str, int, type Params } from "../core/params.ts";
import { address, applyUpdate, defined, load, reference, storeUpdate } from "./shared.ts";
import { attachPaymentMethod, resolvePaymentMethod } from "./payment_methods.ts";

const customerFields = {
  email: str(512),
  name: str(256),
  phone: str(20),
  description: str(),
  metadata: metadata(),
  address: addressSpec,
  shipping: shippingSpec,
  balance: int(),
  preferred_locales: arr(str()),
  tax_exempt: oneOf("none", "exempt", "reverse"),
  invoice_prefix: str(),
  invoice_settings: obj({
    default_payment_method: str(),
    custom_fields: arr(obj({ name: str(), value: str() })),
    footer: str(),
    rendering_options: obj({ amount_tax_display: str(), template: str() }),
  }),
};

function shipping(input: Params | null | undefined): Stripe.Customer.Shipping | null {
  if (!input) return null;
  return { address: address(input.address) ?? undefined, name: input.name ?? "", phone: input.phone ?? null, carrier: input.carrier ?? null, tracking_number: input.tracking_number ?? null } as Stripe.Customer.Shipping;
}

/** Billing reacts to customer deletion (its subscriptions are canceled first, BEHAVIOR §4.1). */
export const customerHooks = { deleted: [] as ((ctx: RequestContext, customerId: string) => void)[] };

export const customerRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/customers",
    schema: { ...customerFields, payment_method: str(), test_clock: str() },
    handler(ctx) {
      const p = ctx.params;
      const clock = p.test_clock ? reference<{ id: string; frozen_time: number }>(ctx, "test_clocks", p.test_clock, "test_clock", "test_clock") : null;
      const customer: Stripe.Customer = {
        id: newId("cus"),
        object: "customer",
        address: address(p.address),
        balance: p.balance ?? 0,
        created: clock ? clock.frozen_time : nowSeconds(),
        currency: null,
        default_source: null,
        delinquent: false,
        description: p.description ?? null,
        discount: null,
        email: p.email ?? null,
        invoice_prefix: p.invoice_prefix ?? randomToken(8).toUpperCase(),
        invoice_settings: {
          custom_fields: p.invoice_settings?.custom_fields ?? null,
          default_payment_method: null,
          footer: p.invoice_settings?.footer ?? null,
          rendering_options: null,
        },
        livemode: false,
        metadata: mergeMetadata({}, p.metadata),
        name: p.name ?? null,
        next_invoice_sequence: 1,
        phone: p.phone ?? null,
        preferred_locales: p.preferred_locales ?? [],
        shipping: shipping(p.shipping),
        tax_exempt: p.tax_exempt ?? "none",
        test_clock: clock ? clock.id : null,
      };
      // `payment_method` is attached; `invoice_settings[default_payment_method]` must name it (Stripe's
      // test-clock recipe passes `pm_card_visa` to both: the default is the PaymentMethod just attached).
      const pm = p.payment_method ? resolvePaymentMethod(ctx, p.payment_method, "payment_method") : null;
      const dpm = p.invoice_settings?.default_payment_method;
      if (dpm) {
        if (pm && (dpm === p.payment_method || dpm === pm.id)) customer.invoice_settings.default_payment_method = pm.id;
        else throw invalidCustomerPm(reference<Stripe.PaymentMethod>(ctx, "payment_methods", dpm, "PaymentMethod", "invoice_settings[default_payment_method]").id);
      }
      ctx.emu.store.put("customers", customer);
      ctx.emu.emit("customer.created", customer, ctx);
      if (pm) {
        try {
          attachPaymentMethod(ctx, pm, customer);
        } catch (err) {
          ctx.emu.store.remove("customers", customer.id);
          throw err;
        }
      }
      return customer;
    },
  },
  {
    // A deleted customer is still retrievable, as `{ id, object, deleted: true }` (Stripe keeps a tombstone).
    method: "GET",
    path: "/v1/customers/:id",
    schema: {},
    handler(ctx) {
      const found = ctx.emu.store.get<Stripe.Customer>("customers", ctx.path.id);
      if (!found && ctx.emu.store.internal.get(ctx.path.id)?.deletedCustomer)
        return { id: ctx.path.id, object: "customer", deleted: true } satisfies Stripe.DeletedCustomer;
      return load<Stripe.Customer>(ctx, "customers", ctx.path.id, "customer");
    },
  },
  {
    method: "POST",
    path: "/v1/customers/:id",
    schema: { ...customerFields, default_source: str() },
    handler(ctx) {
      const customer = load<Stripe.Customer>(ctx, "customers", ctx.path.id, "customer");
      const p = ctx.params;
      const settings = p.invoice_settings;
      if (settings?.default_payment_method) {
        const pm = reference<Stripe.PaymentMethod>(ctx, "payment_methods", settings.default_payment_method, "PaymentMethod", "invoice_settings[default_payment_method]");
        if (pm.customer !== customer.id)
          throw invalidCustomerPm(pm.id);
      }
      const nextSettings = settings
        ? {
            ...customer.invoice_settings,
            ...defined({
              default_payment_method: settings.default_payment_method,
              footer: settings.footer,
              custom_fields: settings.custom_fields,
            }),
            ...("default_payment_method" in settings && settings.default_payment_method === null ? { default_payment_method: null } : {}),
          }
        : undefined;
      const previous = applyUpdate(customer, {
        ...defined({
          email: p.email,
          name: p.name,
          phone: p.phone,
          description: p.description,
          balance: p.balance ?? undefined,
          preferred_locales: p.preferred_locales,
          tax_exempt: p.tax_exempt ?? undefined,
        }),
        ...("address" in p ? { address: address(p.address) } : {}),
        ...("shipping" in p ? { shipping: shipping(p.shipping) } : {}),
        ...(nextSettings ? { invoice_settings: nextSettings } : {}),
        metadata: mergeMetadata(customer.metadata, p.metadata),
      } as Partial<Stripe.Customer>);
      return storeUpdate(ctx, "customers", customer, "customer.updated", previous);
    },
  },
  {
    method: "DELETE",
    path: "/v1/customers/:id",
    schema: {},
    handler(ctx) {
      const customer = load<Stripe.Customer>(ctx, "customers", ctx.path.id, "customer");
      for (const hook of customerHooks.deleted) hook(ctx, customer.id);
      ctx.emu.store.remove("customers", customer.id);
      ctx.emu.store.meta(customer.id).deletedCustomer = true;
      ctx.emu.emit("customer.deleted", customer, ctx);
      return { id: customer.id, object: "customer", deleted: true } satisfies Stripe.DeletedCustomer;
    },
  },
  {
    method: "GET",
    path: "/v1/customers",
    schema: { ...listParams, email: str(512), created: createdFilter, test_clock: str() },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<Stripe.Customer>("customers")
        .filter((c) => (p.email === undefined || c.email === p.email) && (p.test_clock === undefined || c.test_clock === p.test_clock) && matchesCreated(c.created, p.created));
      return paginate(items, p, "/v1/customers");
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id/payment_methods",
    schema: { ...listParams, type: str(), allow_redisplay: oneOf("always", "limited", "unspecified") },
    handler(ctx) {
      const customer = load<Stripe.Customer>(ctx, "customers", ctx.path.id, "customer");
      const p = ctx.params;
      const items = ctx.emu.store
        .all<Stripe.PaymentMethod>("payment_methods")
        .filter((pm) => pm.customer === customer.id && (!p.type || pm.type === p.type) && (!p.allow_redisplay || pm.allow_redisplay === p.allow_redisplay));
      return paginate(items, p, `/v1/customers/${customer.id}/payment_methods`);
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id/payment_methods/:pm",
    schema: {},
    handler(ctx) {
      const customer = load<Stripe.Customer>(ctx, "customers", ctx.path.id, "customer");
      const pm = load<Stripe.PaymentMethod>(ctx, "payment_methods", ctx.path.pm, "payment method");
      if (pm.customer !== customer.id) throw invalidCustomerPm(pm.id, 404);
      return pm;
    },
  },
];

function invalidCustomerPm(pm: string, status = 400) {
  return invalidRequest(`The customer does not have a payment method with the ID ${pm}. The payment method must be attached to the customer.`, { param: "payment_method", code: "resource_missing" }, status);
}
