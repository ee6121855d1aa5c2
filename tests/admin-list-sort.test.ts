// Sortable admin lists: `sort` is validated (a column the list offers, "-" for
// descending), and keyset pages stay exact in any sort: every row once, in
// order, across pages that split equal values; a cursor from another sort is a 400.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as disputesRoute } from "@/app/api/admin/disputes/route";
import { listCustomers } from "@/lib/customers/queries";
import { parsePaymentFilters } from "@/lib/payments/queries";
import { listDisputes } from "@/lib/disputes/queries";
import { keyset } from "@/lib/http/pagination";
import { formatSort, nextSort, sortParam } from "@/lib/http/sort";
import { HttpError } from "@/lib/errors";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useSignedInAs } from "./helpers/session";
import { uniqueId } from "./helpers/stripe-events";

describe("the sort parameter", () => {
  const schema = sortParam(["createdAt", "amount"]);

  it("reads a column, descending with a leading minus", () => {
    expect(schema.parse("amount")).toEqual({ column: "amount", direction: "asc" });
    expect(schema.parse("-createdAt")).toEqual({ column: "createdAt", direction: "desc" });
    expect(formatSort({ column: "amount", direction: "desc" })).toBe("-amount");
  });

  it("refuses a column the list does not offer, naming the ones it does", () => {
    const result = schema.safeParse("-email");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("sort must be one of createdAt, -createdAt, amount, -amount.");
    expect(schema.safeParse("amount;drop").success).toBe(false);
  });

  it("a list's bad sort is a 400 on its field", () => {
    expect(() => parsePaymentFilters({ sort: "email" })).toThrow(HttpError);
    try {
      parsePaymentFilters({ sort: "email" });
    } catch (error) {
      expect((error as HttpError).status).toBe(400);
      expect((error as HttpError).field).toBe("sort");
    }
  });

  it("a header click flips the current column and starts another at its first direction", () => {
    expect(nextSort({ column: "amount", direction: "desc" }, "amount")).toEqual({ column: "amount", direction: "asc" });
    expect(nextSort({ column: "amount", direction: "asc" }, "amount")).toEqual({ column: "amount", direction: "desc" });
    expect(nextSort({ column: "amount", direction: "asc" }, "email", "asc")).toEqual({ column: "email", direction: "asc" });
  });

  it("a cursor belongs to its sort: another sort's cursor, or a forged one, is a 400", () => {
    const byAmount = keyset(null, 1, { column: "amount", direction: "desc" }).page([
      { id: "a", amount: 5 },
      { id: "b", amount: 4 },
    ]).nextCursor!;
    expect(() => keyset(byAmount, 1, { column: "amount", direction: "asc" })).toThrow(/another sort order/);
    expect(() => keyset(byAmount, 1, "createdAt")).toThrow(/another sort order/);
    const forged = Buffer.from(JSON.stringify({ sort: "-amount", id: "x';--", n: 1 })).toString("base64url");
    expect(() => keyset(forged, 1, { column: "amount", direction: "desc" })).toThrow(/not valid/);
    const huge = Buffer.from(JSON.stringify({ sort: "-amount", id: "x", n: 2 ** 40 })).toString("base64url");
    expect(() => keyset(huge, 1, { column: "amount", direction: "desc" })).toThrow(/not valid/);
    const broken = Buffer.from(JSON.stringify({ sort: "email", id: "x", s: "a\u0000b" })).toString("base64url");
    expect(() => keyset(broken, 1, { column: "email", direction: "asc" })).toThrow(/not valid/);
  });
});

describe.each(testDatabases())("sorted keyset pages on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();
  const tag = uniqueId("sort");

  beforeAll(async () => {
    signInAs(await test.db.user.create({ data: { email: `sort-admin-${kind}-${tag}@example.com`, role: "admin" } }));
    // Amounts repeat (three rows each), so pages split runs of equal values.
    await test.db.dispute.createMany({
      data: Array.from({ length: 23 }, (_, i) => ({
        stripeDisputeId: uniqueId("du"),
        stripeChargeId: uniqueId("ch"),
        amount: 7000 + Math.floor(i / 3),
        currency: "usd",
        reason: "fraudulent",
        status: "warning_under_review",
        createdAt: new Date(Date.UTC(2026, 9, 1) + i * 1000),
      })),
    });
    await test.db.user.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ email: `${tag}-${String.fromCharCode(103 - i)}@example.com` })) });
  });

  for (const direction of ["asc", "desc"] as const) {
    it(`walks disputes by amount ${direction} once each, in order`, async () => {
      const seen: { id: string; amount: number }[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listDisputes>> = await listDisputes({ status: "warning_under_review", sort: { column: "amount", direction } }, cursor, 4);
        seen.push(...page.disputes);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(new Set(seen.map((d) => d.id)).size).toBe(23);
      const amounts = seen.map((d) => d.amount);
      expect(amounts).toEqual([...amounts].sort((a, b) => (direction === "asc" ? a - b : b - a)));
    });
  }

  it("walks customers by email, A to Z", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listCustomers>> = await listCustomers({ q: tag, sort: { column: "email", direction: "asc" } }, cursor, 3);
      seen.push(...page.rows.map((r) => r.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toHaveLength(7);
  });

  it("the disputes API takes ?sort and refuses an unknown one with 400", async () => {
    const ok = await disputesRoute(new Request("http://payport.test/api/admin/disputes?status=warning_under_review&sort=-amount"));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { disputes: { amount: number }[] };
    expect(body.disputes[0]?.amount).toBe(7007);
    const bad = await disputesRoute(new Request("http://payport.test/api/admin/disputes?sort=reason"));
    expect(bad.status).toBe(400);
  });
});
