// Where a payment came from (an order, a subscription, an invoice) and the
// admin pages it links to: the same words and links on every list.
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { PaymentRow, PaymentSource } from "@/lib/payments/queries";

export const PAYMENT_SOURCE_LABEL: Record<PaymentSource, string> = { order: "Order", subscription: "Subscription", invoice: "Invoice", charge: "Charge" };
const SOURCE_TONE: Record<PaymentSource, BadgeTone> = { order: "neutral", subscription: "info", invoice: "info", charge: "neutral" };

type Linkable = Pick<PaymentRow, "id" | "source" | "orderId" | "stripeSubscriptionId" | "stripeInvoiceId">;

/** The payment's own admin page: an order's payment page, or the charge's. */
export function paymentHref(row: Pick<PaymentRow, "id" | "source">): string {
  return row.source === "order" ? `/admin/payments/${row.id}` : `/admin/payments/charges/${row.id}`;
}

/** The admin page of what the payment paid for. */
export function paymentSourceHref(row: Linkable): string | null {
  if (row.orderId) return `/admin/payments/${row.orderId}`;
  if (row.stripeSubscriptionId) return `/admin/subscriptions?q=${encodeURIComponent(row.stripeSubscriptionId)}`;
  return row.stripeInvoiceId ? paymentHref(row) : null;
}

export function PaymentSourceCell({ row }: { row: Linkable }) {
  const href = paymentSourceHref(row);
  const ref = row.orderId ?? row.stripeSubscriptionId ?? row.stripeInvoiceId;
  return (
    <span className="flex items-center gap-2 whitespace-nowrap">
      <Badge tone={SOURCE_TONE[row.source]} data-testid="payment-source">
        {PAYMENT_SOURCE_LABEL[row.source]}
      </Badge>
      {ref &&
        (href ? (
          <Link href={href} className="max-w-28 truncate font-mono text-xs text-accent-700 hover:underline">
            {ref}
          </Link>
        ) : (
          <span className="max-w-28 truncate font-mono text-xs text-zinc-600">{ref}</span>
        ))}
    </span>
  );
}
