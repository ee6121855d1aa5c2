// Every /api/stripe-app request is verified before anything else: requests
// signed the way Stripe signs them pass; missing, garbage, stale, tampered and
// wrong-secret signatures are 401 with the database never touched; a signed
// request for another account is 403; the rotation window accepts both secrets.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as customerRoute } from "@/app/api/stripe-app/customer/route";
import { POST as notesRoute } from "@/app/api/stripe-app/support-notes/route";
import { POST as shipRoute } from "@/app/api/stripe-app/mark-shipped/route";
import { setDb } from "@/lib/db";
import { testDatabases, useTestDatabase } from "../helpers/db";
import { nowSeconds, signatureFor } from "../helpers/stripe-events";
import { appRequest, createOrder, signedAppRequest, snapshot, stripeSignedPayload, untouchableDb, useStripeAppEnv, ACCOUNT_ID, SECRET, USER_ID } from "./helpers";

const OLD_SECRET = "absec_old_rotating_out";
const NEW_SECRET = "absec_new_rotating_in";

beforeAll(() => useStripeAppEnv());

describe.each(testDatabases())("Stripe App request signatures on %s", (kind) => {
  const test = useTestDatabase(kind);
  afterEach(() => {
    setDb(test.db);
    useStripeAppEnv();
  });

  it("a request signed like Stripe signs it (SDK test header over {...extra, user_id, account_id}) is answered", async () => {
    const order = await createOrder(test.db, { customerId: "cus_sig_ok" });
    const res = await customerRoute(signedAppRequest("customer", { customer_id: "cus_sig_ok" }));
    expect(res.status).toBe(200);
    expect((await res.json()).orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
  });

  it("the body may be formatted and ordered differently from what was signed, as long as the extra keys keep their order", async () => {
    await createOrder(test.db, { customerId: "cus_sig_fmt" });
    const signature = signatureFor(stripeSignedPayload({ customer_id: "cus_sig_fmt" }), { secret: SECRET });
    const body = JSON.stringify({ account_id: ACCOUNT_ID, user_id: USER_ID, customer_id: "cus_sig_fmt" }, null, 2);
    expect((await customerRoute(appRequest("customer", body, signature))).status).toBe(200);
  });

  it("a signature 4 minutes old is still inside the 300 s tolerance", async () => {
    const res = await customerRoute(signedAppRequest("customer", { customer_id: "cus_sig_240" }, { timestamp: nowSeconds() - 240 }));
    expect(res.status).toBe(200);
  });

  describe("refused with 401 before the database is touched", () => {
    const extra = { order_id: "ord_any", body: "Customer called about the parcel." };
    const payload = stripeSignedPayload(extra);

    it.each([
      ["missing", () => appRequest("support-notes", payload, null)],
      ["garbage", () => appRequest("support-notes", payload, "not-a-signature")],
      ["signed with another secret", () => appRequest("support-notes", payload, signatureFor(payload, { secret: "absec_someone_else" }))],
      ["stale (10 minutes old)", () => appRequest("support-notes", payload, signatureFor(payload, { secret: SECRET, timestamp: nowSeconds() - 600 }))],
      ["just past the tolerance (301 s)", () => appRequest("support-notes", payload, signatureFor(payload, { secret: SECRET, timestamp: nowSeconds() - 301 }))],
      ["valid but for a tampered body", () => appRequest("support-notes", payload.replace("about the parcel", "REFUND EVERYTHING"), signatureFor(payload, { secret: SECRET }))],
      ["valid but for another user", () => appRequest("support-notes", payload.replace(USER_ID, "usr_intruder"), signatureFor(payload, { secret: SECRET }))],
      ["valid but with extra keys reordered", () => appRequest("support-notes", stripeSignedPayload({ body: extra.body, order_id: extra.order_id }), signatureFor(payload, { secret: SECRET }))],
      ["valid but with a key added", () => appRequest("support-notes", stripeSignedPayload({ ...extra, customer_id: "cus_x" }), signatureFor(payload, { secret: SECRET }))],
      ["over user_id and account_id only (the extra payload unsigned)", () => appRequest("support-notes", payload, signatureFor(stripeSignedPayload({}), { secret: SECRET }))],
    ])("%s signature → 401, nothing read or written", async (_name, makeRequest) => {
      const guard = untouchableDb();
      setDb(guard.db);
      const res = await notesRoute(makeRequest());
      setDb(test.db);
      expect(res.status).toBe(401);
      expect((await res.json()).error.message).toMatch(/Stripe-Signature/);
      expect(guard.touched).toEqual([]);
      expect(await test.db.supportNote.count()).toBe(0);
    });
  });

  it("a correctly signed request from another Stripe account → 403, nothing read or written", async () => {
    const order = await createOrder(test.db, { customerId: "cus_sig_403" });
    const guard = untouchableDb();
    setDb(guard.db);
    const res = await shipRoute(signedAppRequest("mark-shipped", { order_id: order.id, tracking_number: "1Z999" }, { accountId: "acct_somebody_else" }));
    setDb(test.db);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/acct_somebody_else is not the account/);
    expect(guard.touched).toEqual([]);
    expect(await test.db.fulfilment.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("a body without user_id/account_id → 400 naming the field", async () => {
    const body = JSON.stringify({ customer_id: "cus_x", account_id: ACCOUNT_ID });
    const res = await customerRoute(appRequest("customer", body, signatureFor(body, { secret: SECRET })));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: expect.stringMatching(/user_id is required/), field: "user_id" } });
  });

  it("an oversized body → 413 before any signature work", async () => {
    const res = await notesRoute(appRequest("support-notes", stripeSignedPayload({ order_id: "o", body: "x".repeat(40_000) }), "t=1,v1=abc"));
    expect(res.status).toBe(413);
  });

  it("a body that is not JSON → 400", async () => {
    const res = await customerRoute(appRequest("customer", "customer_id=cus_x", "t=1,v1=abc"));
    expect(res.status).toBe(400);
  });

  describe("secret rotation", () => {
    const read = (secret: string) => customerRoute(signedAppRequest("customer", { customer_id: "cus_rotation" }, { secret }));

    it("while STRIPE_APP_SECRET_PREVIOUS is set, both secrets are accepted; once it is removed, only the new one", async () => {
      useStripeAppEnv({ STRIPE_APP_SECRET: NEW_SECRET, STRIPE_APP_SECRET_PREVIOUS: OLD_SECRET });
      expect((await read(NEW_SECRET)).status).toBe(200);
      expect((await read(OLD_SECRET)).status).toBe(200);
      expect((await read(SECRET)).status).toBe(401);

      useStripeAppEnv({ STRIPE_APP_SECRET: NEW_SECRET });
      expect((await read(NEW_SECRET)).status).toBe(200);
      expect((await read(OLD_SECRET)).status).toBe(401);
    });

    it("a header carrying one v1 per secret (how Stripe signs during a roll) passes with either secret configured", async () => {
      const payload = stripeSignedPayload({ customer_id: "cus_rotation" });
      const t = nowSeconds();
      const v1 = (secret: string) => signatureFor(payload, { secret, timestamp: t }).split(",").find((p) => p.startsWith("v1="))!;
      const header = `t=${t},${v1(OLD_SECRET)},${v1(NEW_SECRET)}`;
      const configs: Record<string, string>[] = [{ STRIPE_APP_SECRET: NEW_SECRET, STRIPE_APP_SECRET_PREVIOUS: OLD_SECRET }, { STRIPE_APP_SECRET: NEW_SECRET }, { STRIPE_APP_SECRET: OLD_SECRET }];
      for (const vars of configs) {
        useStripeAppEnv(vars);
        expect((await customerRoute(appRequest("customer", payload, header))).status, JSON.stringify(vars)).toBe(200);
      }
    });
  });

  describe("stripe_roles, when the extension sends them (signed like the rest)", () => {
    it("a view-only Dashboard user may read but not write", async () => {
      const order = await createOrder(test.db, { customerId: "cus_roles" });
      const before = await snapshot(test.db);
      const read = await customerRoute(signedAppRequest("customer", { customer_id: "cus_roles", stripe_roles: ["view_only"] }));
      expect(read.status).toBe(200);
      const write = await notesRoute(signedAppRequest("support-notes", { order_id: order.id, body: "hi", stripe_roles: ["view_only"] }));
      expect(write.status).toBe(403);
      expect((await write.json()).error.message).toMatch(/view-only/);
      expect(await snapshot(test.db)).toEqual(before);
    });

    it("STRIPE_APP_ALLOWED_ROLES limits who may use the app when roles are sent", async () => {
      useStripeAppEnv({ STRIPE_APP_ALLOWED_ROLES: "admin, support_specialist" });
      const as = (roles: string[]) => customerRoute(signedAppRequest("customer", { customer_id: "cus_roles", stripe_roles: roles }));
      expect((await as(["support_specialist"])).status).toBe(200);
      expect((await as(["analyst"])).status).toBe(403);
      // Not sent: no role check (the extension decides what it sends; the signature still binds the user).
      expect((await customerRoute(signedAppRequest("customer", { customer_id: "cus_roles" }))).status).toBe(200);
    });

    it("stripe_roles that are not an array of role ids → 400", async () => {
      const res = await customerRoute(signedAppRequest("customer", { customer_id: "cus_roles", stripe_roles: "admin" }));
      expect(res.status).toBe(400);
      expect((await res.json()).error.field).toBe("stripe_roles");
    });
  });
});
