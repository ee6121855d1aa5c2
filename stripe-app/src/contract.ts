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

/** The answer of POST /api/stripe-app/product and /product-features (product detail page). */
export type StripeAppProductView = {
  /** Payport's mirror of the product, or null when Payport does not sell it. */
  product: {
    id: string;
    name: string;
    /** good (storefront item) | plan | addon; features are edited on plans and add-ons only. */
    kind: "good" | "plan" | "addon";
    active: boolean;
    /** What the plan includes, in the order /pricing and the portal list it. */
    features: string[];
  } | null;
  /** Whether this Dashboard user may edit the features (decided by the backend from the signed roles). */
  canEdit: boolean;
  /** Why editing is not offered, when canEdit is false. */
  editRefusal: string | null;
  /** At most this many features, each at most maxFeatureLength characters (Stripe's marketing_features limits). */
  maxFeatures: number;
  maxFeatureLength: number;
};

export type ActivityKind = "sign_in" | "sign_in_failed" | "portal" | "admin" | "order" | "refund" | "note";

/** One thing that happened on the customer's account, from any source. */
export type ActivityEntry = {
  /** Unique across sources (the source row's id). */
  id: string;
  kind: ActivityKind;
  at: string;
  /** What happened, e.g. "Signed in", "Plan changed", "Order placed". */
  title: string;
  /** Amounts, card, status, the note's text… or null. */
  detail: string | null;
  /** Who did it: the customer's email, an admin's email, a Dashboard user id; null for the system. */
  actor: string | null;
  /** Orders and refunds: the amount in the currency's minor unit. */
  amount: { value: number; currency: string } | null;
};

/** The answer of POST /api/stripe-app/activity: newest first, one page. */
export type StripeAppActivityPage = {
  customerId: string;
  entries: ActivityEntry[];
  /** Send it back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
};

export type ReturnView = {
  id: string;
  orderLineId: string;
  quantity: number;
  /** requested (the customer will send it back) | received (it arrived) */
  status: "requested" | "received";
  reason: string | null;
  outsideWindow: boolean;
  recordedBy: string;
  createdAt: string;
};

export type ShippingLine = {
  id: string;
  productName: string;
  quantity: number;
  /** What left the warehouse: the whole line once the order shipped, else 0. */
  shippedQuantity: number;
  /** Items of this line coming or come back: the larger of the quantities requested and received (a receipt fulfils earlier requests). */
  returnedQuantity: number;
};

export type ShippingOrder = {
  id: string;
  status: string;
  amount: number;
  currency: string;
  fulfilment: FulfilmentView;
  lines: ShippingLine[];
  returns: ReturnView[];
  /** From delivery (or shipping, until delivered) plus the window's days; null before the order ships. */
  returnWindow: { days: number; closesAt: string; open: boolean } | null;
};

/** The answer of POST /api/stripe-app/invoice-shipping: what the invoice paid for, shipped and returned. */
export type StripeAppInvoiceShipping = {
  invoiceId: string;
  /** PAYPORT_RETURN_WINDOW_DAYS (default 30). */
  returnWindowDays: number;
  orders: ShippingOrder[];
};

/** The answer of POST /api/stripe-app/returns: 201 when recorded, 200 when the same request_id was sent before. */
export type StripeAppReturnResult = { return: ReturnView; order: ShippingOrder };
