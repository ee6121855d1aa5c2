// The guest cart: price ids and quantities only. Amounts always come from the
// server's catalog; the cart never stores a price.

export type CartLine = { priceId: string; quantity: number };

export type Cart = {
  /** Changes whenever the contents change, so POST /api/checkout can dedupe on it. */
  cartId: string;
  /** Lower-case ISO code shared by every line; null while empty. */
  currency: string | null;
  lines: CartLine[];
};

export const MAX_LINE_QUANTITY = 99;

export type CartChange = { ok: true; cart: Cart } | { ok: false; error: string };

export function newCartId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Insecure contexts (plain http on a LAN host) have no randomUUID.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function emptyCart(): Cart {
  return { cartId: newCartId(), currency: null, lines: [] };
}

function withLines(cart: Cart, lines: CartLine[]): Cart {
  return { cartId: newCartId(), currency: lines.length > 0 ? cart.currency : null, lines };
}

export function cartItemCount(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + line.quantity, 0);
}

export function addToCart(cart: Cart, item: { priceId: string; currency: string; quantity?: number }): CartChange {
  const currency = item.currency.toLowerCase();
  if (cart.currency && cart.lines.length > 0 && cart.currency !== currency) {
    return {
      ok: false,
      error: `Your cart is in ${cart.currency.toUpperCase()}. Check out or empty it before adding items priced in ${currency.toUpperCase()}.`,
    };
  }
  const add = item.quantity ?? 1;
  const existing = cart.lines.find((line) => line.priceId === item.priceId);
  const quantity = Math.min((existing?.quantity ?? 0) + add, MAX_LINE_QUANTITY);
  const lines = existing
    ? cart.lines.map((line) => (line.priceId === item.priceId ? { ...line, quantity } : line))
    : [...cart.lines, { priceId: item.priceId, quantity }];
  return { ok: true, cart: { ...withLines({ ...cart, currency }, lines) } };
}

export function setLineQuantity(cart: Cart, priceId: string, quantity: number): Cart {
  if (!Number.isInteger(quantity)) return cart;
  if (quantity <= 0) return removeFromCart(cart, priceId);
  const clamped = Math.min(quantity, MAX_LINE_QUANTITY);
  const line = cart.lines.find((l) => l.priceId === priceId);
  if (!line || line.quantity === clamped) return cart;
  return withLines(cart, cart.lines.map((l) => (l.priceId === priceId ? { ...l, quantity: clamped } : l)));
}

export function removeFromCart(cart: Cart, priceId: string): Cart {
  if (!cart.lines.some((l) => l.priceId === priceId)) return cart;
  return withLines(cart, cart.lines.filter((l) => l.priceId !== priceId));
}

/** Parses what localStorage holds; anything malformed becomes an empty cart. */
export function parseCart(raw: string | null): Cart {
  if (!raw) return emptyCart();
  try {
    const data = JSON.parse(raw) as Partial<Cart>;
    if (typeof data.cartId !== "string" || !Array.isArray(data.lines)) return emptyCart();
    const lines = data.lines.filter(
      (l): l is CartLine =>
        typeof l?.priceId === "string" && Number.isInteger(l.quantity) && l.quantity > 0 && l.quantity <= MAX_LINE_QUANTITY,
    );
    const currency = typeof data.currency === "string" && lines.length > 0 ? data.currency.toLowerCase() : null;
    return { cartId: data.cartId, currency, lines };
  } catch {
    return emptyCart();
  }
}
