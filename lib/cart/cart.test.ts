import { describe, expect, it } from "vitest";
import { addToCart, cartItemCount, emptyCart, parseCart, removeFromCart, setLineQuantity } from "./cart";

function added(result: ReturnType<typeof addToCart>) {
  if (!result.ok) throw new Error(result.error);
  return result.cart;
}

describe("cart", () => {
  it("adding the same price twice increments one line and changes the cartId", () => {
    const start = emptyCart();
    const one = added(addToCart(start, { priceId: "p1", currency: "USD" }));
    const two = added(addToCart(one, { priceId: "p1", currency: "usd" }));
    expect(two.lines).toEqual([{ priceId: "p1", quantity: 2 }]);
    expect(two.currency).toBe("usd");
    expect(new Set([start.cartId, one.cartId, two.cartId]).size).toBe(3);
    expect(cartItemCount(two)).toBe(2);
  });

  it("refuses a second currency with a message naming both", () => {
    const usd = added(addToCart(emptyCart(), { priceId: "p1", currency: "usd" }));
    const result = addToCart(usd, { priceId: "p2", currency: "jpy" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/USD.*JPY/);
  });

  it("removing the last line frees the currency", () => {
    const usd = added(addToCart(emptyCart(), { priceId: "p1", currency: "usd" }));
    const empty = removeFromCart(usd, "p1");
    expect(empty.currency).toBeNull();
    expect(addToCart(empty, { priceId: "p2", currency: "jpy" }).ok).toBe(true);
  });

  it("setting a quantity to zero removes the line; an unchanged quantity keeps the cartId", () => {
    const cart = added(addToCart(emptyCart(), { priceId: "p1", currency: "usd", quantity: 3 }));
    expect(setLineQuantity(cart, "p1", 3)).toBe(cart);
    expect(setLineQuantity(cart, "p1", 0).lines).toEqual([]);
    expect(setLineQuantity(cart, "p1", 500).lines[0].quantity).toBe(99);
  });

  it("parses malformed storage as an empty cart and drops invalid lines", () => {
    expect(parseCart("{nope").lines).toEqual([]);
    const parsed = parseCart(JSON.stringify({ cartId: "c", currency: "USD", lines: [{ priceId: "a", quantity: 2 }, { priceId: "b", quantity: -1 }] }));
    expect(parsed).toEqual({ cartId: "c", currency: "usd", lines: [{ priceId: "a", quantity: 2 }] });
  });
});
