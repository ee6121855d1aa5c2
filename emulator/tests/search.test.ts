// Search endpoints through the SDK: the query language subset, pagination by next_page,
// and Stripe's 400s for bad queries and unsupported fields.
import { describe, expect, it } from "vitest";
import { RETURN_URL, useTestEmulator } from "./helpers.ts";

const t = useTestEmulator();

describe("search", () => {
  it("finds customers by exact email (case-insensitive), substring name and metadata", async () => {
    const ada = await t.stripe.customers.create({ email: "Ada@example.com", name: "Ada Lovelace", metadata: { tier: "gold" } });
    await t.stripe.customers.create({ email: "grace@example.com", name: "Grace Hopper", metadata: { tier: "silver" } });
    const byEmail = await t.stripe.customers.search({ query: "email:'ada@example.com'" });
    expect(byEmail.object).toBe("search_result");
    expect(byEmail.data.map((c) => c.id)).toEqual([ada.id]);
    const byName = await t.stripe.customers.search({ query: "name~'love'" });
    expect(byName.data.map((c) => c.id)).toEqual([ada.id]);
    const byMeta = await t.stripe.customers.search({ query: "metadata['tier']:'gold'" });
    expect(byMeta.data.map((c) => c.id)).toEqual([ada.id]);
    const either = await t.stripe.customers.search({ query: "name~'Ada' OR name~'Grace'" });
    expect(either.data).toHaveLength(2);
    const negated = await t.stripe.customers.search({ query: "-metadata['tier']:'gold' AND email~'example'" });
    expect(negated.data.map((c) => c.email)).toEqual(["grace@example.com"]);
  });

  it("finds payment intents by status and amount and pages with next_page", async () => {
    for (const amount of [1000, 2000, 3000]) {
      await t.stripe.paymentIntents.create({ amount, currency: "usd", confirm: true, payment_method: "pm_card_visa", return_url: RETURN_URL, metadata: { order_id: `o_${amount}` } });
    }
    const big = await t.stripe.paymentIntents.search({ query: "status:'succeeded' AND amount>1500" });
    expect(big.data.map((pi) => pi.amount)).toEqual([3000, 2000]);
    const first = await t.stripe.paymentIntents.search({ query: "currency:'usd'", limit: 2 });
    expect(first.has_more).toBe(true);
    expect(first.next_page).toBeTruthy();
    const second = await t.stripe.paymentIntents.search({ query: "currency:'usd'", limit: 2, page: first.next_page! });
    expect(second.data.map((pi) => pi.amount)).toEqual([1000]);
    expect(second.has_more).toBe(false);
    const all: number[] = [];
    for await (const pi of t.stripe.paymentIntents.search({ query: "currency:'usd'", limit: 1 })) all.push(pi.amount);
    expect(all).toEqual([3000, 2000, 1000]);
    const byOrder = await t.stripe.paymentIntents.search({ query: "metadata['order_id']:'o_2000'" });
    expect(byOrder.data.map((pi) => pi.amount)).toEqual([2000]);
  });

  it("rejects malformed queries and unsupported fields with 400", async () => {
    await expect(t.stripe.customers.search({ query: "email:unquoted" })).rejects.toMatchObject({ statusCode: 400, param: "query" });
    await expect(t.stripe.customers.search({ query: "shoe_size:'9'" })).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining("unsupported search field") });
    await expect(t.stripe.customers.search({ query: "name~'ab'" })).rejects.toMatchObject({ statusCode: 400 });
    await expect(t.stripe.customers.search({ query: "name:'a' AND email:'b' OR phone:'c'" })).rejects.toMatchObject({ statusCode: 400 });
    await expect(t.stripe.customers.search({} as never)).rejects.toMatchObject({ statusCode: 400, code: "parameter_missing" });
  });
});
