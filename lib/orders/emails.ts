// Which emails the shopper really gets about an order, for the copy that mentions them.
import { getEnv } from "@/lib/env";
import type { ShopperEmails } from "@/lib/orders/status-copy";

/** Stripe emails the receipt (receipt_email on the PaymentIntent) in live mode only; Payport sends none of its own. */
export function shopperEmails(): ShopperEmails {
  return { receipt: getEnv().mode === "live" };
}
