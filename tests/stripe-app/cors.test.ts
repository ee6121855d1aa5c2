// CORS as Stripe documents it for UI extensions (sandboxed iframe, null
// origin): on /api/stripe-app/* only. Every other Payport route stays
// same-origin, with no Access-Control-* header and no OPTIONS handler.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as customer from "@/app/api/stripe-app/customer/route";
import * as payment from "@/app/api/stripe-app/payment/route";
import * as invoice from "@/app/api/stripe-app/invoice/route";
import * as notes from "@/app/api/stripe-app/support-notes/route";
import * as ship from "@/app/api/stripe-app/mark-shipped/route";
import * as product from "@/app/api/stripe-app/product/route";
import * as productFeatures from "@/app/api/stripe-app/product-features/route";
import * as activity from "@/app/api/stripe-app/activity/route";
import * as invoiceShipping from "@/app/api/stripe-app/invoice-shipping/route";
import * as returns from "@/app/api/stripe-app/returns/route";
import * as checkout from "@/app/api/checkout/route";
import * as order from "@/app/api/orders/[id]/route";
import * as webhooks from "@/app/api/webhooks/stripe/route";
import { setSessionReader } from "@/lib/auth/session";
import { testDatabases, useTestDatabase } from "../helpers/db";
import { appRequest, signedAppRequest, useStripeAppEnv } from "./helpers";

const appRoutes = {
  customer,
  payment,
  invoice,
  "support-notes": notes,
  "mark-shipped": ship,
  product,
  "product-features": productFeatures,
  activity,
  "invoice-shipping": invoiceShipping,
  returns,
};

beforeAll(() => {
  useStripeAppEnv();
  setSessionReader(async () => null);
});
afterAll(() => setSessionReader(undefined));

function expectStripeAppCors(res: Response) {
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(res.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
  expect(res.headers.get("access-control-allow-headers")?.split(/,\s*/).map((h) => h.toLowerCase()).sort()).toEqual(["content-type", "stripe-signature"]);
  // The signature authenticates; cookies are never involved.
  expect(res.headers.get("access-control-allow-credentials")).toBeNull();
}

function expectNoCors(res: Response) {
  for (const [name] of res.headers) expect(name.toLowerCase()).not.toMatch(/^access-control-/);
}

describe.each(testDatabases())("CORS on %s", (kind) => {
  useTestDatabase(kind);

  it.each(Object.entries(appRoutes))("OPTIONS /api/stripe-app/%s answers the preflight with 204", async (_path, route) => {
    const res = await route.OPTIONS();
    expect(res.status).toBe(204);
    expectStripeAppCors(res);
    expect(await res.text()).toBe("");
  });

  it("successful and refused /api/stripe-app answers both carry CORS, so the extension can read the error", async () => {
    const ok = await customer.POST(signedAppRequest("customer", { customer_id: "cus_cors" }));
    expect(ok.status).toBe(200);
    expectStripeAppCors(ok);
    const refused = await customer.POST(appRequest("customer", "{}", null));
    expect(refused.status).toBe(401);
    expectStripeAppCors(refused);
    const bad = await notes.POST(signedAppRequest("support-notes", { body: "" }));
    expect(bad.status).toBe(400);
    expectStripeAppCors(bad);
  });

  it("other routes get no CORS: /api/checkout, /api/orders/{id}, /api/webhooks/stripe", async () => {
    for (const mod of [checkout, order, webhooks]) expect("OPTIONS" in mod).toBe(false);
    expectNoCors(await checkout.POST(new Request("http://payport.test/api/checkout", { method: "POST", headers: { origin: "null", "content-type": "application/json" }, body: "{}" })));
    expectNoCors(await order.GET(new Request("http://payport.test/api/orders/x", { headers: { origin: "null" } }), { params: Promise.resolve({ id: "x" }) }));
    expectNoCors(await webhooks.POST(new Request("http://payport.test/api/webhooks/stripe", { method: "POST", headers: { origin: "null" }, body: "{}" })));
  });
});

describe("CORS headers are set nowhere else", () => {
  it("only lib/stripe-app/cors.ts writes Access-Control-* headers in the app (the emulator is a separate server)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!["node_modules", "generated"].includes(entry.name)) walk(file);
        } else if (/\.(ts|tsx|mjs|js)$/.test(entry.name) && /Access-Control-Allow/i.test(readFileSync(file, "utf8"))) {
          offenders.push(file);
        }
      }
    };
    for (const dir of ["app", "lib", "components"]) walk(dir);
    for (const file of ["next.config.ts", "instrumentation.ts", "middleware.ts", "proxy.ts"]) {
      try {
        // next.config.ts sets security headers on every answer; none of them may open CORS.
        if (/Access-Control-Allow/i.test(readFileSync(file, "utf8"))) offenders.push(file);
      } catch {
        // file absent
      }
    }
    expect(offenders).toEqual([path.join("lib", "stripe-app", "cors.ts")]);
  });
});
