"use client";
// localStorage-backed cart shared by every component (and every tab) through
// useSyncExternalStore.
import { useSyncExternalStore } from "react";
import { type Cart, emptyCart, parseCart } from "./cart";

const CART_KEY = "payport.cart.v1";
const LAST_CHECKOUT_KEY = "payport.last-checkout.v1";
const CHANGE_EVENT = "payport:cart";

let cached: { raw: string | null; cart: Cart } | null = null;

function readCart(): Cart {
  const raw = window.localStorage.getItem(CART_KEY);
  if (cached && cached.raw === raw) return cached.cart;
  const cart = parseCart(raw);
  cached = { raw, cart };
  return cart;
}

export function writeCart(cart: Cart): void {
  window.localStorage.setItem(CART_KEY, JSON.stringify(cart));
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === CART_KEY) onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

/** The current cart; null during server rendering and hydration (show a skeleton). */
export function useCart(): Cart | null {
  return useSyncExternalStore(subscribe, readCart, () => null);
}

/** Applies a change computed from the latest stored cart (not a stale render's copy). */
export function updateCart(change: (cart: Cart) => Cart): Cart {
  const next = change(readCart());
  writeCart(next);
  return next;
}

/** Remembers which cart an order was created from, so paying for it can empty that cart. */
export function rememberCheckout(orderId: string, cartId: string): void {
  window.localStorage.setItem(LAST_CHECKOUT_KEY, JSON.stringify({ orderId, cartId }));
}

/** Called once an order is paid: empties the cart if it still holds what was bought. */
export function clearCartAfterPayment(orderId: string): void {
  try {
    const last = JSON.parse(window.localStorage.getItem(LAST_CHECKOUT_KEY) ?? "null") as { orderId?: string; cartId?: string } | null;
    if (!last || last.orderId !== orderId) return;
    if (readCart().cartId === last.cartId) writeCart(emptyCart());
    window.localStorage.removeItem(LAST_CHECKOUT_KEY);
  } catch {
    // A malformed entry only means we leave the cart as it is.
  }
}
