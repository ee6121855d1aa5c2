// GET /api/admin/disputes pages like the other admin lists: keyset on
// (createdAt, id), newest first, an opaque cursor, and a bad cursor is a 400.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/admin/disputes/route";
import { DISPUTES_PAGE_SIZE } from "@/lib/disputes/queries";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useSignedInAs } from "./helpers/session";
import { uniqueId } from "./helpers/stripe-events";

type Page = { disputes: { id: string; status: string; createdAt: string }[]; nextCursor: string | null };

describe.each(testDatabases())("disputes list pagination on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();
  const list = async (query: string) => listRoute(new Request(`http://payport.test/api/admin/disputes${query}`));

  beforeAll(async () => {
    signInAs(await test.db.user.create({ data: { email: `disputes-pages-${kind}@example.com`, role: "admin" } }));
    // Three rows per timestamp, so pages break inside a run of equal createdAt values.
    const base = Date.UTC(2026, 10, 1);
    await test.db.dispute.createMany({
      data: Array.from({ length: DISPUTES_PAGE_SIZE + 10 }, (_, i) => ({
        stripeDisputeId: uniqueId("du"),
        stripeChargeId: uniqueId("ch"),
        amount: 1000 + i,
        currency: "usd",
        reason: "fraudulent",
        status: i % 2 === 0 ? "needs_response" : "won",
        createdAt: new Date(base + Math.floor(i / 3) * 60_000),
      })),
    });
  });

  it("walks every dispute once, newest first, across pages that split equal timestamps", async () => {
    const seen: Page["disputes"] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(cursor ? `?cursor=${encodeURIComponent(cursor)}` : "");
      expect(res.status).toBe(200);
      const page: Page = await res.json();
      expect(page.disputes.length).toBeLessThanOrEqual(DISPUTES_PAGE_SIZE);
      seen.push(...page.disputes);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    const all = await test.db.dispute.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen.map((d) => d.id)).toEqual(all.map((d) => d.id));
  });

  it("the status filter applies on every page", async () => {
    const first: Page = await (await list("?status=open")).json();
    const open = await test.db.dispute.count({ where: { status: "needs_response" } });
    expect(first.disputes.every((d) => d.status === "needs_response")).toBe(true);
    expect(first.disputes).toHaveLength(Math.min(open, DISPUTES_PAGE_SIZE));
  });

  it("a bad cursor (garbage, or an old-style dispute id) is a 400 naming the cursor", async () => {
    const someId = (await test.db.dispute.findFirstOrThrow()).id;
    for (const cursor of ["garbage", someId]) {
      const res = await list(`?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.field).toBe("cursor");
    }
  });
});
