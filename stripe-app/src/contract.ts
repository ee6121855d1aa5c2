// The JSON that Payport's /api/stripe-app view routes (customer, payment,
// invoice) answer: the one definition that both the backend and the UI
// extension use. It lives inside stripe-app/ so the extension stays a
// self-contained package (what `stripe apps upload` packages); the backend
// imports it as "@/stripe-app/src/contract" (lib/stripe-app/queries.ts,
// lib/fulfilment/actions.ts). Types only — no imports (the Next app's modules
// do not exist in stripe-app/'s node_modules) and no runtime code — and always
// imported with `import type`, so nothing crosses into either bundle.

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
