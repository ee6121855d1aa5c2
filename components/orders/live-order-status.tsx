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
import { formatMoney } from "@/lib/money";
import { asOrderStatus, isTerminalStatus, type OrderStatus } from "@/lib/orders/status";

export type LiveOrder = {
  id: string;
  email: string;
  status: string;
  amount: number;
  currency: string;
  lastPaymentError: string | null;
};

type OrderUpdate = { status?: string; lastPaymentError?: string | null };

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

const HEADLINES: Record<OrderStatus, string> = {
  paid: "Payment received",
  processing: "Processing payment",
  failed: "Payment failed",
  requires_action: "Requires action",
  pending: "Waiting for payment",
  canceled: "Order canceled",
  refunded: "Payment refunded",
};

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

export function LiveOrderStatus({ initial }: { initial: LiveOrder }) {
  const order = useLiveOrder(initial);
  const status = asOrderStatus(order.status);
  const total = formatMoney(order.amount, order.currency);
  const checkoutHref = `/checkout/${encodeURIComponent(order.id)}`;

  return (
    <section
      data-testid="order-status"
      data-status={status}
      aria-live="polite"
      aria-atomic="true"
      className="flex flex-col items-center gap-4 text-center"
    >
      <StatusIcon status={status} />
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 sm:text-3xl">{HEADLINES[status]}</h1>
      <div className="max-w-md space-y-3 text-zinc-600">
        {status === "paid" && (
          <p>
            We received <span className="font-medium text-zinc-900 tabular-nums">{total}</span>. A receipt is on its way to{" "}
            <span className="font-medium text-zinc-900">{order.email}</span>, and we&rsquo;ll email you again when your order ships.
          </p>
        )}
        {status === "processing" && (
          <p>
            Your bank is confirming the payment of <span className="tabular-nums">{total}</span>. This page updates by itself; you can
            also close it, and we&rsquo;ll email {order.email} once it&rsquo;s done.
          </p>
        )}
        {status === "pending" && (
          <p>
            We haven&rsquo;t received a payment for this order yet. This page updates by itself once it arrives.
          </p>
        )}
        {status === "requires_action" && <p>Your bank needs you to confirm this payment before we can take it.</p>}
        {status === "failed" && (
          <p data-testid="payment-failure-reason">
            {order.lastPaymentError ?? "Your payment didn't go through."} No money was taken.
          </p>
        )}
        {status === "canceled" && <p>This order was canceled. No money was taken.</p>}
        {status === "refunded" && (
          <p>
            We refunded <span className="tabular-nums">{total}</span> to your card. It can take 5–10 business days to show up.
          </p>
        )}
      </div>
      {(status === "failed" || status === "requires_action" || status === "pending") && (
        <Link href={checkoutHref} className={buttonClasses("primary", "md")}>
          {status === "failed" ? "Try another card" : status === "requires_action" ? "Complete payment" : "Go to payment"}
        </Link>
      )}
    </section>
  );
}
