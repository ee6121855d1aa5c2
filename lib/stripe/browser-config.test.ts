import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { STRIPE_JS_URL, stripeJsUrl } from "./browser-config";

describe("stripeJsUrl", () => {
  it("preloads exactly what @stripe/stripe-js/pure injects with real keys (its release train), so the browser reuses the download", () => {
    const pure = readFileSync(createRequire(import.meta.url).resolve("@stripe/stripe-js/dist/pure.js"), "utf8");
    const train = /RELEASE_TRAIN = ['"]([a-z]+)['"]/.exec(pure)?.[1];
    expect(train).toBeTruthy();
    expect(STRIPE_JS_URL).toBe(`https://js.stripe.com/${train}/stripe.js`);
    expect(stripeJsUrl({ publishableKey: "pk_test_x", stripeJsUrl: null })).toBe(STRIPE_JS_URL);
  });

  it("is the emulator's stand-in in local mode", () => {
    expect(stripeJsUrl({ publishableKey: "pk_test_x", stripeJsUrl: "http://127.0.0.1:12111/v3/stripe.js" })).toBe("http://127.0.0.1:12111/v3/stripe.js");
  });
});
