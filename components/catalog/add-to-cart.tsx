"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { addToCart } from "@/lib/cart/cart";
import { updateCart } from "@/lib/cart/store";
import { formatMoney } from "@/lib/money";

export type StorefrontPrice = { id: string; currency: string; unitAmount: number };

export function AddToCart({ productName, prices }: { productName: string; prices: StorefrontPrice[] }) {
  const toast = useToast();
  const selectId = useId();
  const [priceId, setPriceId] = useState(prices[0]?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  const price = prices.find((p) => p.id === priceId) ?? prices[0];

  if (!price) return <p className="text-sm text-zinc-500">Not available right now.</p>;

  function add() {
    let message: string | null = null;
    updateCart((cart) => {
      const result = addToCart(cart, { priceId: price.id, currency: price.currency });
      if (result.ok) return result.cart;
      message = result.error;
      return cart;
    });
    setError(message);
    if (!message) toast({ title: "Added to cart", description: `${productName} · ${formatMoney(price.unitAmount, price.currency)}`, tone: "success" });
  }

  return (
    <div className="space-y-3">
      <div className="flex items-end justify-between gap-3">
        {prices.length > 1 ? (
          <div className="min-w-0 flex-1 space-y-1">
            <label htmlFor={selectId} className="sr-only">
              Currency for {productName}
            </label>
            <Select
              id={selectId}
              value={price.id}
              onChange={(event) => {
                setPriceId(event.target.value);
                setError(null);
              }}
              className="tabular-nums"
            >
              {prices.map((p) => (
                <option key={p.id} value={p.id}>
                  {formatMoney(p.unitAmount, p.currency)} {p.currency.toUpperCase()}
                </option>
              ))}
            </Select>
          </div>
        ) : (
          <p className="text-lg font-semibold text-zinc-900 tabular-nums" data-testid="product-price">
            {formatMoney(price.unitAmount, price.currency)}
            <span className="ml-1.5 text-xs font-medium text-zinc-500">{price.currency.toUpperCase()}</span>
          </p>
        )}
        <Button onClick={add} aria-label={`Add ${productName} to cart`} className="shrink-0">
          Add to cart
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
