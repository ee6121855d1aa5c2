import { getDb } from "@/lib/db";
import { route, withStatus } from "@/lib/http/route";
import { createCheckout } from "@/lib/orders/actions";
import { checkoutRequestSchema } from "@/lib/orders/schemas";

export const dynamic = "force-dynamic";

/** POST { email, cartId, items } → 201 the new order and its PaymentIntent (200 when the cart was already checked out). */
export const POST = route({ name: "POST /api/checkout", auth: "optional-user", limit: "checkout", body: checkoutRequestSchema }, async ({ user, body }) => {
  const { created, body: order } = await createCheckout(body, getDb(), user?.id ?? null);
  return withStatus(created ? 201 : 200, order);
});
