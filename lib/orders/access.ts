// Who may see an order. A guest order's id is its capability (anyone holding
// the link sees it, as before accounts existed); an order placed while signed
// in is shown only to that account. Everyone else gets the same 404 as for an
// order that does not exist.
import { getDb, type Db } from "@/lib/db";
import { HttpError } from "@/lib/errors";
import type { AccountUser } from "@/lib/auth/users";

export type OrderAccess = "allowed" | "sign-in" | "not-found";

export async function orderAccess(orderId: string, viewer: Pick<AccountUser, "id"> | null, db: Db = getDb()): Promise<OrderAccess> {
  const order = await db.order.findUnique({ where: { id: orderId }, select: { userId: true } });
  if (!order) return "not-found";
  if (!order.userId || order.userId === viewer?.id) return "allowed";
  // A visitor may be its owner who is signed out; a different account never is.
  return viewer ? "not-found" : "sign-in";
}

/** Route handlers: 404 unless the viewer may see the order. */
export async function assertOrderAccess(orderId: string, viewer: Pick<AccountUser, "id"> | null, db: Db = getDb()): Promise<void> {
  if ((await orderAccess(orderId, viewer, db)) !== "allowed") throw new HttpError(404, "Order not found.");
}
