// Every portal action starts here: the object named in the URL is fetched from
// Stripe and must belong to the signed-in user's Stripe customer. Anything
// else (unknown id, another customer's object, no customer yet) is the same
// 404, so ids belonging to other people are never confirmed to exist.
import Stripe from "stripe";
import type { AccountUser } from "@/lib/auth/users";
import { HttpError } from "@/lib/errors";
import { getStripe } from "@/lib/stripe/client";
import { idOf } from "@/lib/stripe/types";

const ID_PATTERN = { subscription: /^sub_[A-Za-z0-9_]{1,120}$/, paymentMethod: /^pm_[A-Za-z0-9_]{1,120}$/, invoice: /^in_[A-Za-z0-9_]{1,120}$/ } as const;

const NOT_FOUND = {
  subscription: "Subscription not found.",
  paymentMethod: "Payment method not found.",
  invoice: "Invoice not found.",
} as const;

function isMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && (error.statusCode === 404 || error.code === "resource_missing");
}

async function fetchOwned<T>(kind: keyof typeof ID_PATTERN, user: AccountUser, id: string, fetch: () => Promise<T>, customerOf: (o: T) => string | null): Promise<T> {
  if (!user.stripeCustomerId || !ID_PATTERN[kind].test(id)) throw new HttpError(404, NOT_FOUND[kind]);
  let object: T;
  try {
    object = await fetch();
  } catch (error) {
    if (isMissing(error)) throw new HttpError(404, NOT_FOUND[kind]);
    throw error;
  }
  if (customerOf(object) !== user.stripeCustomerId) throw new HttpError(404, NOT_FOUND[kind]);
  return object;
}

export function getOwnedSubscription(user: AccountUser, id: string): Promise<Stripe.Subscription> {
  return fetchOwned("subscription", user, id, () => getStripe().subscriptions.retrieve(id), (s) => idOf(s.customer));
}

export function getOwnedPaymentMethod(user: AccountUser, id: string): Promise<Stripe.PaymentMethod> {
  return fetchOwned("paymentMethod", user, id, () => getStripe().paymentMethods.retrieve(id), (pm) => idOf(pm.customer));
}

export function getOwnedInvoice(user: AccountUser, id: string): Promise<Stripe.Invoice> {
  return fetchOwned("invoice", user, id, () => getStripe().invoices.retrieve(id), (inv) => idOf(inv.customer));
}

/** The user's Stripe customer, or 404 when they never had one (so they own nothing at Stripe). */
export function requireCustomerId(user: AccountUser): string {
  if (!user.stripeCustomerId) throw new HttpError(404, "You don't have a subscription yet.");
  return user.stripeCustomerId;
}
