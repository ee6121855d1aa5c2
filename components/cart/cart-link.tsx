"use client";
import Link from "next/link";
import { cartItemCount } from "@/lib/cart/cart";
import { useCart } from "@/lib/cart/store";

export function CartLink() {
  const cart = useCart();
  const count = cart ? cartItemCount(cart) : 0;
  return (
    <Link
      href="/cart"
      data-testid="cart-link"
      aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}
      className="inline-flex h-10 items-center gap-2 rounded-md px-2 text-sm sm:px-3 font-medium text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-accent-600"
    >
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.75" className="size-5" aria-hidden="true">
        <path strokeLinecap="round" strokeLinejoin="round" d="M2.25 3h1.386c.51 0 .955.343 1.087.835l.383 1.437M7.5 14.25a3 3 0 0 0-3 3h15.75m-12.75-3h11.218c1.121-2.3 2.1-4.684 2.924-7.138a60.114 60.114 0 0 0-16.536-1.84M7.5 14.25 5.106 5.272M6 20.25a.75.75 0 1 1-1.5 0 .75.75 0 0 1 1.5 0Zm12.75 0a.75.75 0 1 1-1.5 0 .75.75 0 0 1 1.5 0Z" />
      </svg>
      <span className="max-sm:sr-only">Cart</span>
      <span
        data-testid="cart-count"
        aria-hidden="true"
        className="min-w-5 rounded-full bg-accent-600 px-1.5 text-center text-xs leading-5 font-semibold text-white tabular-nums"
      >
        {count}
      </span>
    </Link>
  );
}
