// The order as shoppers see it (checkout page, return page, GET /api/orders/{id},
// the SSE stream). The order id is the guest's capability, so this never
// exposes Stripe ids or secrets.
import { getDb, type Db } from "@/lib/db";
import { paymentStatusOf, type PaymentStatus } from "@/lib/payments/status";

export type OrderLineView = { productName: string; unitAmount: number; quantity: number; amount: number };

export type OrderView = {
  id: string;
  email: string;
  /** pending | processing | requires_action | paid | failed | canceled | refunded */
  status: string;
  /** What the shopper is told: paid, partly or fully refunded, disputed (an open dispute), failed… (lib/orders/status-copy). */
  state: PaymentStatus;
  /** Last PaymentIntent status applied (null before the first one). */
  paymentStatus: string | null;
  amount: number;
  currency: string;
  amountRefunded: number;
  /** The issuer's message for the last failed attempt, e.g. "Your card was declined." */
  lastPaymentError: string | null;
  lines: OrderLineView[];
};

/** The public JSON of GET /api/orders/{id} and the SSE stream: the view without the email. */
export type PublicOrderView = Omit<OrderView, "email">;

export async function getOrderView(orderId: string, db: Db = getDb()): Promise<OrderView | null> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: { lines: { orderBy: { id: "asc" } }, disputes: { select: { status: true } } },
  });
  if (!order) return null;
  return {
    id: order.id,
    email: order.email,
    status: order.status,
    state: paymentStatusOf(order),
    paymentStatus: order.paymentStatus,
    amount: order.amount,
    currency: order.currency,
    amountRefunded: order.amountRefunded,
    lastPaymentError: order.lastPaymentError,
    lines: order.lines.map((l) => ({ productName: l.productName, unitAmount: l.unitAmount, quantity: l.quantity, amount: l.amount })),
  };
}

export async function getPublicOrderView(orderId: string, db: Db = getDb()): Promise<PublicOrderView | null> {
  const view = await getOrderView(orderId, db);
  if (!view) return null;
  const { email: _email, ...rest } = view;
  return rest;
}

// "Your orders" on /account: only the signed-in user's own orders, newest first.
export type CustomerOrderRow = {
  id: string;
  createdAt: Date;
  status: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  /** "Enamel Mug × 2, Tote Bag" */
  summary: string;
};

export async function listCustomerOrders(userId: string, db: Db = getDb(), limit = 50): Promise<CustomerOrderRow[]> {
  const orders = await db.order.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { lines: { orderBy: { id: "asc" } } },
  });
  return orders.map((order) => ({
    id: order.id,
    createdAt: order.createdAt,
    status: order.status,
    amount: order.amount,
    amountRefunded: order.amountRefunded,
    currency: order.currency,
    summary: order.lines.map((l) => (l.quantity > 1 ? `${l.productName} × ${l.quantity}` : l.productName)).join(", "),
  }));
}

/** Our order behind a Stripe payment (a dispute's or a review's): by its PaymentIntent, else by its charge. */
export async function findOrderIdOfPayment(paymentIntentId: string | null, chargeId: string | null, db: Db = getDb()): Promise<string | null> {
  if (paymentIntentId) {
    const byIntent = await db.order.findUnique({ where: { stripePaymentIntentId: paymentIntentId }, select: { id: true } });
    if (byIntent) return byIntent.id;
  }
  if (chargeId) {
    const byCharge = await db.order.findFirst({ where: { stripeChargeId: chargeId }, select: { id: true } });
    if (byCharge) return byCharge.id;
  }
  return null;
}
