// The Stripe.js stand-in (emulator/stripejs/, served as one script) in a real browser,
// against the real emulator started in-process. No Next app involved: a small
// vanilla-JS harness page is served through page.route() (see HARNESS below).
import { test, expect, type Page, type Request } from "@playwright/test";
import Stripe from "stripe";
import { startEmulator } from "../emulator/index.ts";

const PK = "pk_test_emulator";
// The harness is served (by page.route) from a loopback origin that differs from the
// emulator's (localhost vs 127.0.0.1): cross-origin like the app on localhost:3000.
// Chromium's Local Network Access rules treat a route-fulfilled document as public and
// block its requests to 127.0.0.1 ("Permission was denied for this request to access
// the `loopback` address space"); a public-looking http://harness.test is refused even
// with the permission (not a secure context). So: localhost origin + the permission.
test.use({ permissions: ["local-network-access"] });
let HARNESS = "";
let RETURN_URL = "";

let emu: { url: string; close: () => Promise<void> };
let stripe: Stripe;

test.beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  const u = new URL(emu.url);
  stripe = new Stripe("sk_test_emulator", { host: u.hostname, port: Number(u.port), protocol: "http" });
  HARNESS = `http://localhost:${u.port}/__harness`;
  RETURN_URL = `${HARNESS}/return?order=ord_42`;
});

test.afterAll(async () => {
  await emu?.close();
});

async function createIntent(amount = 2599) {
  return stripe.paymentIntents.create({
    amount,
    currency: "usd",
    automatic_payment_methods: { enabled: true },
  });
}

type HarnessConfig = {
  /** client-secret mode when set; otherwise deferred mode (mode: 'payment'). */
  clientSecret?: string;
  /** deferred mode: the secret passed to confirmPayment (the "server" creates it after submit). */
  deferredSecret?: string;
  redirect?: "always" | "if_required";
  returnUrl?: string;
  skipSubmit?: boolean;
  /** confirmSetup instead of confirmPayment (clientSecret is a seti_ secret). */
  setup?: boolean;
  appearance?: Record<string, unknown>;
};

function harnessHtml(cfg: HarnessConfig): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stand-in harness</title>
<script src="${emu.url}/v3/stripe.js"></script>
</head><body>
<main style="max-width:480px;margin:24px auto;font-family:sans-serif">
  <h1>Harness checkout</h1>
  <form id="form">
    <div id="payment-element"></div>
    <button id="pay" type="submit">Pay</button>
  </form>
  <p id="status" role="status"></p>
</main>
<script>
  const cfg = ${JSON.stringify(cfg)};
  window.__events = [];
  window.__results = [];
  const stripe = Stripe(${JSON.stringify(PK)});
  const elements = cfg.clientSecret
    ? stripe.elements({ clientSecret: cfg.clientSecret, appearance: cfg.appearance })
    : stripe.elements({ mode: "payment", amount: 2599, currency: "usd", appearance: cfg.appearance });
  const paymentElement = elements.create("payment", { layout: "tabs" });
  for (const ev of ["ready", "change", "focus", "blur", "loaderstart", "loaderror"]) {
    paymentElement.on(ev, (e) => window.__events.push({ ev, e: JSON.parse(JSON.stringify(e || null)) }));
  }
  paymentElement.mount("#payment-element");
  window.harness = { stripe, elements, paymentElement };
  const status = document.getElementById("status");
  function record(kind, value) {
    window.__results.push({ kind, value: JSON.parse(JSON.stringify(value)) });
    status.textContent = kind === "error" ? "error: " + value.message : kind + ": " + (value && value.status);
  }
  document.getElementById("form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    status.textContent = "processing";
    try {
      if (!cfg.skipSubmit) {
        const submitted = await elements.submit();
        if (submitted.error) return record("error", submitted.error);
      }
      const args = { elements, confirmParams: { return_url: cfg.returnUrl } };
      if (cfg.redirect) args.redirect = cfg.redirect;
      if (!cfg.clientSecret) args.clientSecret = cfg.deferredSecret;
      const result = cfg.setup ? await stripe.confirmSetup(args) : await stripe.confirmPayment(args);
      if (result.error) record("error", result.error);
      else if (cfg.setup) record("setupIntent", result.setupIntent);
      else record("paymentIntent", result.paymentIntent);
    } catch (e) {
      record("thrown", { name: e.name, message: e.message });
    }
  });
</script>
</body></html>`;
}

const returnPage = `<!doctype html><html><head><title>Returned</title></head><body><h1>Returned</h1></body></html>`;

/** Serve the harness (and the return page) for one test, and record every request. */
async function openHarness(page: Page, cfg: HarnessConfig) {
  const requests: Request[] = [];
  page.on("request", (r) => requests.push(r));
  page.on("pageerror", (e) => console.log(`[pageerror] ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") console.log(`[console.${m.type()}] ${m.text()}`);
  });
  await page.route(`${HARNESS}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/__harness/checkout") {
      await route.fulfill({ contentType: "text/html", body: harnessHtml(cfg) });
    } else if (url.pathname === "/__harness/return") {
      await route.fulfill({ contentType: "text/html", body: returnPage });
    } else {
      await route.fulfill({ status: 404, body: "not found" });
    }
  });
  await page.goto(`${HARNESS}/checkout`);
  await expect.poll(() => page.evaluate(() => (window as any).__events.some((e: any) => e.ev === "ready"))).toBe(true);
  return { requests };
}

async function lastResult(page: Page): Promise<{ kind: string; value: any }> {
  await expect.poll(() => page.evaluate(() => (window as any).__results.length), { timeout: 15_000 }).toBeGreaterThan(0);
  return page.evaluate(() => (window as any).__results.at(-1));
}

async function resultCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__results.length);
}

async function payAndWait(page: Page) {
  const before = await resultCount(page);
  await page.getByRole("button", { name: "Pay" }).click();
  await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(before);
  return page.evaluate(() => (window as any).__results.at(-1)) as Promise<{ kind: string; value: any }>;
}

function futureExpiry(): string {
  const yy = String((new Date().getFullYear() + 5) % 100).padStart(2, "0");
  return `12${yy}`;
}

/** Type a card with the keyboard only (focus auto-advances between fields). */
async function typeCard(page: Page, number: string) {
  await page.getByLabel("Card number").click();
  await page.keyboard.type(number);
  await expect(page.getByLabel("Expiration date")).toBeFocused();
  await page.keyboard.type(futureExpiry());
  await expect(page.getByLabel("Security code")).toBeFocused();
  await page.keyboard.type("123");
}

async function pickTestCard(page: Page, number: string) {
  await page.getByLabel("Test card").selectOption(number);
}

test.describe("Stripe.js stand-in", () => {
  test("loads from the emulator, mounts an accessible Payment Element and emits ready/change", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL });

    const info = await page.evaluate(() => ({
      version: (window as any).Stripe.version,
      apiBase: (window as any).__stripeStandIn.apiBase,
      guards: ["elements", "createToken", "createPaymentMethod", "confirmCardPayment", "_registerWrapper", "registerAppInfo"].map(
        (k) => typeof (window as any).harness.stripe[k],
      ),
    }));
    expect(info.version).toBe("endive");
    expect(info.apiBase).toBe(emu.url);
    expect(info.guards.every((t) => t === "function")).toBe(true);

    await expect(page.getByLabel("Card number")).toBeVisible();
    await expect(page.getByLabel("Expiration date")).toHaveAttribute("placeholder", "MM / YY");
    await expect(page.getByLabel("Security code")).toBeVisible();
    const picker = page.getByLabel("Test card");
    await expect(picker).toBeVisible();
    for (const n of ["4242424242424242", "4000000000000002", "4000002500003155", "4000002760003184", "4000000000003220",
      "4000000000003063", "4000008260003178", "4000000000000341", "4000000000000259", "4100000000000019"]) {
      await expect(picker.locator(`option[value="${n}"]`)).toHaveCount(1);
    }
    // No amount is displayed by the element.
    await expect(page.locator("#payment-element")).not.toContainText("25.99");

    await typeCard(page, "4242424242424242");
    await expect(page.getByLabel("Card number")).toHaveValue("4242 4242 4242 4242");
    const changes = await page.evaluate(() => (window as any).__events.filter((e: any) => e.ev === "change").map((e: any) => e.e));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes[0]).toMatchObject({ elementType: "payment", empty: false, complete: false, collapsed: false, value: { type: "card" } });
    expect(changes.at(-1)).toMatchObject({ elementType: "payment", empty: false, complete: true, value: { type: "card" } });
    const evs = await page.evaluate(() => (window as any).__events.map((e: any) => e.ev));
    expect(evs).toContain("focus");
    expect(evs.indexOf("loaderstart")).toBeLessThan(evs.indexOf("ready"));

    // clear() empties the form and reports it.
    await page.evaluate(() => (window as any).harness.paymentElement.clear());
    await expect(page.getByLabel("Card number")).toHaveValue("");
    const last = await page.evaluate(() => (window as any).__events.filter((e: any) => e.ev === "change").at(-1).e);
    expect(last).toMatchObject({ empty: true, complete: false });
  });

  test("4242 succeeds and redirects to return_url with the three params, keeping its own query", async ({ page }) => {
    const pi = await createIntent();
    const { requests } = await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL });
    await typeCard(page, "4242424242424242");
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(/\/return\?/);
    const url = new URL(page.url());
    expect(url.pathname).toBe("/__harness/return");
    expect(url.searchParams.get("order")).toBe("ord_42");
    expect(url.searchParams.get("payment_intent")).toBe(pi.id);
    expect(url.searchParams.get("payment_intent_client_secret")).toBe(pi.client_secret);
    expect(url.searchParams.get("redirect_status")).toBe("succeeded");
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe("succeeded");

    // Card data went to the emulator's API only, with the publishable key.
    const pmCreate = requests.find((r) => r.method() === "POST" && r.url() === `${emu.url}/v1/payment_methods`);
    expect(pmCreate).toBeTruthy();
    expect(await pmCreate!.headerValue("authorization")).toBe(`Bearer ${PK}`);
    const body = new URLSearchParams(pmCreate!.postData() ?? "");
    expect(body.get("type")).toBe("card");
    expect(body.get("card[number]")).toBe("4242424242424242");
    const confirm = requests.find((r) => r.method() === "POST" && r.url() === `${emu.url}/v1/payment_intents/${pi.id}/confirm`);
    const cbody = new URLSearchParams(confirm!.postData() ?? "");
    expect(cbody.get("client_secret")).toBe(pi.client_secret);
    expect(cbody.get("use_stripe_sdk")).toBe("true");
    expect(cbody.get("return_url")).toBe(RETURN_URL);
    expect(cbody.get("payment_method")).toMatch(/^pm_/);
    for (const r of requests) {
      expect(r.url().startsWith(emu.url) || r.url().startsWith(HARNESS)).toBe(true);
    }
  });

  test("redirect: 'if_required' resolves {paymentIntent} without navigating", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL, redirect: "if_required" });
    await pickTestCard(page, "4242424242424242");
    const result = await payAndWait(page);
    expect(result.kind).toBe("paymentIntent");
    expect(result.value).toMatchObject({ id: pi.id, object: "payment_intent", status: "succeeded", amount: 2599, currency: "usd" });
    expect(new URL(page.url()).pathname).toBe("/__harness/checkout");
    const fromRetrieve = await page.evaluate((cs) => (window as any).harness.stripe.retrievePaymentIntent(cs), pi.client_secret!);
    expect(fromRetrieve.paymentIntent).toMatchObject({ id: pi.id, status: "succeeded" });
  });

  test("a decline resolves a card_error, and a retry on the same intent succeeds", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL, redirect: "if_required" });
    await pickTestCard(page, "4000000000000002");
    const declined = await payAndWait(page);
    expect(declined.kind).toBe("error");
    expect(declined.value).toMatchObject({
      type: "card_error",
      code: "card_declined",
      decline_code: "generic_decline",
      message: "Your card was declined.",
    });
    expect(declined.value.payment_intent).toMatchObject({ id: pi.id, status: "requires_payment_method" });
    await expect(page.getByRole("status")).toHaveText("error: Your card was declined.");
    // The form stays editable after a decline.
    await expect(page.getByLabel("Card number")).toBeEditable();

    await pickTestCard(page, "4242424242424242");
    const retried = await payAndWait(page);
    expect(retried.kind).toBe("paymentIntent");
    expect(retried.value).toMatchObject({ id: pi.id, status: "succeeded" });
  });

  test("3-D Secure: completing the in-page challenge succeeds", async ({ page }) => {
    const pi = await createIntent();
    const { requests } = await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL, redirect: "if_required" });
    await pickTestCard(page, "4000002760003184");
    await page.getByRole("button", { name: "Pay" }).click();
    const dialog = page.getByRole("dialog", { name: "3D Secure 2 Test Page" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Complete authentication" })).toBeFocused();
    await dialog.getByRole("button", { name: "Complete authentication" }).click();
    await expect(dialog).toBeHidden();
    const result = await lastResult(page);
    expect(result.kind).toBe("paymentIntent");
    expect(result.value).toMatchObject({ id: pi.id, status: "succeeded" });
    const control = requests.find((r) => r.url() === `${emu.url}/_emulator/payment_intents/${pi.id}/three_d_secure`);
    expect(control).toBeTruthy();
    expect(JSON.parse(control!.postData() ?? "{}")).toEqual({ outcome: "succeed", client_secret: pi.client_secret });
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe("succeeded");
  });

  test("3-D Secure with the default redirect lands on return_url", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL });
    await pickTestCard(page, "4000000000003220");
    await page.getByRole("button", { name: "Pay" }).click();
    // Keyboard: Enter on the focused "Complete authentication" button.
    const dialog = page.getByRole("dialog", { name: "3D Secure 2 Test Page" });
    await expect(dialog.getByRole("button", { name: "Complete authentication" })).toBeFocused();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/return\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get("payment_intent")).toBe(pi.id);
    expect(url.searchParams.get("redirect_status")).toBe("succeeded");
  });

  test("3-D Secure: failing the challenge resolves payment_intent_authentication_failure", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL, redirect: "if_required" });
    await pickTestCard(page, "4000002500003155");
    await page.getByRole("button", { name: "Pay" }).click();
    const dialog = page.getByRole("dialog", { name: "3D Secure 2 Test Page" });
    await dialog.getByRole("button", { name: "Fail authentication" }).click();
    const result = await lastResult(page);
    expect(result.kind).toBe("error");
    expect(result.value).toMatchObject({
      code: "payment_intent_authentication_failure",
      message: "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
    });
    expect(result.value.payment_intent).toMatchObject({ id: pi.id, status: "requires_payment_method" });
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe("requires_payment_method");
  });

  test("3-D Secure then decline (3178): card_error insufficient_funds with the intent embedded", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL, redirect: "if_required" });
    await pickTestCard(page, "4000008260003178");
    await page.getByRole("button", { name: "Pay" }).click();
    await page.getByRole("dialog", { name: "3D Secure 2 Test Page" }).getByRole("button", { name: "Complete authentication" }).click();
    const result = await lastResult(page);
    expect(result.kind).toBe("error");
    expect(result.value).toMatchObject({ type: "card_error", code: "card_declined", decline_code: "insufficient_funds" });
    expect(result.value.payment_intent).toMatchObject({ id: pi.id, status: "requires_payment_method" });
  });

  test("handleNextAction completes a server-side confirmation that needs 3-D Secure", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL });
    const confirmed = await stripe.paymentIntents.confirm(pi.id, {
      payment_method: "pm_card_authenticationRequired",
      return_url: RETURN_URL,
      use_stripe_sdk: true,
    });
    expect(confirmed.status).toBe("requires_action");
    expect(confirmed.next_action?.type).toBe("use_stripe_sdk");
    const pending = page.evaluate((cs) => (window as any).harness.stripe.handleNextAction({ clientSecret: cs }), pi.client_secret!);
    await page.getByRole("dialog", { name: "3D Secure 2 Test Page" }).getByRole("button", { name: "Complete authentication" }).click();
    const result = await pending;
    expect(result.paymentIntent).toMatchObject({ id: pi.id, status: "succeeded" });
    // Not in requires_action any more: Stripe.js throws an integration error.
    const again = await page.evaluate(
      (cs) => (window as any).harness.stripe.handleNextAction({ clientSecret: cs }).then(() => "resolved", (e: Error) => e.name),
      pi.client_secret!,
    );
    expect(again).toBe("IntegrationError");
  });

  test("handleNextAction follows a redirect_to_url next action to the hosted 3-D Secure page and back", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL });
    // Confirmed server-side without use_stripe_sdk: Stripe answers with redirect_to_url.
    const confirmed = await stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_threeDSecure2Required", return_url: RETURN_URL });
    expect(confirmed.next_action?.type).toBe("redirect_to_url");
    await page.evaluate((cs) => void (window as any).harness.stripe.handleNextAction({ clientSecret: cs }), pi.client_secret!);
    await page.waitForURL((u) => u.href.startsWith(`${emu.url}/_emulator/3ds/`));
    await page.getByRole("button", { name: "Complete authentication" }).click();
    await page.waitForURL(/\/__harness\/return\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get("payment_intent")).toBe(pi.id);
    expect(url.searchParams.get("redirect_status")).toBe("succeeded");
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe("succeeded");
  });

  test("an unknown client secret makes the element emit loaderror", async ({ page }) => {
    page.on("pageerror", (e) => console.log(`[pageerror] ${e.message}`));
    await page.route(`${HARNESS}/**`, (route) =>
      route.fulfill({ contentType: "text/html", body: harnessHtml({ clientSecret: "pi_doesnotexist123_secret_nope456", returnUrl: RETURN_URL }) }),
    );
    await page.goto(`${HARNESS}/checkout`);
    await expect
      .poll(() => page.evaluate(() => (window as any).__events.find((e: any) => e.ev === "loaderror")?.e ?? null))
      .toMatchObject({ elementType: "payment", error: { type: "invalid_request_error" } });
    const evs = await page.evaluate(() => (window as any).__events.map((e: any) => e.ev));
    expect(evs).not.toContain("ready");
  });

  test("confirmSetup saves a card through 3-D Secure and redirects with setup_intent params", async ({ page }) => {
    let si: Stripe.SetupIntent;
    try {
      si = await stripe.setupIntents.create({ automatic_payment_methods: { enabled: true } });
    } catch (e) {
      test.skip((e as { statusCode?: number }).statusCode === 404, "the emulator has no /v1/setup_intents yet");
      throw e;
    }
    await openHarness(page, { clientSecret: si.client_secret!, returnUrl: RETURN_URL, setup: true });
    await pickTestCard(page, "4000002500003155");
    await page.getByRole("button", { name: "Pay" }).click();
    await page.getByRole("dialog", { name: "3D Secure 2 Test Page" }).getByRole("button", { name: "Complete authentication" }).click();
    await page.waitForURL(/\/return\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get("order")).toBe("ord_42");
    expect(url.searchParams.get("setup_intent")).toBe(si.id);
    expect(url.searchParams.get("setup_intent_client_secret")).toBe(si.client_secret);
    expect(url.searchParams.get("redirect_status")).toBe("succeeded");
    expect((await stripe.setupIntents.retrieve(si.id)).status).toBe("succeeded");
  });

  test("submit() reports validation errors inline and sends nothing", async ({ page }) => {
    const pi = await createIntent();
    const { requests } = await openHarness(page, { clientSecret: pi.client_secret!, returnUrl: RETURN_URL, redirect: "if_required" });

    const empty = await payAndWait(page);
    expect(empty).toMatchObject({ kind: "error", value: { type: "validation_error", code: "incomplete_number", message: "Your card number is incomplete." } });
    await expect(page.locator("#payment-element").getByRole("alert").filter({ hasText: "Your card number is incomplete." })).toBeVisible();
    await expect(page.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Card number")).toBeFocused();

    await typeCardNoAdvance(page, "4242424242424241");
    await page.getByLabel("Expiration date").fill(futureExpiry());
    await page.getByLabel("Security code").fill("123");
    await expect(page.locator("#payment-element").getByRole("alert").filter({ hasText: "Your card number is invalid." })).toBeVisible();
    const luhn = await payAndWait(page);
    expect(luhn).toMatchObject({ kind: "error", value: { type: "validation_error", code: "incorrect_number" } });

    await page.getByLabel("Card number").fill("4242424242424242");
    await page.getByLabel("Expiration date").fill("12");
    const expiry = await payAndWait(page);
    expect(expiry).toMatchObject({ kind: "error", value: { type: "validation_error", code: "incomplete_expiry" } });

    await page.getByLabel("Expiration date").fill("1320");
    const past = await payAndWait(page);
    expect(past.value.code).toMatch(/invalid_expiry_(month|year_past)/);

    const submitOnly = await page.evaluate(() => (window as any).harness.elements.submit());
    expect(submitOnly.error.type).toBe("validation_error");
    expect(requests.filter((r) => r.url().includes("/v1/payment_methods") || r.url().includes("/confirm"))).toHaveLength(0);

    await page.getByLabel("Expiration date").fill(futureExpiry());
    const ok = await page.evaluate(() => (window as any).harness.elements.submit());
    expect(ok).toEqual({ selectedPaymentMethod: "card" });
  });

  test("deferred mode: elements({mode:'payment'}) + submit() + confirmPayment({clientSecret})", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { deferredSecret: pi.client_secret!, returnUrl: RETURN_URL, redirect: "if_required" });
    await pickTestCard(page, "5555555555554444");
    const result = await payAndWait(page);
    expect(result.kind).toBe("paymentIntent");
    expect(result.value).toMatchObject({ id: pi.id, status: "succeeded" });
    const updated = await page.evaluate(async () => {
      const r = (window as any).harness.elements.update({ amount: 4200 });
      return { isPromise: typeof r?.then === "function", value: await r };
    });
    expect(updated.isPromise).toBe(true);
  });

  test("createPaymentMethod({elements}) after submit() returns the emulator's PaymentMethod", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { deferredSecret: pi.client_secret!, returnUrl: RETURN_URL });
    await pickTestCard(page, "5555555555554444");
    const result = await page.evaluate(async () => {
      const h = (window as any).harness;
      const before = await h.stripe.createPaymentMethod({ elements: h.elements }).then(() => "resolved", (e: Error) => e.name);
      const submitted = await h.elements.submit();
      const created = await h.stripe.createPaymentMethod({ elements: h.elements, params: { billing_details: { name: "Ada Lovelace" } } });
      return { before, submitted, created };
    });
    expect(result.before).toBe("IntegrationError");
    expect(result.submitted).toEqual({ selectedPaymentMethod: "card" });
    expect(result.created.paymentMethod).toMatchObject({
      object: "payment_method",
      type: "card",
      card: { brand: "mastercard", last4: "4444" },
      billing_details: { name: "Ada Lovelace" },
    });
    expect(result.created.paymentMethod.id).toMatch(/^pm_/);
  });

  test("deferred mode without elements.submit() is an integration error, as in Stripe.js", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, { deferredSecret: pi.client_secret!, returnUrl: RETURN_URL, redirect: "if_required", skipSubmit: true });
    await pickTestCard(page, "4242424242424242");
    const result = await payAndWait(page);
    expect(result.kind).toBe("thrown");
    expect(result.value.message).toContain("elements.submit() must be called before");
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe("requires_payment_method");
  });

  test("appearance variables style the element", async ({ page }) => {
    const pi = await createIntent();
    await openHarness(page, {
      clientSecret: pi.client_secret!,
      returnUrl: RETURN_URL,
      appearance: { theme: "stripe", variables: { colorPrimary: "rgb(255, 0, 128)", colorText: "rgb(10, 20, 30)" } },
    });
    const number = page.getByLabel("Card number");
    await number.focus();
    await expect(number).toHaveCSS("border-top-color", "rgb(255, 0, 128)");
    await expect(number).toHaveCSS("color", "rgb(10, 20, 30)");
    if (process.env.STANDIN_SCREENSHOTS) {
      await page.getByLabel("Test card").selectOption("4242424242424241");
      await page.screenshot({ path: "/tmp/standin-element.png" });
      await page.getByLabel("Test card").selectOption("4000002760003184");
      await page.getByRole("button", { name: "Pay" }).click();
      await page.getByRole("dialog").waitFor();
      await page.screenshot({ path: "/tmp/standin-3ds.png" });
    }
  });
});

async function typeCardNoAdvance(page: Page, number: string) {
  await page.getByLabel("Card number").fill(number);
}
