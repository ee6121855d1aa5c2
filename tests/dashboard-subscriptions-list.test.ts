// The admin subscriptions table's query: newest first, status filter, search
// by email / sub_ / cus_, keyset pages, and bad filters refused.
import { beforeAll, describe, expect, it } from "vitest";
import { listSubscriptions, parseSubscriptionFilters } from "@/lib/subscriptions/queries";
import { HttpError } from "@/lib/errors";
import { testDatabases, useTestDatabase } from "./helpers/db";

describe.each(testDatabases())("admin subscriptions list on %s", (kind) => {
  const test = useTestDatabase(kind);

  beforeAll(async () => {
    const product = await test.db.product.create({ data: { stripeProductId: `prod_team_${kind}`, name: "Team" } });
    await test.db.price.create({ data: { stripePriceId: "price_team", productId: product.id, currency: "usd", unitAmount: 1_500, type: "recurring", interval: "month" } });
    const ada = await test.db.user.create({ data: { email: "ada@example.com", stripeCustomerId: "cus_ada" } });
    for (let i = 0; i < 30; i++) {
      await test.db.subscription.create({
        data: {
          stripeSubscriptionId: `sub_${i}`,
          stripeCustomerId: i === 0 ? "cus_ada" : `cus_${i}`,
          userId: i === 0 ? ada.id : null,
          status: i % 3 === 0 ? "past_due" : "active",
          stripePriceId: "price_team",
          quantity: 2,
          createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)),
        },
      });
    }
  });

  it("pages newest first with the plan, price × seats and customer", async () => {
    const first = await listSubscriptions({});
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]).toMatchObject({ stripeSubscriptionId: "sub_29", plan: "Team", amount: 3_000, currency: "usd", interval: "month", quantity: 2 });
    const second = await listSubscriptions({}, first.nextCursor);
    expect(second.rows.map((r) => r.stripeSubscriptionId)).toEqual(["sub_4", "sub_3", "sub_2", "sub_1", "sub_0"]);
    expect(second.nextCursor).toBeNull();
    expect(second.rows.at(-1)).toMatchObject({ email: "ada@example.com", userId: expect.any(String) });
  });

  it("filters by status and searches by email, sub_ and cus_ ids", async () => {
    expect((await listSubscriptions({ status: "past_due" })).rows.every((r) => r.status === "past_due")).toBe(true);
    expect((await listSubscriptions({ status: "past_due" })).rows).toHaveLength(10);
    expect((await listSubscriptions({ q: "ADA@example" })).rows.map((r) => r.stripeSubscriptionId)).toEqual(["sub_0"]);
    expect((await listSubscriptions({ q: "sub_7" })).rows.map((r) => r.stripeSubscriptionId)).toEqual(["sub_7"]);
    expect((await listSubscriptions({ q: "cus_12" })).rows.map((r) => r.stripeSubscriptionId)).toEqual(["sub_12"]);
    expect((await listSubscriptions({ status: "canceled" })).rows).toEqual([]);
  });

  it("unknown statuses and broken cursors are the client's mistake", async () => {
    expect(() => parseSubscriptionFilters({ status: "alive" })).toThrow(HttpError);
    expect(parseSubscriptionFilters({ status: "", q: " sub_1 " })).toEqual({ q: "sub_1" });
    await expect(listSubscriptions({}, "not-a-cursor")).rejects.toThrow(HttpError);
  });
});
