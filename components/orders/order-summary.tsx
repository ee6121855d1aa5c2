import { formatMoney } from "@/lib/money";
import type { PaymentStatus } from "@/lib/payments/status";
import { orderTotalLabel } from "@/lib/orders/status-copy";

export type OrderSummaryLine = { productName: string; unitAmount: number; quantity: number; amount: number };

export function OrderSummary({
  lines,
  amount,
  amountRefunded = 0,
  currency,
  state = "pending",
  title = "Order summary",
}: {
  lines: OrderSummaryLine[];
  amount: number;
  amountRefunded?: number;
  currency: string;
  /** The order's state: once paid the total reads "Total paid", and refunds are listed. */
  state?: PaymentStatus;
  title?: string;
}) {
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const totalLabel = orderTotalLabel(state);
  return (
    <section aria-labelledby="order-summary-title" className="space-y-4" data-testid="order-summary">
      <h2 id="order-summary-title" className="text-sm font-medium text-zinc-500">
        {title}
      </h2>
      <p className="text-3xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid="order-total-headline">
        {formatMoney(amount, currency)}
      </p>
      <ul className="divide-y divide-zinc-100 border-y border-zinc-100">
        {lines.map((line, index) => (
          <li key={index} className="flex items-start justify-between gap-4 py-3 text-sm">
            <div className="min-w-0">
              <p className="font-medium text-zinc-900">{line.productName}</p>
              <p className="text-zinc-500 tabular-nums">
                Qty {line.quantity}
                {line.quantity > 1 && <> · {formatMoney(line.unitAmount, currency)} each</>}
              </p>
            </div>
            <p className="text-right font-medium text-zinc-900 tabular-nums">{formatMoney(line.amount, currency)}</p>
          </li>
        ))}
      </ul>
      <dl className="space-y-2 text-sm">
        <div className="flex justify-between">
          <dt className="text-zinc-600">Subtotal</dt>
          <dd className="text-right text-zinc-900 tabular-nums">{formatMoney(subtotal, currency)}</dd>
        </div>
        <div className="flex justify-between border-t border-zinc-100 pt-2 text-base font-semibold text-zinc-900">
          <dt>
            {totalLabel} <span className="text-xs font-medium text-zinc-500">{currency.toUpperCase()}</span>
          </dt>
          <dd className="text-right tabular-nums" data-testid="order-total">
            {formatMoney(amount, currency)}
          </dd>
        </div>
        {amountRefunded > 0 && (
          <div className="flex justify-between text-zinc-600" data-testid="order-refunded">
            <dt>Refunded</dt>
            <dd className="text-right tabular-nums">−{formatMoney(amountRefunded, currency)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
