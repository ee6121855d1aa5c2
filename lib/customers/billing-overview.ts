// Everything the billing page shows, as plain JSON-able data for the client
// components: the current subscription, plans it can change to, cards,
// invoices, usage and usage keys. Reads our mirror, plus Stripe for usage.
import type { AccountUser } from "@/lib/auth/users";
import { listMeteredAddon, listPlans, type Plan } from "@/lib/catalog/plans";
import { getCurrentSubscription, listInvoices, listPaymentMethods, type InvoiceView, type PaymentMethodView, type SubscriptionView } from "@/lib/subscriptions/queries";
import { getUsageThisPeriod, listUsageKeys, type UsageThisPeriod } from "@/lib/usage/actions";
import { NEEDS_PAYMENT_STATUSES } from "@/lib/subscriptions/status";
import { log } from "@/lib/observability/log";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The subscription as the billing page's client components receive it: dates as ISO strings. */
export type PortalSubscription = Pick<SubscriptionView, "id" | "status" | "planName" | "priceId" | "stripePriceId" | "interval" | "unitAmount" | "currency" | "cancelAtPeriodEnd"> & {
  quantity: number;
  perSeat: boolean;
  cancelAt: string | null;
  canceledAt: string | null;
  endedAt: string | null;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  trialEnd: string | null;
};

export type PortalInvoice = Omit<InvoiceView, "createdAt" | "nextPaymentAttempt" | "periodStart" | "periodEnd"> & { createdAt: string; nextPaymentAttempt: string | null };

export type PortalData = {
  subscription: PortalSubscription | null;
  /** Plans the subscription can change to (same currency and interval). */
  plans: Plan[];
  paymentMethods: PaymentMethodView[];
  invoices: PortalInvoice[];
  /** The open invoice to pay when the subscription is past due or unpaid. */
  openInvoice: PortalInvoice | null;
  usage: UsageThisPeriod | null;
  usageError: boolean;
  usageKeys: { id: string; prefix: string; createdAt: string; revokedAt: string | null }[];
  /** The metered add-on, when the subscription lacks it and can take it. */
  addonOffer: { name: string; unitAmount: number; currency: string; interval: string } | null;
};

export async function getPortalData(user: AccountUser): Promise<PortalData> {
  const [current, plans, addon, paymentMethods, invoiceViews, keys] = await Promise.all([
    getCurrentSubscription(user.id),
    listPlans(),
    listMeteredAddon(),
    listPaymentMethods(user.id),
    listInvoices(user.id),
    listUsageKeys(user.id),
  ]);
  let usage: UsageThisPeriod | null = null;
  let usageError = false;
  try {
    usage = await getUsageThisPeriod(user);
  } catch (error) {
    log.error("billing page: usage unavailable", { error });
    usageError = true;
  }
  const plan = current ? plans.find((p) => p.prices.some((pr) => pr.stripePriceId === current.stripePriceId)) : undefined;
  const subscription: PortalSubscription | null = current && {
    id: current.stripeSubscriptionId,
    status: current.status,
    planName: current.planName,
    priceId: current.priceId,
    stripePriceId: current.stripePriceId,
    interval: current.interval,
    unitAmount: current.unitAmount,
    currency: current.currency,
    quantity: current.quantity ?? 1,
    perSeat: plan?.perSeat ?? false,
    cancelAtPeriodEnd: current.cancelAtPeriodEnd,
    cancelAt: iso(current.cancelAt),
    canceledAt: iso(current.canceledAt),
    endedAt: iso(current.endedAt),
    currentPeriodStart: iso(current.currentPeriodStart),
    currentPeriodEnd: iso(current.currentPeriodEnd),
    trialEnd: iso(current.trialEnd),
  };
  const invoices: PortalInvoice[] = invoiceViews.map(({ periodStart: _s, periodEnd: _e, ...inv }) => ({
    ...inv,
    createdAt: inv.createdAt.toISOString(),
    nextPaymentAttempt: iso(inv.nextPaymentAttempt),
  }));
  const openInvoice =
    subscription && NEEDS_PAYMENT_STATUSES.includes(subscription.status)
      ? (invoices.find((i) => i.status === "open" && i.stripeSubscriptionId === subscription.id) ?? invoices.find((i) => i.status === "open") ?? null)
      : null;
  const changeable = subscription
    ? plans
        .map((p) => ({ ...p, prices: p.prices.filter((pr) => pr.interval === subscription.interval && pr.currency === subscription.currency) }))
        .filter((p) => p.prices.length > 0)
    : [];
  const addonOffer =
    current && addon && !current.meteredItemId && ["active", "trialing"].includes(current.status) && addon.price.interval === current.interval && addon.price.currency === current.currency
      ? { name: addon.name, unitAmount: addon.price.unitAmount, currency: addon.price.currency, interval: addon.price.interval }
      : null;
  return {
    subscription,
    addonOffer,
    plans: changeable,
    paymentMethods,
    invoices,
    openInvoice,
    usage,
    usageError,
    usageKeys: keys.map((k) => ({ id: k.id, prefix: k.prefix, createdAt: k.createdAt.toISOString(), revokedAt: iso(k.revokedAt) })),
  };
}
