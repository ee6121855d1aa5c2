// Admin search by email prefix takes `%` and `_` literally: on LIKE they are
// wildcards, and `q=%` used to list every payment and customer.
import { beforeAll, describe, expect, it } from "vitest";
import { listCustomers } from "@/lib/customers/queries";
import { listPayments } from "@/lib/payments/queries";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { uniqueId } from "./helpers/stripe-events";

describe.each(testDatabases())("admin search with %% and _ on %s", (kind) => {
  const test = useTestDatabase(kind);
  const tag = uniqueId("t").toLowerCase().replace(/[^a-z0-9]/g, "");
  const emails = [`${tag}%off@example.com`, `${tag}xoff@example.com`, `${tag}_one@example.com`, `${tag}zone@example.com`];

  beforeAll(async () => {
    for (const email of emails) {
      await test.db.user.create({ data: { email } });
      await test.db.order.create({ data: { email, currency: "usd", amount: 1000, stripePaymentIntentId: uniqueId("pi") } });
    }
  });

  it("a % or _ in the payments search matches only that character", async () => {
    expect((await listPayments({ q: `${tag}%` })).rows.map((r) => r.email)).toEqual([emails[0]]);
    expect((await listPayments({ q: `${tag}_` })).rows.map((r) => r.email)).toEqual([emails[2]]);
    expect((await listPayments({ q: "%" })).rows).toEqual([]);
    expect((await listPayments({ q: `${tag}x` })).rows.map((r) => r.email)).toEqual([emails[1]]);
  });

  it("a % or _ in the customers search matches only that character", async () => {
    expect((await listCustomers({ q: `${tag}%` })).rows.map((r) => r.email)).toEqual([emails[0]]);
    expect((await listCustomers({ q: `${tag}_` })).rows.map((r) => r.email)).toEqual([emails[2]]);
    expect((await listCustomers({ q: "_" })).rows).toEqual([]);
  });
});
