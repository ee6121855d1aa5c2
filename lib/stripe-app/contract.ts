// The JSON that Payport's /api/stripe-app view routes (customer, payment,
// invoice) answer: the one definition that both the backend and the UI
// extension in stripe-app/ use.
//
// The backend imports it as "@/lib/stripe-app/contract" (lib/stripe-app/views.ts,
// lib/fulfilment/fulfilment.ts). stripe-app/ is a separate package (React 18,
// own lockfile) and reaches this file through the "@payport/stripe-app-contract"
// path in stripe-app/tsconfig.json. Because of that, this file must stay types
// only:
//   - no imports. The extension's type-check reads this file with stripe-app's
//     compiler options and node_modules, where the Next app's modules
//     (zod, Prisma, "@/…") do not exist;
//   - no runtime code (no const, enum, function or class). Both sides import it
//     with `import type`, which tsc, vite/vitest and esbuild erase without
//     resolving the path, so nothing from outside stripe-app/ reaches (or is
//     needed to build) the extension's bundle.
// Dates are ISO 8601 strings (usage.periodStart/periodEnd: Unix seconds, as
// Stripe gives them); amounts are integers in the currency's minor unit.

export type FulfilmentView = {
  /** lib/fulfilment/schemas.ts FULFILMENT_STATUSES; lib/fulfilment/fulfilment.ts checks that the two agree. */
  status: "unfulfilled" | "shipped" | "delivered" | "returned";
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
};

export type SupportNoteView = {
  id: string;
  /** The order the note is about, or null for a note about the customer. */
  orderId: string | null;
  stripeCustomerId: string | null;
  body: string;
  /** The Stripe Dashboard user id (Stripe App) or the admin who wrote it. */
  author: string;
  /** stripe_app | admin */
  source: string;
  createdAt: string;
};

export type StripeAppOrder = {
  id: string;
  email: string;
  /** pending | processing | requires_action | paid | failed | canceled | refunded */
  status: string;
  amount: number;
  currency: string;
  amountRefunded: number;
  createdAt: string;
  paidAt: string | null;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
  stripeCustomerId: string | null;
  lines: { productName: string; unitAmount: number; quantity: number; amount: number }[];
  fulfilment: FulfilmentView;
  notes: SupportNoteView[];
};

export type StripeAppSubscription = {
  id: string;
  status: string;
  planName: string | null;
  /** What the plan includes, from the product's marketing features. */
  features: string[];
  quantity: number | null;
  unitAmount: number | null;
  currency: string | null;
  interval: string | null;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string | null;
  trialEnd: string | null;
  /** This period's metered usage, or null without the add-on (or when Stripe did not answer). */
  usage: { quantity: number; estimatedAmount: number | null; currency: string; periodStart: number; periodEnd: number; addonName: string } | null;
};

/** The answer of POST /api/stripe-app/customer, /payment and /invoice. */
export type StripeAppView = {
  /** The Dashboard object this view describes. */
  object: { type: "customer" | "payment_intent" | "charge" | "invoice"; id: string };
  /** The Stripe customer the orders belong to, with notes about the customer rather than one order. */
  customer: { id: string; notes: SupportNoteView[] } | null;
  /** Newest first. Empty when Payport has no order for this object. */
  orders: StripeAppOrder[];
  /** Plan, features and usage of the customer's current subscription; null when there is none. */
  subscription: StripeAppSubscription | null;
};
