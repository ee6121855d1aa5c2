// The standalone server as the Docker image runs it (playwright.standalone.config.ts):
// probes answer, a shopper pays with 4242, and the server's JSON log ties the
// checkout request to the Stripe call it made.
import { readFileSync } from "node:fs";
import path from "node:path";
import { buyTee, expect, test, uniqueEmail } from "../fixtures";

type LogLine = Record<string, unknown> & { msg: string; requestId?: string };

function serverLog(): LogLine[] {
  const file = path.join(process.env.PAYPORT_STANDALONE_DIR!, "server.log");
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

test("health and readiness answer as a load balancer expects", async ({ request }) => {
  const health = await request.get("/api/health", { headers: { "x-request-id": "probe-1" } });
  expect(health.status()).toBe(200);
  expect(health.headers()["x-request-id"]).toBe("probe-1");
  expect(await health.json()).toEqual({ status: "ok" });

  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: { ok: true }, stripe: { ok: true } } });
});

test("a shopper pays with 4242 through the standalone server, and the log links the checkout to its Stripe call", async ({ page }) => {
  const checkoutAnswer = page.waitForResponse((response) => response.url().endsWith("/api/checkout") && response.request().method() === "POST");
  const orderId = await buyTee(page, uniqueEmail("standalone"));
  const requestId = (await checkoutAnswer).headers()["x-request-id"];
  expect(requestId).toBeTruthy();

  const order = await (await page.request.get(`/api/orders/${orderId}`)).json();
  expect(order).toMatchObject({ status: "paid", amount: 2500, currency: "usd" });

  await expect
    .poll(() => serverLog().filter((line) => line.requestId === requestId && line.msg === "stripe request"))
    .toContainEqual(expect.objectContaining({ method: "POST", path: "/v1/payment_intents", status: 200, stripeRequestId: expect.stringMatching(/^req_/) }));
});
