"use client";
import { Button } from "@/components/ui/button";
import { MAX_LINE_QUANTITY } from "@/lib/cart/cart";

export function QuantityStepper({
  label,
  quantity,
  onChange,
}: {
  label: string;
  quantity: number;
  onChange: (quantity: number) => void;
}) {
  return (
    <div role="group" aria-label={`Quantity of ${label}`} className="inline-flex items-center rounded-md border border-zinc-300 bg-white shadow-sm">
      <Button
        variant="ghost"
        size="icon"
        className="rounded-r-none"
        aria-label={`Decrease quantity of ${label}`}
        disabled={quantity <= 1}
        onClick={() => onChange(quantity - 1)}
      >
        <span aria-hidden="true">−</span>
      </Button>
      <output aria-live="polite" className="w-9 text-center text-sm font-medium tabular-nums" data-testid="line-quantity">
        {quantity}
      </output>
      <Button
        variant="ghost"
        size="icon"
        className="rounded-l-none"
        aria-label={`Increase quantity of ${label}`}
        disabled={quantity >= MAX_LINE_QUANTITY}
        onClick={() => onChange(quantity + 1)}
      >
        <span aria-hidden="true">+</span>
      </Button>
    </div>
  );
}
