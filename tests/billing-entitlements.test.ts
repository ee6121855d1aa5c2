// Access to paid features comes from one function, hasPaidAccess: every
// Stripe subscription status has a defined answer, and past_due keeps access
// only during the grace period.
import { describe, expect, it } from "vitest";
import { hasPaidAccess, getEntitlements, PAST_DUE_GRACE_DAYS } from "@/lib/subscriptions/entitlements";
import { SUBSCRIPTION_STATUSES } from "@/lib/subscriptions/status";
import { testDatabases, useTestDatabase } from "./helpers/db";

const DAY = 86_400_000;

describe("hasPaidAccess", () => {
  it("grants access for active and trialing, and refuses incomplete, incomplete_expired, unpaid, canceled and paused", () => {
    const access = Object.fromEntries(SUBSCRIPTION_STATUSES.map((s) => [s, hasPaidAccess(s)]));
    expect(access).toEqual({
      incomplete: false,
      incomplete_expired: false,
      trialing: true,
      active: true,
      past_due: true,
      unpaid: false,
      canceled: false,
      paused: false,
    });
    expect(hasPaidAccess(null)).toBe(false);
    expect(hasPaidAccess("something_new")).toBe(false);
  });

  it("past_due keeps access only for the grace period after the unpaid period started", () => {
    const now = new Date("2026-06-30T00:00:00Z");
    expect(hasPaidAccess("past_due", new Date(now.getTime() - 3 * DAY), now)).toBe(true);
    expect(hasPaidAccess("past_due", new Date(now.getTime() - (PAST_DUE_GRACE_DAYS - 1) * DAY), now)).toBe(true);
    expect(hasPaidAccess("past_due", new Date(now.getTime() - PAST_DUE_GRACE_DAYS * DAY), now)).toBe(false);
  });
});

describe.each(testDatabases())("getEntitlements on %s", (kind) => {
  const test = useTestDatabase(kind);

  async function userWith(subs: { status: string; periodStart?: Date; items?: unknown[]; createdAt?: Date }[]) {
    const user = await test.db.user.create({ data: { email: `ent.${Math.random().toString(36).slice(2)}@example.com`, stripeCustomerId: `cus_${Math.random().toString(36).slice(2)}` } });
    for (const [i, s] of subs.entries()) {
      await test.db.subscription.create({
        data: {
          stripeSubscriptionId: `sub_${Math.random().toString(36).slice(2)}`,
          userId: user.id,
          stripeCustomerId: user.stripeCustomerId!,
          status: s.status,
          quantity: 4,
          items: JSON.stringify(s.items ?? []),
          currentPeriodStart: s.periodStart ?? new Date(),
          createdAt: s.createdAt ?? new Date(Date.now() + i),
        },
      });
    }
    return user;
  }

  it("no subscription: no access", async () => {
    const user = await userWith([]);
    expect(await getEntitlements(user.id)).toMatchObject({ hasPaidAccess: false, status: null, seats: 0, subscription: null });
  });

  it("an ended subscription is not current; an active one gives its seats and add-on", async () => {
    const user = await userWith([
      { status: "canceled" },
      { status: "active", items: [{ id: "si_1", price: "price_x", quantity: 4, usageType: "licensed" }, { id: "si_2", price: "price_m", quantity: null, usageType: "metered" }] },
    ]);
    expect(await getEntitlements(user.id)).toMatchObject({ hasPaidAccess: true, status: "active", seats: 4, meteredAddon: true, inGracePeriod: false });
  });

  it("an abandoned incomplete attempt does not hide the subscription that is under way", async () => {
    const user = await userWith([{ status: "trialing" }, { status: "incomplete", createdAt: new Date(Date.now() + 60_000) }]);
    expect(await getEntitlements(user.id)).toMatchObject({ hasPaidAccess: true, status: "trialing" });
  });

  it("past_due: access with the grace flag, then none once the grace period is over", async () => {
    const recent = await userWith([{ status: "past_due", periodStart: new Date(Date.now() - 2 * DAY) }]);
    expect(await getEntitlements(recent.id)).toMatchObject({ hasPaidAccess: true, inGracePeriod: true });
    const old = await userWith([{ status: "past_due", periodStart: new Date(Date.now() - 40 * DAY) }]);
    expect(await getEntitlements(old.id)).toMatchObject({ hasPaidAccess: false, inGracePeriod: false, status: "past_due" });
  });
});
