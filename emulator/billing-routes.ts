// Billing extension (issue 4): coupons, promotion codes, subscriptions, invoices, invoice items and
// payments, billing meters, test clocks. Registered once in router.ts.
import type { Route } from "./core/context.ts";
import { customerHooks } from "./resources/customers.ts";
import { paymentMethodHooks } from "./resources/payment_methods.ts";
import type { Subscription } from "./billing/model.ts";
import { cancelCustomerSubscriptions } from "./billing/subscriptions/cancel.ts";
import { clockRoutes } from "./billing/clocks/clocks.ts";
import { couponRoutes } from "./billing/coupons.ts";
import { invoiceItemRoutes } from "./billing/invoices/invoice-items.ts";
import { invoicePaymentRoutes } from "./billing/invoices/invoice-payments.ts";
import { invoiceRoutes } from "./billing/invoices/routes.ts";
import { meterRoutes } from "./billing/meters.ts";
import { subscriptionRoutes } from "./billing/subscriptions/routes.ts";
import { searchRoute } from "./resources/search.ts";
// Subscription reactions registered as hooks (invoice outcomes, SetupIntent success, previews).
import "./billing/subscriptions/invoice-outcomes.ts";
import "./billing/subscriptions/preview.ts";

export const billingRoutes: Route[] = [
  ...couponRoutes,
  ...invoiceRoutes,
  ...invoiceItemRoutes,
  ...invoicePaymentRoutes,
  ...subscriptionRoutes,
  ...meterRoutes,
  ...clockRoutes,
  // docs.stripe.com/search#query-fields-for-invoices / -for-subscriptions (metadata is always allowed).
  searchRoute("invoices", "invoices", ["created", "currency", "customer", "last_finalization_error_code", "last_finalization_error_type", "number", "receipt_number", "status", "subscription", "total"], {
    subscription: "parent.subscription_details.subscription",
    last_finalization_error_code: "last_finalization_error.code",
    last_finalization_error_type: "last_finalization_error.type",
  }),
  searchRoute("subscriptions", "subscriptions", ["created", "status"]),
];

paymentMethodHooks.detached.push((ctx, pmId) => {
  for (const sub of ctx.emu.store.all<Subscription>("subscriptions")) {
    if (sub.default_payment_method !== pmId) continue;
    sub.default_payment_method = null;
    ctx.emu.store.put("subscriptions", sub);
    ctx.emu.emit("customer.subscription.updated", sub, ctx, { default_payment_method: pmId });
  }
});

customerHooks.deleted.push((ctx, customerId) => cancelCustomerSubscriptions(ctx.emu, ctx, customerId));
