"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { emptyCart, removeFromCart, setLineQuantity } from "@/lib/cart/cart";
import { rememberCheckout, updateCart, useCart } from "@/lib/cart/store";
import { formatMoney } from "@/lib/money";
import { QuantityStepper } from "@/components/catalog/quantity-stepper";

export type CartPriceInfo = { productName: string; currency: string; unitAmount: number };

type CheckoutError = { message: string; field?: string };

export function CartSkeleton() {
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]" aria-busy="true" aria-label="Loading your cart">
      <div className="space-y-3">
        {Array.from({ length: 2 }, (_, i) => (
          <Skeleton key={i} className="h-20 w-full" />
        ))}
      </div>
      <Skeleton className="h-64 w-full" />
    </div>
  );
}

/** `defaultEmail`: the signed-in account's email, prefilled for the receipt. */
export function CartView({ prices, defaultEmail = "" }: { prices: Record<string, CartPriceInfo>; defaultEmail?: string }) {
  const cart = useCart();
  const router = useRouter();
  const [email, setEmail] = useState(defaultEmail);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<CheckoutError | null>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const submittingRef = useRef(false);
  const emailRef = useRef<HTMLInputElement>(null);

  if (!cart) return <CartSkeleton />;

  if (cart.lines.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-zinc-300 bg-white p-10 text-center">
        <h2 className="font-semibold text-zinc-900">Your cart is empty</h2>
        <p className="mt-1 text-sm text-zinc-600">Add something from the shop, then come back here to pay.</p>
        <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
          Browse the shop
        </Link>
      </div>
    );
  }

  const currency = cart.currency ?? "usd";
  const unavailable = cart.lines.filter((line) => !prices[line.priceId]);
  const subtotal = cart.lines.reduce((sum, line) => sum + (prices[line.priceId]?.unitAmount ?? 0) * line.quantity, 0);

  async function continueToPayment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!cart || submittingRef.current) return;
    submittingRef.current = true;
    setSubmitting(true);
    setError(null);
    try {
      const response = await fetch("/api/checkout", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: email.trim(), cartId: cart.cartId, items: cart.lines }),
      });
      const body = (await response.json().catch(() => null)) as
        | { orderId?: string; error?: CheckoutError }
        | null;
      if (!response.ok || !body?.orderId) {
        const problem =
          response.status === 400 && body?.error?.message
            ? body.error
            : { message: "We couldn't start checkout. Please try again in a moment." };
        setError(problem);
        if (problem.field === "email") emailRef.current?.focus();
        submittingRef.current = false;
        setSubmitting(false);
        return;
      }
      rememberCheckout(body.orderId, cart.cartId);
      router.push(`/checkout/${encodeURIComponent(body.orderId)}`);
    } catch {
      setError({ message: "We couldn't reach the server. Check your connection and try again." });
      submittingRef.current = false;
      setSubmitting(false);
    }
  }

  const emailError = error?.field === "email" ? error.message : null;
  const formError = error && error.field !== "email" ? error.message : null;

  return (
    <div className="grid items-start gap-8 lg:grid-cols-[1fr_22rem]">
      <Card>
        <ul className="divide-y divide-zinc-100" aria-label="Items in your cart">
          {cart.lines.map((line) => {
            const info = prices[line.priceId];
            const name = info?.productName ?? "Unavailable item";
            return (
              <li key={line.priceId} className="flex items-start gap-4 p-4 sm:items-center sm:p-6" data-testid="cart-line">
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="font-medium text-zinc-900">{name}</p>
                  {info ? (
                    <p className="text-sm text-zinc-500 tabular-nums">{formatMoney(info.unitAmount, info.currency)} each</p>
                  ) : (
                    <p className="text-sm text-red-600">This item is no longer for sale. Remove it to continue.</p>
                  )}
                  <button
                    type="button"
                    className="rounded text-sm font-medium text-zinc-500 underline-offset-4 hover:text-red-600 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600"
                    aria-label={`Remove ${name} from cart`}
                    onClick={() => updateCart((c) => removeFromCart(c, line.priceId))}
                  >
                    Remove
                  </button>
                </div>
                <div className="flex flex-col items-end gap-3 sm:flex-row sm:items-center sm:gap-6">
                  {info && (
                    <QuantityStepper
                      label={name}
                      quantity={line.quantity}
                      onChange={(quantity) => updateCart((c) => setLineQuantity(c, line.priceId, quantity))}
                    />
                  )}
                  <p className="min-w-20 text-right font-medium text-zinc-900 tabular-nums" data-testid="line-amount">
                    {info ? formatMoney(info.unitAmount * line.quantity, info.currency) : "—"}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
        <div className="flex justify-between border-t border-zinc-100 px-4 py-3 sm:px-6">
          <Link href="/" className="rounded text-sm font-medium text-accent-600 hover:text-accent-700 focus-visible:outline-2">
            ← Continue shopping
          </Link>
          <Button variant="ghost" size="sm" onClick={() => setConfirmEmpty(true)}>
            Empty cart
          </Button>
        </div>
      </Card>

      <Card>
        <CardContent>
          <form onSubmit={continueToPayment} noValidate className="space-y-5" aria-label="Checkout details">
            <dl className="space-y-2 text-sm">
              <div className="flex justify-between">
                <dt className="text-zinc-600">Subtotal</dt>
                <dd className="text-zinc-900 tabular-nums" data-testid="cart-subtotal">
                  {formatMoney(subtotal, currency)}
                </dd>
              </div>
              <div className="flex justify-between border-t border-zinc-100 pt-2 text-base font-semibold">
                <dt>
                  Total <span className="text-xs font-medium text-zinc-500">{currency.toUpperCase()}</span>
                </dt>
                <dd className="tabular-nums">{formatMoney(subtotal, currency)}</dd>
              </div>
            </dl>
            <Field id="email" label="Email" hint="We'll send the receipt here." error={emailError}>
              {(describedBy) => (
                <Input
                  ref={emailRef}
                  id="email"
                  type="email"
                  name="email"
                  autoComplete="email"
                  inputMode="email"
                  required
                  placeholder="you@example.com"
                  value={email}
                  onChange={(event) => setEmail(event.target.value)}
                  aria-invalid={emailError ? true : undefined}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <Button type="submit" size="lg" className="w-full" loading={submitting} disabled={unavailable.length > 0}>
              Continue to payment
            </Button>
            {formError && (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="cart-error">
                {formError}
              </p>
            )}
          </form>
        </CardContent>
      </Card>

      <Dialog
        open={confirmEmpty}
        onOpenChange={setConfirmEmpty}
        title="Empty your cart?"
        description="This removes every item from your cart. Nothing has been charged."
      >
        <DialogActions>
          <Button variant="secondary" onClick={() => setConfirmEmpty(false)}>
            Keep items
          </Button>
          <Button
            variant="destructive"
            onClick={() => {
              updateCart(() => emptyCart());
              setConfirmEmpty(false);
            }}
          >
            Empty cart
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}
