// Each account maps to exactly one Stripe customer. The create call's
// idempotency key is derived from the user id (concurrent or retried calls get
// the same customer back from Stripe), and the id is stored with a conditional
// update into the unique User.stripeCustomerId column, only while it is empty.
import { getDb, type Db } from "@/lib/db";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";

export async function ensureStripeCustomer(userId: string, db: Db = getDb()): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.stripeCustomerId) return user.stripeCustomerId;

  // Parameters come only from the row, so a retry sends exactly the same request.
  const customer = await getStripe().customers.create(
    { email: user.email, ...(user.name && { name: user.name }), metadata: { user_id: user.id } },
    { idempotencyKey: idempotencyKey("user", user.id, "customer") },
  );

  const { count } = await db.user.updateMany({
    where: { id: user.id, stripeCustomerId: null },
    data: { stripeCustomerId: customer.id },
  });
  if (count === 0) {
    // Someone stored one first: theirs is the customer (the same one, unless the key had expired).
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    return stored.stripeCustomerId!;
  }
  return customer.id;
}
