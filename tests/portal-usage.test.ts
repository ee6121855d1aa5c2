// The usage API: per-customer keys (shown once, stored as a SHA-256 hash,
// revocable), meter events de-duplicated by Idempotency-Key, 401 for a bad key,
// 409 without the metered add-on, and this period's usage on the portal.
import { createHash } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listKeysRoute, POST as createKeyRoute } from "@/app/api/billing/portal/usage-keys/route";
import { DELETE as revokeKeyRoute } from "@/app/api/billing/portal/usage-keys/[id]/route";
import { GET as usageRoute, POST as reportRoute } from "@/app/api/usage/route";
import { POST as addonRoute } from "@/app/api/billing/portal/subscriptions/[id]/addon/route";
import { seedCatalog } from "@/lib/catalog/seed";
import { listPlans, type Plan } from "@/lib/catalog/plans";
import { getPortalData } from "@/lib/customers/billing-overview";
import { findAccountUser } from "@/lib/auth/users";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useEmulator } from "./helpers/emulator";
import { useSignedInAs } from "./helpers/session";
import { call, subscribedUser } from "./portal-helpers";

function report(key: string | null, body?: unknown, idempotencyKey?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  return reportRoute(new Request("http://payport.test/api/usage", { method: "POST", headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) })).then(
    async (res) => ({ status: res.status, json: (await res.json()) as any }),
  );
}

describe.each(testDatabases())("usage API on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator();
  const signInAs = useSignedInAs();
  let plans: Plan[];
  const ctx = () => ({ db: test.db, emu, signInAs, plans });

  beforeAll(async () => {
    await seedCatalog();
    plans = await listPlans();
  });
  beforeEach(() => signInAs(null));

  async function usageQuantity(userId: string) {
    signInAs({ id: userId });
    const res = await usageRoute(new Request("http://payport.test/api/usage"), { params: Promise.resolve({}) });
    return ((await res.json()) as any).usage?.quantity ?? null;
  }

  it("a key is shown once and stored only as its SHA-256 hash; reports are counted once per Idempotency-Key", async () => {
    const a = await subscribedUser(ctx(), { meteredAddon: true });
    const created = await call(createKeyRoute, {}, {});
    expect(created.status).toBe(201);
    const key: string = created.json.key;
    expect(key).toMatch(/^pp_test_[A-Za-z0-9_-]{32}$/);
    const row = await test.db.usageApiKey.findUniqueOrThrow({ where: { id: created.json.id } });
    expect(row.keyHash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(key);
    const listed = await call(listKeysRoute, {}, { method: "GET" });
    expect(JSON.stringify(listed.json)).not.toContain(key);
    expect(listed.json.keys[0]).toMatchObject({ id: row.id, prefix: key.slice(0, 12), revokedAt: null });

    signInAs(null); // the usage API needs no session, only the key
    const first = await report(key, { value: 5 }, "batch-001");
    expect(first).toMatchObject({ status: 201, json: { value: 5, duplicate: false } });
    const retry = await report(key, { value: 5 }, "batch-001");
    expect(retry).toMatchObject({ status: 200, json: { duplicate: true, identifier: first.json.identifier } });
    const conflicting = await report(key, { value: 7 }, "batch-001");
    expect(conflicting.status).toBe(409);
    expect((await report(key, undefined)).status).toBe(201); // empty body: one unit, a generated identifier
    expect(await usageQuantity(a.user.id)).toBe(6);

    const portal = await getPortalData((await findAccountUser(a.user.id))!);
    expect(portal.usage).toMatchObject({ quantity: 6, unitAmount: 2, estimatedAmount: 12 });
    expect(portal.usageKeys).toHaveLength(1);
  });

  it("the same Idempotency-Key from two customers is two events (identifiers are scoped per account)", async () => {
    const a = await subscribedUser(ctx(), { meteredAddon: true });
    const keyA = (await call(createKeyRoute, {}, {})).json.key;
    const b = await subscribedUser(ctx(), { meteredAddon: true });
    const keyB = (await call(createKeyRoute, {}, {})).json.key;
    expect((await report(keyA, { value: 2 }, "shared-key")).status).toBe(201);
    expect((await report(keyB, { value: 3 }, "shared-key")).status).toBe(201);
    expect(await usageQuantity(a.user.id)).toBe(2);
    expect(await usageQuantity(b.user.id)).toBe(3);
  });

  it("no key, a malformed key, an unknown key and a revoked key are 401; nothing is recorded", async () => {
    const a = await subscribedUser(ctx(), { meteredAddon: true });
    const created = await call(createKeyRoute, {}, {});
    const key: string = created.json.key;
    expect((await report(null, { value: 1 })).status).toBe(401);
    expect((await report("sk_test_123", { value: 1 })).status).toBe(401);
    expect((await report(`pp_test_${"x".repeat(32)}`, { value: 1 })).status).toBe(401);
    expect((await report(key, "{broken")).status).toBe(400);
    expect((await report(key, { value: 0 })).json.error.field).toBe("value");
    expect((await report(key, { value: 1.5 })).status).toBe(400);

    signInAs(a.user);
    expect((await call(revokeKeyRoute, { id: created.json.id }, { method: "DELETE" })).status).toBe(200);
    expect((await call(revokeKeyRoute, { id: created.json.id }, { method: "DELETE" })).status).toBe(404);
    const revoked = await report(key, { value: 1 });
    expect(revoked.status).toBe(401);
    expect(await usageQuantity(a.user.id)).toBe(0);
  });

  it("the add-on can be added from the portal (once, owner only); usage is then recorded", async () => {
    const a = await subscribedUser(ctx());
    const key = (await call(createKeyRoute, {}, {})).json.key;
    expect((await report(key, { value: 1 })).status).toBe(409);
    signInAs(a.user);
    expect((await getPortalData((await findAccountUser(a.user.id))!)).addonOffer).toMatchObject({ name: "API requests", unitAmount: 2 });
    const b = await subscribedUser(ctx());
    expect((await call(addonRoute, { id: a.subscriptionId }, { body: { requestId: `add_${Date.now()}` } })).status).toBe(404);
    signInAs(a.user);
    const added = await call(addonRoute, { id: a.subscriptionId }, { body: { requestId: `add_${Date.now()}` } });
    expect(added.status).toBe(200);
    expect((await call(addonRoute, { id: a.subscriptionId }, { body: { requestId: `add2_${Date.now()}` } })).status).toBe(409);
    const sub = await emu.stripe.subscriptions.retrieve(a.subscriptionId);
    expect(sub.items.data.filter((i) => i.price.recurring?.usage_type === "metered")).toHaveLength(1);
    expect((await emu.stripe.invoices.list({ customer: a.customer })).data).toHaveLength(1); // nothing charged now
    expect((await report(key, { value: 4 })).status).toBe(201);
    expect(await usageQuantity(a.user.id)).toBe(4);
    expect((await getPortalData((await findAccountUser(a.user.id))!)).addonOffer).toBeNull();
    expect(b.customer).not.toBe(a.customer);
  });

  it("another account can't revoke my key; a subscription without the add-on gets 409", async () => {
    const a = await subscribedUser(ctx(), { meteredAddon: false });
    const key = await call(createKeyRoute, {}, {});
    const b = await subscribedUser(ctx());
    expect((await call(revokeKeyRoute, { id: key.json.id }, { method: "DELETE" })).status).toBe(404);
    expect((await test.db.usageApiKey.findUniqueOrThrow({ where: { id: key.json.id } })).revokedAt).toBeNull();
    const res = await report(key.json.key, { value: 1 });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/add-on/);
    expect(await usageQuantity(a.user.id)).toBeNull();
    expect(b.user.id).not.toBe(a.user.id);
  });
});
