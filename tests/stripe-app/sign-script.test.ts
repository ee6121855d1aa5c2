// scripts/stripe-app-sign.ts, the header generator the README's curl example
// uses, produces headers the backend accepts (and the backend refuses them
// with a different secret).
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as customerRoute } from "@/app/api/stripe-app/customer/route";
import { testDatabases, useTestDatabase } from "../helpers/db";
import { appRequest, createOrder, useStripeAppEnv, ACCOUNT_ID, USER_ID } from "./helpers";

beforeAll(() => useStripeAppEnv());

function sign(payload: string, ...args: string[]): string {
  const env = { ...process.env };
  delete env.STRIPE_APP_SECRET;
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/stripe-app-sign.ts", payload, ...args], { encoding: "utf8", env }).trim();
}

describe.each(testDatabases())("scripts/stripe-app-sign.ts on %s", (kind) => {
  const test = useTestDatabase(kind);

  it("prints a Stripe-Signature the backend accepts for that body", async () => {
    const order = await createOrder(test.db, { customerId: "cus_script" });
    const body = JSON.stringify({ customer_id: "cus_script", user_id: USER_ID, account_id: ACCOUNT_ID });
    const header = sign(body);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const res = await customerRoute(appRequest("customer", body, header));
    expect(res.status).toBe(200);
    expect((await res.json()).orders[0].id).toBe(order.id);

    const wrong = sign(body, "--secret", "absec_not_ours");
    expect((await customerRoute(appRequest("customer", body, wrong))).status).toBe(401);
  }, 30_000);
});
