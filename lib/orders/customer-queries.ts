// "Your orders" on /account: only the signed-in user's own orders, newest first.
import { getDb, type Db } from "@/lib/db";

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
