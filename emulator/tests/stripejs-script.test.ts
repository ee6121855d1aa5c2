// GET /v3/stripe.js: the pieces of stripejs/ served as one browser script.
import { readdirSync, readFileSync } from "node:fs";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { STRIPE_JS_PARTS } from "../stripejs-script.ts";
import { useTestEmulator } from "./helpers.ts";

const t = useTestEmulator();
const dir = new URL("../stripejs/", import.meta.url);

describe("Stripe.js stand-in script", () => {
  it("lists every .js file of stripejs/ exactly once", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".js"));
    expect([...STRIPE_JS_PARTS].sort()).toEqual(files.sort());
  });

  it("is served as the pieces concatenated in order, and compiles as one script defining window.Stripe", async () => {
    const res = await fetch(`${t.emu.url}/v3/stripe.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    const served = await res.text();
    expect(served).toBe(STRIPE_JS_PARTS.map((part) => readFileSync(new URL(part, dir), "utf8")).join(""));
    expect(() => new vm.Script(served)).not.toThrow();
    expect(served).toContain("window.Stripe = Stripe;");
  });
});
