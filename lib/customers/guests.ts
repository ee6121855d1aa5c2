// Guests: people who paid without an account, one per email, so the admin
// Customers list can show them beside accounts. Recorded when a charge
// succeeds (an order's or a subscription/invoice payment's); idempotent.
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";

export async function recordGuestCustomer({ email, stripeCustomerId, at }: { email: string; stripeCustomerId: string | null; at: Date }, db: Db = getDb()): Promise<void> {
  const normalized = email.trim().toLowerCase();
  if (!normalized) return;
  const account = await db.user.findFirst({
    where: { OR: [{ email: normalized }, ...(stripeCustomerId ? [{ stripeCustomerId }] : [])] },
    select: { id: true },
  });
  if (account) return;
  const existing = await db.guestCustomer.findUnique({ where: { email: normalized } });
  if (existing) {
    // First seen is the earliest payment (events arrive in any order); the first Stripe customer known stays.
    if (existing.createdAt > at || (!existing.stripeCustomerId && stripeCustomerId))
      await db.guestCustomer.update({
        where: { id: existing.id },
        data: { ...(existing.createdAt > at && { createdAt: at }), ...(!existing.stripeCustomerId && stripeCustomerId && { stripeCustomerId }) },
      });
    return;
  }
  try {
    await db.guestCustomer.create({ data: { email: normalized, stripeCustomerId, createdAt: at } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
