// POST /api/checkout: turns a cart into an Order (amount computed here, from
// our prices) and its one PaymentIntent. The same cartId always yields the
// same order, whether the repeat is a double click, a retry after a network
// error or a concurrent request.
import type Stripe from "stripe";
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { HttpError } from "@/lib/errors";
import { MAX_QUANTITY, type CheckoutRequest } from "@/lib/orders/schemas";
import { describeAmount, MAX_CHARGE_AMOUNT, minimumChargeAmount } from "@/lib/orders/charge-limits";
import { ensureOrderPaymentIntent, isPayable } from "@/lib/orders/payment-intent";
import { ensureStripeCustomer } from "@/lib/auth/stripe-customer";
import { log } from "@/lib/observability/log";
import { isStripePermissionError } from "@/lib/stripe/types";

export type CheckoutResponse = {
  orderId: string;
  clientSecret: string | null;
  amount: number;
  currency: string;
  status: string;
  checkoutUrl: string;
};

export type CheckoutResult = { created: boolean; body: CheckoutResponse };

type PricedLine = { priceId: string; productName: string; unitAmount: number; quantity: number; amount: number };

/** `userId`: the signed-in buyer (the order and its PaymentIntent get their Stripe customer); null for guests. */
export async function createCheckout(request: CheckoutRequest, db: Db = getDb(), userId: string | null = null): Promise<CheckoutResult> {
  const { lines, currency, amount } = await priceCart(request, db);

  let created = false;
  let order = await db.order.findUnique({ where: { cartId: request.cartId }, include: { lines: true } });
  if (!order) {
    const stripeCustomerId = userId ? await buyerStripeCustomer(userId, db) : null;
    try {
      // Nested create: the order and its lines are written in one transaction.
      order = await db.order.create({
        data: { cartId: request.cartId, email: request.email, currency, amount, status: "pending", userId, stripeCustomerId, lines: { create: lines } },
        include: { lines: true },
      });
      created = true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent request with the same cartId won the insert.
      order = await db.order.findUniqueOrThrow({ where: { cartId: request.cartId }, include: { lines: true } });
    }
  }
  if (!created) {
    assertSameCart(order.lines, lines);
    // An account's order is never handed out through its cartId to anyone else.
    if (order.userId && order.userId !== userId) {
      throw new HttpError(409, "This cart was already checked out from another account. Start the checkout again from the cart.", "cartId");
    }
  }

  let paymentIntent: Stripe.PaymentIntent;
  try {
    paymentIntent = await ensureOrderPaymentIntent(order, db);
  } catch (error) {
    if (isStripePermissionError(error)) throw error;
    log.error("checkout: PaymentIntent failed", { orderId: order.id, error });
    // The order is kept: posting the same cart again retries with the same idempotency key.
    throw new HttpError(502, "We could not reach the payment provider. Please try again in a moment.");
  }

  return {
    created,
    body: {
      orderId: order.id,
      clientSecret: isPayable(paymentIntent) ? paymentIntent.client_secret : null,
      amount: order.amount,
      currency: order.currency,
      status: order.status,
      checkoutUrl: `/checkout/${order.id}`,
    },
  };
}

async function buyerStripeCustomer(userId: string, db: Db): Promise<string> {
  try {
    return await ensureStripeCustomer(userId, db);
  } catch (error) {
    if (isStripePermissionError(error)) throw error;
    log.error("checkout: Stripe customer failed", { userId, error });
    throw new HttpError(502, "We could not reach the payment provider. Please try again in a moment.");
  }
}

async function priceCart(request: CheckoutRequest, db: Db) {
  // The same price twice in one cart is one line with the summed quantity.
  const quantities = new Map<string, { quantity: number; index: number }>();
  request.items.forEach((item, index) => {
    const seen = quantities.get(item.priceId);
    quantities.set(item.priceId, { quantity: (seen?.quantity ?? 0) + item.quantity, index: seen?.index ?? index });
  });

  const prices = await db.price.findMany({ where: { id: { in: [...quantities.keys()] } }, include: { product: true } });
  const byId = new Map(prices.map((p) => [p.id, p]));

  const lines: PricedLine[] = [];
  let currency: string | null = null;
  for (const [priceId, { quantity, index }] of quantities) {
    const price = byId.get(priceId);
    if (!price) throw new HttpError(400, `Unknown price "${priceId}". Reload the store: the catalog may have changed.`, `items[${index}].priceId`);
    if (!price.active || !price.product.active || price.type !== "one_time") {
      throw new HttpError(400, `"${price.product.name}" is no longer available at this price. Remove it from the cart and add it again.`, `items[${index}].priceId`);
    }
    if (quantity > MAX_QUANTITY) {
      throw new HttpError(400, `At most ${MAX_QUANTITY} of "${price.product.name}" per order.`, `items[${index}].quantity`);
    }
    if (currency && price.currency !== currency) {
      throw new HttpError(
        400,
        `One order is paid in one currency: this cart mixes ${currency.toUpperCase()} and ${price.currency.toUpperCase()}. Check out each currency separately.`,
        `items[${index}].priceId`,
      );
    }
    currency = price.currency;
    lines.push({ priceId, productName: price.product.name, unitAmount: price.unitAmount, quantity, amount: price.unitAmount * quantity });
  }

  const amount = lines.reduce((sum, line) => sum + line.amount, 0);
  const cur = currency!;
  if (amount < minimumChargeAmount(cur)) {
    throw new HttpError(400, `The order total must be at least ${describeAmount(minimumChargeAmount(cur), cur)}.`, "items");
  }
  if (amount > MAX_CHARGE_AMOUNT) {
    throw new HttpError(400, `The order total must be at most ${describeAmount(MAX_CHARGE_AMOUNT, cur)}; split it into several orders.`, "items");
  }
  return { lines, currency: cur, amount };
}

// A cartId names one set of contents (the cart issues a new id on every
// change); reusing it for other contents is a client bug, not a new order.
function assertSameCart(existing: { priceId: string; quantity: number }[], requested: PricedLine[]) {
  const key = (lines: { priceId: string; quantity: number }[]) =>
    lines.map((l) => `${l.priceId}x${l.quantity}`).sort().join(",");
  if (key(existing) !== key(requested)) {
    throw new HttpError(409, "This cart was already checked out with different items. Start the checkout again from the cart.", "cartId");
  }
}
