// Signed-in checkout and order ownership, against the emulator and a real
// database: one Stripe customer per account however many requests race, the
// order and its PaymentIntent carry that customer, an account's orders are
// invisible to every other account, and guests keep working exactly as before.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getOrder } from "@/app/api/orders/[id]/route";
import { GET as getOrderEvents } from "@/app/api/orders/[id]/events/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { ensureStripeCustomer } from "@/lib/auth/stripe-customer";
import { listCustomerOrders } from "@/lib/orders/queries";
import { orderAccess } from "@/lib/orders/access";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useEmulator } from "./helpers/emulator";
import { newCartId, postCheckout, priceIdByLookupKey } from "./helpers/checkout";
import { useSignedInAs } from "./helpers/session";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe.each(testDatabases())("accounts and orders on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator();
  const signInAs = useSignedInAs();
  let teePrice: string;

  beforeAll(async () => {
    await seedCatalog();
    teePrice = await priceIdByLookupKey(test.db, "payport_tee_usd");
  });
  beforeEach(() => signInAs(null));

  const newUser = (email: string) => test.db.user.create({ data: { email: `${Date.now().toString(36)}.${email}`, name: "Test Person" } });

  async function stripeCustomersFor(email: string) {
    return (await emu.stripe.customers.list({ email, limit: 100 })).data;
  }

  describe("ensureStripeCustomer", () => {
    it("ten concurrent calls create exactly one Stripe customer and store it once", async () => {
      const user = await newUser("concurrent@example.com");
      const ids = await Promise.all(Array.from({ length: 10 }, () => ensureStripeCustomer(user.id)));
      expect(new Set(ids).size).toBe(1);
      const customers = await stripeCustomersFor(user.email);
      expect(customers.map((c) => c.id)).toEqual([ids[0]]);
      expect(customers[0].metadata).toEqual({ user_id: user.id });
      expect((await test.db.user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId).toBe(ids[0]);
    });

    it("once stored, the customer is reused without calling Stripe", async () => {
      const user = await newUser("reuse@example.com");
      const first = await ensureStripeCustomer(user.id);
      await emu.control("/_emulator/faults", { path: "/v1/customers", method: "POST", count: 1, mode: "500" });
      expect(await ensureStripeCustomer(user.id)).toBe(first);
      expect(await stripeCustomersFor(user.email)).toHaveLength(1);
      // Consume the unused fault so it cannot leak into the next test.
      await emu.stripe.customers.create({ email: "fault-sink@example.com" }).catch(() => undefined);
    });

    it("when a different id was stored first, that one wins and nothing is overwritten", async () => {
      const user = await newUser("race@example.com");
      await test.db.user.update({ where: { id: user.id }, data: { stripeCustomerId: "cus_stored_first" } });
      expect(await ensureStripeCustomer(user.id)).toBe("cus_stored_first");
    });
  });

  describe("checkout while signed in", () => {
    it("the order gets the user and their Stripe customer, and so does its PaymentIntent", async () => {
      const user = await newUser("buyer@example.com");
      signInAs(user);
      const { status, json } = await postCheckout({ email: "receipts@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity: 2 }] });
      expect(status).toBe(201);
      const order = await test.db.order.findUniqueOrThrow({ where: { id: json.orderId } });
      const stored = await test.db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(stored.stripeCustomerId).toMatch(/^cus_/);
      expect(order).toMatchObject({ userId: user.id, stripeCustomerId: stored.stripeCustomerId });
      const pi = await emu.stripe.paymentIntents.retrieve(order.stripePaymentIntentId!);
      expect(pi.customer).toBe(stored.stripeCustomerId);

      // A second order reuses the same customer.
      const again = await postCheckout({ email: "receipts@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity: 1 }] });
      const second = await test.db.order.findUniqueOrThrow({ where: { id: again.json.orderId } });
      expect(second.stripeCustomerId).toBe(stored.stripeCustomerId);
      expect(await stripeCustomersFor(user.email)).toHaveLength(1);
    });

    it("guests check out exactly as before: no user, no customer on the order or the PaymentIntent", async () => {
      const { status, json } = await postCheckout({ email: "guest@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity: 1 }] });
      expect(status).toBe(201);
      const order = await test.db.order.findUniqueOrThrow({ where: { id: json.orderId } });
      expect(order).toMatchObject({ userId: null, stripeCustomerId: null });
      expect((await emu.stripe.paymentIntents.retrieve(order.stripePaymentIntentId!)).customer).toBeNull();
    });

    it("another account (or a visitor) re-posting an account's cartId gets 409, not the order or its client secret", async () => {
      const owner = await newUser("owner@example.com");
      const other = await newUser("other@example.com");
      const cartId = newCartId();
      const cart = { email: "owner@example.com", cartId, items: [{ priceId: teePrice, quantity: 1 }] };
      signInAs(owner);
      expect((await postCheckout(cart)).status).toBe(201);
      for (const viewer of [other, null]) {
        signInAs(viewer);
        const { status, json } = await postCheckout(cart);
        expect(status).toBe(409);
        expect(json.orderId).toBeUndefined();
        expect(json.clientSecret).toBeUndefined();
      }
      signInAs(owner);
      expect((await postCheckout(cart)).status).toBe(200);
    });
  });

  describe("order isolation", () => {
    async function orderOf(user: { id: string; email: string } | null) {
      signInAs(user);
      const { json } = await postCheckout({ email: "someone@example.com", cartId: newCartId(), items: [{ priceId: teePrice, quantity: 1 }] });
      signInAs(null);
      return json.orderId as string;
    }

    it("an account's order: 200 for its owner; 404 for another account and for a visitor, on both order routes", async () => {
      const alice = await newUser("alice@example.com");
      const bob = await newUser("bob@example.com");
      const orderId = await orderOf(alice);

      signInAs(alice);
      const own = await getOrder(new Request(`http://t/api/orders/${orderId}`), params(orderId));
      expect(own.status).toBe(200);
      expect(await own.json()).toMatchObject({ id: orderId, status: "pending" });

      for (const viewer of [bob, null]) {
        signInAs(viewer);
        for (const handler of [getOrder, getOrderEvents]) {
          const res = await handler(new Request(`http://t/api/orders/${orderId}`), params(orderId));
          expect(res.status).toBe(404);
          expect(await res.json()).toEqual({ error: { message: "Order not found." } });
        }
      }
      // Pages: the owner signed out is asked to sign in; another account sees 404.
      expect(await orderAccess(orderId, null)).toBe("sign-in");
      expect(await orderAccess(orderId, bob)).toBe("not-found");
      expect(await orderAccess(orderId, alice)).toBe("allowed");
    });

    it("a guest order's id stays its capability: anyone, signed in or not, can read it", async () => {
      const orderId = await orderOf(null);
      const bob = await newUser("bob2@example.com");
      for (const viewer of [null, bob]) {
        signInAs(viewer);
        const res = await getOrder(new Request(`http://t/api/orders/${orderId}`), params(orderId));
        expect(res.status).toBe(200);
      }
    });

    it("'Your orders' lists only the account's own orders, newest first", async () => {
      const carol = await newUser("carol@example.com");
      const dave = await newUser("dave@example.com");
      const first = await orderOf(carol);
      const second = await orderOf(carol);
      await orderOf(dave);
      await orderOf(null);
      const rows = await listCustomerOrders(carol.id);
      expect(rows.map((r) => r.id).sort()).toEqual([first, second].sort());
      expect(rows[0]).toMatchObject({ status: "pending", currency: "usd", summary: "Payport Tee" });
      expect((await listCustomerOrders(dave.id)).map((r) => r.id)).not.toContain(first);
    });
  });
});
