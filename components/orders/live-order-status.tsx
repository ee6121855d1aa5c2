"use client";
// The return page's headline. It follows the order by server-sent events
// (polling only when EventSource is unavailable or refused), until the status
// is terminal.
import Link from "next/link";
import { useEffect, useState } from "react";
import { followLiveUpdates } from "@/components/live/follow-live-updates";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { clearCartAfterPayment } from "@/lib/cart/store";
import { asOrderStatus, isTerminalStatus, type OrderStatus } from "@/lib/orders/status";
import { orderStatusCopy, type OrderForCopy, type ShopperEmails } from "@/lib/orders/status-copy";

export type LiveOrder = OrderForCopy & { id: string; status: string };

type OrderUpdate = Partial<Pick<LiveOrder, "status" | "state" | "amountRefunded" | "lastPaymentError">>;

const POLL_MS = 2000;

function useLiveOrder(initial: LiveOrder) {
  const [order, setOrder] = useState(initial);
  const initialTerminal = isTerminalStatus(initial.status);

  useEffect(() => {
    if (initialTerminal) return;
    const id = encodeURIComponent(initial.id);
    return followLiveUpdates<OrderUpdate>({
      streamUrl: `/api/orders/${id}/events`,
      pollUrl: `/api/orders/${id}`,
      event: "status",
      pollMs: POLL_MS,
      onUpdate: (update) => {
        if (typeof update.status !== "string") return false;
        const status = update.status;
        setOrder((current) => ({
          ...current,
          status,
          state: update.state ?? current.state,
          amountRefunded: update.amountRefunded ?? current.amountRefunded,
          lastPaymentError: update.lastPaymentError !== undefined ? update.lastPaymentError : current.lastPaymentError,
        }));
        return isTerminalStatus(status);
      },
    });
  }, [initial.id, initialTerminal]);

  useEffect(() => {
    if (order.status === "paid") clearCartAfterPayment(order.id);
  }, [order.status, order.id]);

  return order;
}

const ICON_TONE: Record<OrderStatus, string> = {
  paid: "bg-emerald-100 text-emerald-700",
  processing: "bg-amber-100 text-amber-700",
  requires_action: "bg-amber-100 text-amber-700",
  failed: "bg-red-100 text-red-700",
  pending: "bg-zinc-100 text-zinc-600",
  canceled: "bg-zinc-100 text-zinc-600",
  refunded: "bg-zinc-100 text-zinc-600",
};

function StatusIcon({ status }: { status: OrderStatus }) {
  const path =
    status === "paid"
      ? "M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z"
      : status === "failed" || status === "canceled" || status === "refunded"
        ? "M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 6.7a1 1 0 0 1 0-1.4Z"
        : "M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm1 4a1 1 0 1 0-2 0v4c0 .27.1.52.3.7l2.5 2.5a1 1 0 0 0 1.4-1.4L11 9.58V6Z";
  return (
    <span className={cn("grid size-12 place-items-center rounded-full", ICON_TONE[status])} aria-hidden="true">
      <svg viewBox="0 0 20 20" fill="currentColor" className={cn("size-6", (status === "processing" || status === "pending") && "animate-pulse")}>
        <path fillRule="evenodd" clipRule="evenodd" d={path} />
      </svg>
    </span>
  );
}

/** The order's headline, what it means, and what happens next, following the order live. */
export function LiveOrderStatus({ initial, emails }: { initial: LiveOrder; emails: ShopperEmails }) {
  const order = useLiveOrder(initial);
  const status = asOrderStatus(order.status);
  const copy = orderStatusCopy(order, emails);
  const checkoutHref = `/checkout/${encodeURIComponent(order.id)}`;

  return (
    <section data-testid="order-status" data-status={status} data-state={order.state} className="flex flex-col items-center gap-4 text-center">
      <div aria-live="polite" aria-atomic="true" className="flex flex-col items-center gap-4">
        <StatusIcon status={status} />
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 sm:text-3xl" data-testid="order-headline">
          {copy.headline}
        </h1>
        <p className="max-w-md text-zinc-600" data-testid={status === "failed" ? "payment-failure-reason" : "order-status-body"}>
          {copy.body}
        </p>
      </div>
      {copy.action && (
        <Link href={checkoutHref} className={buttonClasses("primary", "md")}>
          {copy.action === "retry" ? "Try another card" : copy.action === "authenticate" ? "Complete payment" : "Go to payment"}
        </Link>
      )}
      {copy.next.length > 0 && (
        <div className="w-full max-w-md space-y-2 border-t border-zinc-100 pt-4 text-left text-sm text-zinc-600" data-testid="order-next">
          <h2 className="font-medium text-zinc-900">What happens next</h2>
          <ul className="list-disc space-y-1 pl-5">
            {copy.next.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
