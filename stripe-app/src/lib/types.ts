// The JSON of Payport's /api/stripe-app routes (lib/stripe-app/views.ts and
// lib/fulfilment in the Next app). Restated here because the extension is a
// separate package that cannot import the Next app's code.
export type Fulfilment = {
  status: "unfulfilled" | "shipped" | "delivered" | "returned";
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
};

export type SupportNote = {
  id: string;
  orderId: string | null;
  stripeCustomerId: string | null;
  body: string;
  author: string;
  source: string;
  createdAt: string;
};

export type Order = {
  id: string;
  email: string;
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
  fulfilment: Fulfilment;
  notes: SupportNote[];
};

export type PayportView = {
  object: { type: "customer" | "payment_intent" | "charge" | "invoice"; id: string };
  customer: { id: string; notes: SupportNote[] } | null;
  orders: Order[];
  /** The customer's current subscription, or null when there is none. */
  subscription: Subscription | null;
};

export type Subscription = {
  id: string;
  status: string;
  planName: string | null;
  features: string[];
  quantity: number | null;
  unitAmount: number | null;
  currency: string | null;
  interval: string | null;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string | null;
  trialEnd: string | null;
  usage: { quantity: number; estimatedAmount: number | null; currency: string; periodStart: number; periodEnd: number; addonName: string } | null;
};
