// What customers do in the portal, in the audit trail next to the admins'
// actions. Filed under the Stripe customer (targetType "customer", targetId
// cus_…), so support sees it in the customer's account timeline. Written after
// Stripe accepted the change: a refused change is not an account event.
import { recordAudit } from "@/lib/audit/actions";
import type { AccountUser } from "@/lib/auth/users";

export const PORTAL_ACTIONS = {
  "portal.plan_change": "Plan changed",
  "portal.subscription_cancel": "Subscription cancelled",
  "portal.subscription_resume": "Subscription resumed",
  "portal.addon_add": "Usage add-on added",
  "portal.card_add": "Card added",
  "portal.card_default": "Default card changed",
  "portal.card_remove": "Card removed",
} as const;

export type PortalAction = keyof typeof PORTAL_ACTIONS;

export async function recordPortalAction(user: AccountUser, stripeCustomerId: string, action: PortalAction, details: Record<string, unknown>): Promise<void> {
  await recordAudit({ actor: { id: user.id, email: user.email }, action, targetType: "customer", targetId: stripeCustomerId, details });
}

/** "visa •••• 4242" for a card's audit details and its timeline line. */
export function cardLabel(card: { brand?: string | null; last4?: string | null } | null | undefined): string | null {
  if (!card?.last4) return null;
  return `${card.brand ?? "card"} •••• ${card.last4}`;
}
