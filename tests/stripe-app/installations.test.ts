// account.application.authorized / deauthorized arrive through the normal
// webhook route (signed, ledgered) and keep one AppInstallation row per
// account and mode (live / test), whatever the delivery order.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { testDatabases, useTestDatabase } from "../helpers/db";
import { buildEvent, nowSeconds, settleStripeEvents, signedWebhookRequest, uniqueId } from "../helpers/stripe-events";
import { useStripeAppEnv, ACCOUNT_ID } from "./helpers";

beforeAll(() => useStripeAppEnv());

const application = { id: "ca_payport_app", object: "application", name: "Payport" };

function appEvent(kind: "authorized" | "deauthorized", account: string | undefined, created: number, livemode = false) {
  const event = { ...buildEvent(`account.application.${kind}`, application, created), livemode };
  return account ? { ...event, account } : event;
}

describe.each(testDatabases())("account.application.* webhooks on %s", (kind) => {
  const test = useTestDatabase(kind);
  const deliver = async (event: ReturnType<typeof appEvent>) => {
    const res = await webhookRoute(signedWebhookRequest(event));
    expect(res.status).toBe(200);
    await settleStripeEvents();
    return res.json();
  };
  const row = (accountId: string, livemode = false) => test.db.appInstallation.findUniqueOrThrow({ where: { accountId_livemode: { accountId, livemode } } });

  it("authorized records the installation and the event is processed in the ledger", async () => {
    const account = uniqueId("acct");
    const event = appEvent("authorized", account, nowSeconds());
    expect(await deliver(event)).toEqual({ received: true });
    expect(await row(account)).toMatchObject({ accountId: account, livemode: false, applicationId: "ca_payport_app", status: "authorized", authorizedAt: new Date(event.created * 1000), deauthorizedAt: null });
    expect(await test.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ type: "account.application.authorized", status: "processed" });
  });

  it("deauthorized after authorized marks it deauthorized; a late (older) authorized does not revive it", async () => {
    const account = uniqueId("acct");
    const t = nowSeconds();
    await deliver(appEvent("authorized", account, t - 100));
    await deliver(appEvent("deauthorized", account, t - 50));
    expect(await row(account)).toMatchObject({ status: "deauthorized", deauthorizedAt: new Date((t - 50) * 1000) });
    await deliver(appEvent("authorized", account, t - 80)); // delayed retry of an earlier install
    expect(await row(account)).toMatchObject({ status: "deauthorized", authorizedAt: new Date((t - 80) * 1000) });
    await deliver(appEvent("authorized", account, t)); // reinstalled
    expect(await row(account)).toMatchObject({ status: "authorized" });
    expect(await test.db.appInstallation.count({ where: { accountId: account } })).toBe(1);
  });

  it("a deauthorized that arrives before its authorized leaves the app deauthorized", async () => {
    const account = uniqueId("acct");
    const t = nowSeconds();
    await deliver(appEvent("deauthorized", account, t));
    await deliver(appEvent("authorized", account, t - 60));
    expect(await row(account)).toMatchObject({ status: "deauthorized" });
  });

  it("an event without `account` (the app installed on our own account) is recorded for STRIPE_ACCOUNT_ID", async () => {
    await deliver(appEvent("authorized", undefined, nowSeconds()));
    expect(await row(ACCOUNT_ID)).toMatchObject({ status: "authorized" });
  });

  it("installs are kept per mode: deauthorizing in test mode leaves the live install authorized", async () => {
    const account = uniqueId("acct");
    const t = nowSeconds();
    const live = appEvent("authorized", account, t - 30, true);
    await deliver(live);
    await deliver(appEvent("authorized", account, t - 20, false));
    await deliver(appEvent("deauthorized", account, t - 10, false));
    expect(await row(account, true)).toMatchObject({ livemode: true, status: "authorized", authorizedAt: new Date(live.created * 1000), deauthorizedAt: null });
    expect(await row(account, false)).toMatchObject({ livemode: false, status: "deauthorized" });
    expect(await test.db.appInstallation.count({ where: { accountId: account } })).toBe(2);
    // Both are processed whatever this Payport's own mode (test here): they are about the app, not our data.
    expect(await test.db.stripeEvent.findUniqueOrThrow({ where: { id: live.id } })).toMatchObject({ status: "processed" });
  });

  it("a duplicate delivery is acknowledged and changes nothing", async () => {
    const account = uniqueId("acct");
    const event = appEvent("authorized", account, nowSeconds());
    await deliver(event);
    const before = await row(account);
    expect(await deliver(event)).toEqual({ received: true, duplicate: true });
    expect(await row(account)).toEqual(before);
  });
});
