// Starting a subscription that the browser pays with the Payment Element:
//   1. validate the request against our catalog (never the client's amounts);
//   2. read the customer's subscriptions from Stripe (the mirror may lag);
//      refuse (409) when one is already under way, reuse an incomplete one
//      made for the same plan, seats, add-on and code, cancel any other
//      incomplete one;
//   3. create with payment_behavior=default_incomplete and an idempotency key
//      derived from the user and how many subscriptions their customer already
//      has, so double clicks and two tabs send the same key and get the same
//      subscription back (a conflicting request with the same key is a 409).
// The answer carries the first invoice's confirmation secret (confirmPayment),
// or for a trial the pending SetupIntent's secret (confirmSetup, no charge).
import Stripe from "stripe";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";
import { ensureStripeCustomer } from "@/lib/auth/stripe-customer";
import { HttpError } from "@/lib/errors";
import { findPlanPrice, listMeteredAddon } from "@/lib/catalog/plans";
import type { SubscribeRequest } from "@/lib/subscriptions/schemas";
import { applyFreshSubscription, syncCustomerSubscriptions } from "@/lib/subscriptions/sync";
import { LIVE_SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { idOf, nowSeconds } from "@/lib/stripe/types";

export type SubscribeResult = {
  subscriptionId: string;
  status: Stripe.Subscription.Status;
  /** What the browser confirms: the first invoice's payment, or (trial / nothing due) the card setup. Null when nothing is left to do. */
  intent: { type: "payment" | "setup"; clientSecret: string } | null;
  amountDue: number;
  currency: string;
  /** The first invoice itemised, so the customer sees the discount and tax before paying (null before an invoice exists). */
  firstInvoice: FirstInvoiceBreakdown | null;
  trialEnd: number | null;
  reused: boolean;
};

export type FirstInvoiceBreakdown = {
  subtotal: number;
  /** The promotion code's (or coupon's) saving, as a positive amount. */
  discount: { label: string; amount: number } | null;
  /** Tax Stripe added (0 without Stripe Tax or tax rates). */
  tax: number;
  total: number;
  amountDue: number;
};

function firstInvoiceBreakdown(invoice: Stripe.Invoice, promotionCode: string | null): FirstInvoiceBreakdown {
  const discounted = (invoice.total_discount_amounts ?? []).reduce((sum, d) => sum + d.amount, 0);
  return {
    subtotal: invoice.subtotal,
    discount: discounted > 0 ? { label: promotionCode ?? "Discount", amount: discounted } : null,
    tax: (invoice.total_taxes ?? []).reduce((sum, t) => sum + t.amount, 0),
    total: invoice.total,
    amountDue: invoice.amount_due,
  };
}

const EXPAND = ["latest_invoice.confirmation_secret", "pending_setup_intent"];

/** A promotion code the customer may use now, or a 400 naming the field. */
export async function findPromotionCode(code: string, stripeCustomerId: string | null): Promise<Stripe.PromotionCode> {
  const { data } = await getStripe().promotionCodes.list({ code, active: true, limit: 1 });
  const promo = data[0];
  const now = nowSeconds();
  const usable =
    promo &&
    promo.active &&
    (promo.expires_at == null || promo.expires_at > now) &&
    (promo.max_redemptions == null || promo.times_redeemed < promo.max_redemptions) &&
    (promo.customer == null || (idOf(promo.customer)) === stripeCustomerId);
  if (!usable) throw new HttpError(400, `The promotion code ${code} is not valid or has expired.`, "promotionCode");
  return promo;
}

type Wanted = { stripePriceId: string; quantity: number; meteredPriceId: string | null; promotionCode: string | null };

function matches(sub: Stripe.Subscription, want: Wanted): boolean {
  const licensed = sub.items.data.filter((i) => i.price.recurring?.usage_type !== "metered");
  const metered = sub.items.data.filter((i) => i.price.recurring?.usage_type === "metered");
  return (
    licensed.length === 1 &&
    licensed[0].price.id === want.stripePriceId &&
    (licensed[0].quantity ?? 1) === want.quantity &&
    (want.meteredPriceId ? metered.length === 1 && metered[0].price.id === want.meteredPriceId : metered.length === 0) &&
    (sub.metadata?.payport_promotion_code || null) === want.promotionCode
  );
}

function resultFor(sub: Stripe.Subscription, reused: boolean): SubscribeResult {
  const invoice = typeof sub.latest_invoice === "object" ? sub.latest_invoice : null;
  const setupIntent = typeof sub.pending_setup_intent === "object" ? sub.pending_setup_intent : null;
  const paymentSecret = invoice?.status === "open" ? invoice.confirmation_secret?.client_secret : null;
  const setupSecret = setupIntent && setupIntent.status !== "succeeded" && setupIntent.status !== "canceled" ? setupIntent.client_secret : null;
  return {
    subscriptionId: sub.id,
    status: sub.status,
    intent: paymentSecret ? { type: "payment", clientSecret: paymentSecret } : setupSecret ? { type: "setup", clientSecret: setupSecret } : null,
    amountDue: invoice?.amount_due ?? 0,
    currency: invoice?.currency ?? sub.currency,
    firstInvoice: invoice ? firstInvoiceBreakdown(invoice, sub.metadata?.payport_promotion_code || null) : null,
    trialEnd: sub.trial_end,
    reused,
  };
}

export async function subscribe(request: SubscribeRequest, userId: string): Promise<SubscribeResult> {
  const found = await findPlanPrice(request.priceId);
  if (!found) throw new HttpError(400, "That plan is not available. Pick a plan from the pricing page.", "priceId");
  const { plan, price } = found;
  if (!plan.perSeat && request.quantity !== 1) throw new HttpError(400, `${plan.name} is not priced per seat; leave quantity at 1.`, "quantity");

  let meteredPriceId: string | null = null;
  if (request.meteredAddon) {
    const addon = await listMeteredAddon();
    if (!addon) throw new HttpError(400, "The usage add-on is not available right now.", "meteredAddon");
    // Stripe bills every item of a subscription on one cycle.
    if (addon.price.interval !== price.interval) {
      throw new HttpError(400, `The ${addon.name} add-on is billed monthly; choose monthly billing to add it.`, "meteredAddon");
    }
    meteredPriceId = addon.price.stripePriceId;
  }

  const stripeCustomerId = await ensureStripeCustomer(userId);
  const promo = request.promotionCode ? await findPromotionCode(request.promotionCode, stripeCustomerId) : null;
  const stripe = getStripe();

  const existing = await syncCustomerSubscriptions(stripeCustomerId);
  if (existing.some((s) => LIVE_SUBSCRIPTION_STATUSES.includes(s.status))) {
    throw new HttpError(409, "You already have a subscription. Change or cancel it from your billing page.");
  }
  const want: Wanted = { stripePriceId: price.stripePriceId, quantity: request.quantity, meteredPriceId, promotionCode: request.promotionCode };
  for (const sub of existing.filter((s) => s.status === "incomplete")) {
    if (matches(sub, want)) {
      const again = await stripe.subscriptions.retrieve(sub.id, { expand: EXPAND });
      if (again.status === "incomplete") return resultFor(again, true);
    }
  }
  // The customer changed their mind before paying: the old attempt goes (its open invoice is voided).
  for (const sub of existing.filter((s) => s.status === "incomplete")) {
    try {
      const canceled = await stripe.subscriptions.cancel(sub.id, {}, { idempotencyKey: idempotencyKey("subscription", sub.id, "cancel_incomplete") });
      await applyFreshSubscription(canceled);
    } catch (error) {
      // Another tab may have canceled it a moment ago: that is the state we wanted.
      const now = await stripe.subscriptions.retrieve(sub.id);
      if (now.status !== "canceled" && now.status !== "incomplete_expired") throw error;
      await applyFreshSubscription(now);
    }
  }

  // One free trial per customer.
  const trialDays = plan.trialDays && !existing.some((s) => s.trial_start != null) ? plan.trialDays : null;
  let subscription: Stripe.Subscription;
  try {
    subscription = await stripe.subscriptions.create(
      {
        customer: stripeCustomerId,
        items: [{ price: price.stripePriceId, quantity: request.quantity }, ...(meteredPriceId ? [{ price: meteredPriceId }] : [])],
        payment_behavior: "default_incomplete",
        payment_settings: { save_default_payment_method: "on_subscription" },
        expand: EXPAND,
        ...(trialDays && { trial_period_days: trialDays }),
        ...(promo && { discounts: [{ promotion_code: promo.id }] }),
        metadata: { user_id: userId, payport_price_id: price.id, ...(request.promotionCode && { payport_promotion_code: request.promotionCode }) },
      },
      // Same user, same number of earlier subscriptions -> same key: a second click or tab replays the first create.
      { idempotencyKey: idempotencyKey("user", userId, "subscription", existing.length) },
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeIdempotencyError || (error instanceof Stripe.errors.StripeError && error.statusCode === 409)) {
      throw new HttpError(409, CONCURRENT_SUBSCRIBE);
    }
    if (error instanceof Stripe.errors.StripeInvalidRequestError && promo && /discount|promotion|coupon/i.test(`${error.param ?? ""} ${error.message}`)) {
      throw new HttpError(400, `The promotion code ${request.promotionCode} cannot be applied to this plan.`, "promotionCode");
    }
    throw error;
  }
  await applyFreshSubscription(subscription);
  // A replayed create can return an attempt another tab has since canceled.
  if (subscription.status === "canceled" || subscription.status === "incomplete_expired") throw new HttpError(409, CONCURRENT_SUBSCRIBE);
  return resultFor(subscription, false);
}

const CONCURRENT_SUBSCRIBE = "Another subscribe request with different choices is in progress. Reload the page and try again.";
