// Customer detail page: the account's activity from every source in one
// timeline, newest first, keyset-paged — sign-ins (recorded by the password
// sign-in itself), portal and admin actions from the audit log, orders,
// refunds and support notes; never another customer's.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as activityRoute } from "@/app/api/stripe-app/activity/route";
import { recordAudit } from "@/lib/audit/actions";
import { recordPortalAction } from "@/lib/audit/portal";
import { authorizePassword } from "@/lib/auth/sign-in-throttle";
import { signUp, type AccountUser } from "@/lib/auth/users";
import { encodeCursor } from "@/lib/http/pagination";
import type { ActivityEntry } from "@/stripe-app/src/contract";
import { testDatabases, useTestDatabase } from "../helpers/db";
import { uniqueId } from "../helpers/stripe-events";
import { appRequest, createOrder, signedAppRequest, stripeSignedPayload, useStripeAppEnv } from "./helpers";

beforeAll(() => useStripeAppEnv());

const PASSWORD = "correct horse battery staple";

describe.each(testDatabases())("Stripe App account activity on %s", (kind) => {
  const test = useTestDatabase(kind);

  const page = async (customerId: string, extra: Record<string, unknown> = {}) => {
    const res = await activityRoute(signedAppRequest("activity", { customer_id: customerId, ...extra }));
    expect(res.status).toBe(200);
    return (await res.json()) as { customerId: string; entries: ActivityEntry[]; nextCursor: string | null };
  };

  /** A customer with an account, one entry of every source, and a neighbour whose activity must never show. */
  async function seedCustomer() {
    const customer = uniqueId("cus");
    const email = `${customer}@example.com`;
    const signedUp = await signUp({ email, password: PASSWORD });
    await test.db.user.update({ where: { id: signedUp.id }, data: { stripeCustomerId: customer } });
    const user: AccountUser = { ...signedUp, stripeCustomerId: customer };

    await authorizePassword(email, "not the password", new Headers({ "x-forwarded-for": "203.0.113.9" }));
    await authorizePassword(email, PASSWORD, new Headers());
    const order = await createOrder(test.db, { customerId: customer });
    await test.db.refund.create({ data: { orderId: order.id, amount: 1400, currency: "usd", status: "succeeded", reason: "requested_by_customer" } });
    await recordAudit({ actor: { id: "admin_1", email: "admin@payport.test" }, action: "refund.create", targetType: "order", targetId: order.id, details: { amount: 1400, outcome: "succeeded" } });
    await recordPortalAction(user, customer, "portal.card_add", { paymentMethodId: "pm_1", card: "visa •••• 4242", isDefault: true });
    await recordPortalAction(user, customer, "portal.plan_change", { to: { plan: "Team", quantity: 3 } });
    await recordPortalAction(user, customer, "portal.subscription_cancel", { mode: "period_end" });
    await test.db.supportNote.create({ data: { stripeCustomerId: customer, body: "Prefers email", author: "usr_support", source: "stripe_app" } });
    // A note an admin adds is audited too; the timeline shows the note once.
    await test.db.supportNote.create({ data: { orderId: order.id, stripeCustomerId: customer, body: "Left at the door", author: "admin@payport.test", source: "admin" } });
    await recordAudit({ actor: { id: "admin_1", email: "admin@payport.test" }, action: "support_note.add", targetType: "order", targetId: order.id, details: { body: "Left at the door" } });

    // The neighbour: same kinds of rows, another customer.
    const other = uniqueId("cus");
    await signUp({ email: `${other}@example.com`, password: PASSWORD });
    await authorizePassword(`${other}@example.com`, PASSWORD, new Headers());
    const otherOrder = await createOrder(test.db, { customerId: other });
    await recordAudit({ actor: { id: "admin_1", email: "admin@payport.test" }, action: "refund.create", targetType: "order", targetId: otherOrder.id, details: {} });
    await test.db.supportNote.create({ data: { stripeCustomerId: other, body: "Someone else", author: "usr_support", source: "stripe_app" } });
    return { customer, email, order };
  }

  it("merges every source, newest first, and only the customer's", async () => {
    const { customer, email } = await seedCustomer();
    const { entries, nextCursor } = await page(customer);
    expect(nextCursor).toBeNull();
    const summary = entries.map((e) => [e.kind, e.title]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ["sign_in_failed", "Sign-in failed"],
        ["sign_in", "Signed in"],
        ["order", "Order placed"],
        ["refund", "Refund"],
        ["admin", "Refund issued"],
        ["portal", "Card added"],
        ["portal", "Plan changed"],
        ["portal", "Subscription cancelled"],
        ["note", "Support note"],
      ]),
    );
    expect(entries).toHaveLength(10); // the nine above and the second note; the audited admin note is not doubled
    expect(entries.find((e) => e.kind === "sign_in_failed")).toMatchObject({ actor: email, detail: "email and password" }); // no trusted proxy: no client address to show
    expect(entries.find((e) => e.title === "Card added")).toMatchObject({ actor: email, detail: "visa •••• 4242" });
    expect(entries.find((e) => e.title === "Plan changed")?.detail).toBe("to Team × 3 seats");
    expect(entries.find((e) => e.title === "Subscription cancelled")?.detail).toBe("at the end of the period");
    expect(entries.find((e) => e.kind === "refund")).toMatchObject({ amount: { value: 1400, currency: "usd" }, detail: "succeeded · requested_by_customer" });
    expect(entries.map((e) => e.detail)).not.toContain("Someone else");
    // Newest first.
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("pages with the keyset cursor: every entry once, in order, also across equal times", async () => {
    const { customer, order } = await seedCustomer();
    // Ten notes at the very same instant: only the id orders them.
    const sameInstant = new Date("2026-01-01T00:00:00.000Z");
    for (let i = 0; i < 10; i++) await test.db.supportNote.create({ data: { orderId: order.id, stripeCustomerId: customer, body: `tie ${i}`, author: "usr_support", source: "stripe_app", createdAt: sameInstant } });
    const all = (await page(customer, { limit: 100 })).entries;
    expect(all).toHaveLength(20);

    const seen: ActivityEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next = await page(customer, { limit: 3, ...(cursor && { cursor }) });
      expect(next.entries.length).toBeLessThanOrEqual(3);
      seen.push(...next.entries);
      cursor = next.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it("a customer with no activity has an empty first page", async () => {
    expect(await page("cus_nobody")).toEqual({ customerId: "cus_nobody", entries: [], nextCursor: null });
  });

  it.each([
    [{ cursor: "bm90IGEgY3Vyc29y" }, "cursor", /page cursor is not valid; start from the first page/],
    [{ cursor: 7 }, "cursor", /nextCursor of the previous page/],
    [{ limit: 0 }, "limit", /1 to 100/],
    [{ limit: 101 }, "limit", /1 to 100/],
    [{ customer_id: "ada" }, "customer_id", /Stripe customer id such as cus_/],
    [{ before: "2026-01-01" }, undefined, /before/],
  ])("%j → 400 with what to send", async (extra, field, message) => {
    const res = await activityRoute(signedAppRequest("activity", { customer_id: "cus_x", ...extra }));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(message);
    if (field) expect(error.field).toBe(field);
  });

  it("a cursor from another list is just a position: it pages from there", async () => {
    const { customer } = await seedCustomer();
    const future = await page(customer, { cursor: encodeCursor(new Date("2999-01-01T00:00:00Z"), "zzz") });
    expect(future.entries.length).toBe(10);
    const past = await page(customer, { cursor: encodeCursor(new Date("2000-01-01T00:00:00Z"), "a") });
    expect(past).toMatchObject({ entries: [], nextCursor: null });
  });

  it("unsigned → 401, another account → 403", async () => {
    const { customer } = await seedCustomer();
    expect((await activityRoute(appRequest("activity", stripeSignedPayload({ customer_id: customer }), null))).status).toBe(401);
    const other = await activityRoute(signedAppRequest("activity", { customer_id: customer }, { accountId: "acct_someone_else" }));
    expect(other.status).toBe(403);
  });
});
