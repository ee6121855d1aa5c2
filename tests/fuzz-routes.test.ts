// Property-based fuzzing of every route handler under app/api (found on disk,
// so a new route is covered without editing this file), as four callers: a
// visitor, a customer who owns things, another customer who owns none of
// them, and an admin. For hostile path segments, query strings, bodies and
// headers:
//   - the answer is never a 5xx;
//   - a 4xx is `{ error: { message } }` JSON whose message holds no database
//     or stack text, and nothing was written (every Prisma model's rows and
//     the emulator's objects are fingerprinted before and after);
//   - a visitor or the other customer never sees the customer's data.
// And, exhaustively: the other customer naming any of the customer's ids on
// any route gets 401/403/404 and changes nothing.
//
// Fixed seed by default (CI); FUZZ_SEED / FUZZ_RUNS go bigger locally, e.g.
//   FUZZ_RUNS=500 FUZZ_SEED=$RANDOM npx vitest run tests/fuzz-routes.test.ts
// FUZZ_ONLY=<part of "METHOD /api/path"> runs only those routes; FUZZ_DEBUG=1 prints every answer.
// A failure prints the seed, the shrunk input and the path to replay it.
// First: Next's request scope must be set up before next/server loads.
import { inNextRequestScope } from "./helpers/next-request-scope";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setSessionReader } from "@/lib/auth/session";
import { LOCAL_STRIPE_ACCOUNT_ID, LOCAL_STRIPE_APP_SECRET, LOCAL_WEBHOOK_SECRET } from "@/lib/env";
import { canonicalSignedPayload, type SignedBody } from "@/lib/stripe-app/signature";
import { stripeEventHandlers } from "@/lib/webhooks/handlers";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useEmulator } from "./helpers/emulator";
import { bodyText, contentType, extraHeaders, hostileCookie, jsonObject, nastyString, pathSegment, queryString } from "./helpers/fuzz-inputs";
import { BODY_METHODS, discoverRoutes, routeFiles, urlPath, type DiscoveredRoute, type Handler } from "./helpers/fuzz-routes";
import { buildFuzzWorld, CALLERS, changed, fingerprint, type Caller, type Fingerprint, type FuzzWorld } from "./helpers/fuzz-world";
import { useSignedInAs } from "./helpers/session";
import { nowSeconds, signatureFor, uniqueId } from "./helpers/stripe-events";

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);
const fuzzOptions = (salt: number) => ({ seed: SEED + salt, numRuns: RUNS });

/** Text of database, driver or runtime errors that must never reach a caller. */
const INTERNAL_TEXT = /invalid byte sequence|prisma|sqlite|postgres|P\d{4}\b|violates|constraint|syntax error|relation "|column "|\bat .+:\d+:\d+|TypeError|ReferenceError|RangeError|Cannot read prop|undefined is not|is not a function|ECONNREFUSED|stack/i;

const STRIPE_REFUSAL = /^Stripe refused/;
// Documented: a signed delivery that is not a Stripe event is answered 400 and parked for inspection (lib/webhooks/receive.ts).
const PARKED = /^Not a Stripe event/;
const ATTEMPT_RECORDS = new Set(["db.AuditLog", "db.Refund", "db.Order"]);
const MIRROR_TABLES = new Set(["db.Subscription", "db.Invoice", "db.PaymentMethodSummary"]);
/** A Stripe mirror table whose rows were rewritten in place (same count): a re-sync, not a new record. */
const isMirrorRefresh = (name: string, before: Fingerprint, after: Fingerprint) => MIRROR_TABLES.has(name) && before[name].split(" ")[0] === after[name].split(" ")[0];

const { routes, problems } = await discoverRoutes();

describe("route discovery", () => {
  it("finds every route.ts under app/api and can exercise everything each one exports", () => {
    expect(problems).toEqual([]);
    expect(routes.map((r) => r.file)).toEqual(routeFiles());
    expect(routes.length).toBeGreaterThan(40);
  });
});

type FuzzRequest = {
  caller: Caller;
  params: Record<string, string | string[]>;
  query: string;
  body: string | undefined;
  contentType: string | null;
  headers: Record<string, string>;
  cookie: string | null;
};

type Outcome = { status: number; contentType: string; text: string };

const NEXT_AUTH_ACTIONS = [["session"], ["csrf"], ["providers"], ["signin"], ["signin", "credentials"], ["signin", "github"], ["callback", "credentials"], ["callback", "github"], ["signout"], ["_log"], ["error"], ["verify-request"]];
const HANDLED_EVENT_TYPES = Object.keys(stripeEventHandlers);
const STRIPE_APP_FIELDS: Record<string, string[]> = {
  customer: ["customer_id"],
  payment: ["payment_id"],
  invoice: ["invoice_id"],
  "mark-shipped": ["order_id", "tracking_number", "carrier"],
  "support-notes": ["order_id", "customer_id", "body"],
  product: ["product_id"],
  "product-features": ["product_id", "features", "request_id"],
  activity: ["customer_id", "cursor", "limit"],
  "invoice-shipping": ["invoice_id"],
  returns: ["order_id", "order_line_id", "quantity", "status", "reason", "override_window", "request_id"],
};

describe.each(testDatabases())("route fuzzing on %s", (kind) => {
  const test = useTestDatabase(kind);
  const emu = useEmulator();
  const signInAs = useSignedInAs();
  let world: FuzzWorld;
  let started = 0;
  const statuses: Record<string, Record<number, number>> = {};

  beforeAll(async () => {
    started = Date.now();
    world = await buildFuzzWorld(test.db, emu, signInAs);
  }, 120_000);
  afterAll(() => {
    const total = Object.values(statuses).reduce((n, s) => n + Object.values(s).reduce((a, b) => a + b, 0), 0);
    console.log(`[fuzz ${kind}] seed ${SEED}, ${RUNS} runs per route method, ${total} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [name, s] of Object.entries(statuses)) console.log(`  ${name.padEnd(58)} ${Object.entries(s).map(([k, v]) => `${k}×${v}`).join(" ")}`);
  });

  function actAs(caller: Caller, cookie: string | null) {
    if (caller === "anonymous") {
      // The real session reader, so hostile cookies reach next-auth's JWT decoding.
      setSessionReader(undefined);
      return cookie;
    }
    signInAs(world.users[caller]);
    return null;
  }

  /** Field values that pass the schemas, so generated bodies also get past validation into the domain code. */
  function plausibleFields(): Record<string, fc.Arbitrary<unknown>> {
    const planPrices = world.plans.flatMap((p) => p.prices.map((x) => x.id));
    const token = fc.stringMatching(/^[A-Za-z0-9_-]{8,24}$/);
    return {
      requestId: token,
      submissionId: token,
      cartId: token,
      mode: fc.constantFrom("period_end", "now"),
      priceId: fc.constantFrom(...planPrices),
      quantity: fc.integer({ min: 1, max: 3 }),
      prorationDate: fc.constant(nowSeconds()),
      makeDefault: fc.boolean(),
      meteredAddon: fc.boolean(),
      amount: fc.integer({ min: 1, max: 3000 }),
      currency: fc.constantFrom("usd", "eur"),
      reason: fc.constantFrom("requested_by_customer", "duplicate", "fraudulent"),
      orderId: fc.constant(world.owned.order),
      order_id: fc.constant(world.owned.order),
      customer_id: fc.constant(world.customerStripeId),
      invoice_id: fc.constant(world.owned.invoice),
      payment_id: fc.constantFrom(...world.knownIds.filter((id) => /^(pi|ch)_/.test(id))),
      email: fc.stringMatching(/^[a-z0-9]{3,12}$/).map((local) => `${local}@example.com`),
      items: fc.array(fc.record({ priceId: fc.constantFrom(...world.goodsPriceIds), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 2 }),
      timestamp: fc.constant(nowSeconds()),
      password: fc.constant("correct horse battery"),
      since: fc.constantFrom("2026-11-01", nowSeconds() - 3600),
      evidence: fc.constant({ uncategorized_text: "Delivered, signed for." }),
      submit: fc.constant(false),
      tracking_number: fc.constant("1Z999AA10123456784"),
      carrier: fc.constant("UPS"),
      status: fc.constantFrom("shipped", "delivered", "returned"),
      body: fc.constant("Called the customer."),
      value: fc.integer({ min: 1, max: 5 }),
      product_id: fc.constantFrom(...world.plans.map((p) => p.stripeProductId)),
      features: fc.array(fc.constantFrom("SSO", "Priority support", "Unlimited projects"), { maxLength: 3 }),
      request_id: token,
      order_line_id: fc.constantFrom(...world.knownIds),
      override_window: fc.boolean(),
      cursor: fc.constant(Buffer.from(`${new Date().toISOString()}|zzz`).toString("base64url")),
      limit: fc.integer({ min: 1, max: 5 }),
    };
  }

  function paramsArb(route: DiscoveredRoute): fc.Arbitrary<Record<string, string | string[]>> {
    const fields: Record<string, fc.Arbitrary<string | string[]>> = {};
    for (const segment of route.segments) {
      if (route.kind === "next-auth") fields[segment.name] = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NEXT_AUTH_ACTIONS) }, { weight: 1, arbitrary: fc.array(nastyString, { minLength: 1, maxLength: 3 }) });
      else if (segment.catchAll) fields[segment.name] = fc.array(pathSegment(world.knownIds), { minLength: segment.optional ? 0 : 1, maxLength: 3 });
      else fields[segment.name] = pathSegment(world.knownIds);
    }
    return fc.record(fields);
  }

  /** A signed Stripe App body: hostile fields, the envelope right or wrong, signed well or badly. */
  function stripeAppBody(route: DiscoveredRoute): fc.Arbitrary<{ body: string; signature: string | null }> {
    const ids = [...world.knownIds, world.customerStripeId];
    // The Stripe App's schemas are strict: its own snake_case fields only, and for the routes we know, exactly theirs,
    // so that a fair share of bodies are right (a new route gets all of them until it is listed here).
    const known = STRIPE_APP_FIELDS[route.template.split("/").pop()!];
    const stripeAppFields = Object.fromEntries(Object.entries(plausibleFields()).filter(([key]) => (known ? known.includes(key) : key.includes("_") || key === "body")));
    const envelope = fc.record({
      user_id: fc.oneof({ weight: 4, arbitrary: fc.constant("usr_support_1") }, { weight: 1, arbitrary: nastyString }),
      account_id: fc.oneof({ weight: 4, arbitrary: fc.constant(LOCAL_STRIPE_ACCOUNT_ID) }, { weight: 1, arbitrary: fc.constant("acct_someone_else") }, { weight: 1, arbitrary: nastyString }),
      stripe_roles: fc.option(fc.oneof(fc.constant(["admin"]), fc.constant(["view_only"]), fc.jsonValue({ maxDepth: 2 })), { nil: undefined }),
    });
    const payload = fc.oneof(
      { weight: 5, arbitrary: fc.tuple(jsonObject(ids, stripeAppFields), envelope).map(([fields, env]) => JSON.stringify({ ...fields, ...env })) },
      { weight: 1, arbitrary: bodyText(ids, plausibleFields()).map((t) => t ?? "") },
    );
    const signing = fc.constantFrom("none", "garbage", "valid", "valid", "valid", "stale", "wrong-secret");
    return fc.tuple(payload, signing, fc.string({ unit: "binary-ascii", maxLength: 20 })).map(([body, how, junk]) => {
      let signed = body;
      try {
        const parsed = JSON.parse(body) as unknown;
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) signed = canonicalSignedPayload(parsed as SignedBody);
      } catch {
        // not JSON: signed as sent
      }
      const signature =
        how === "none" ? null
        : how === "garbage" ? `t=${junk.replace(/[^\x20-\x7e]/g, "")},v1=zz`
        : signatureFor(signed, { secret: how === "wrong-secret" ? "absec_wrong" : LOCAL_STRIPE_APP_SECRET, timestamp: how === "stale" ? nowSeconds() - 3600 : nowSeconds() });
      return { body, signature };
    });
  }

  /** A Stripe webhook delivery: event-shaped garbage, any JSON or none, signed well or badly. */
  function webhookBody(): fc.Arbitrary<{ body: string; signature: string | null }> {
    const ids = [...world.knownIds, world.customerStripeId];
    const object = fc.tuple(jsonObject(ids, plausibleFields()), fc.record({
      id: fc.oneof(fc.constantFrom(...ids), nastyString),
      object: fc.constantFrom("payment_intent", "charge", "refund", "dispute", "invoice", "subscription", "customer", "price", "product", "payment_method", "setup_intent", "invoice_payment"),
      customer: fc.oneof(fc.constant(world.customerStripeId), nastyString, fc.constant(null)),
      status: fc.oneof(fc.constantFrom("succeeded", "active", "paid", "open", "canceled", "needs_response", "lost"), nastyString),
      metadata: fc.oneof(fc.constant({}), fc.dictionary(nastyString, nastyString, { maxKeys: 2 })),
    }, { requiredKeys: ["id", "object"] })).map(([extra, core]) => ({ ...extra, ...core }));
    const event = fc.record({
      id: fc.oneof({ weight: 4, arbitrary: fc.constant(null).map(() => uniqueId("evt")) }, { weight: 1, arbitrary: nastyString }),
      object: fc.constant("event"),
      type: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HANDLED_EVENT_TYPES) }, { weight: 1, arbitrary: nastyString }),
      created: fc.oneof({ weight: 4, arbitrary: fc.constant(nowSeconds()) }, { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), nastyString) }),
      livemode: fc.boolean(),
      data: fc.oneof({ weight: 6, arbitrary: object.map((o) => ({ object: o })) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }),
    }, { requiredKeys: ["id", "type", "created", "data"] });
    const payload = fc.oneof({ weight: 5, arbitrary: event.map((e) => JSON.stringify(e)) }, { weight: 1, arbitrary: bodyText(ids, {}).map((t) => t ?? "") });
    const signing = fc.constantFrom("none", "garbage", "valid", "valid", "valid", "stale", "wrong-secret");
    return fc.tuple(payload, signing).map(([body, how]) => ({
      body,
      signature:
        how === "none" ? null
        : how === "garbage" ? "t=1,v1=deadbeef"
        : signatureFor(body, { secret: how === "wrong-secret" ? "whsec_wrong" : LOCAL_WEBHOOK_SECRET, timestamp: how === "stale" ? nowSeconds() - 3600 : nowSeconds() }),
    }));
  }

  function requestArb(route: DiscoveredRoute, method: string): fc.Arbitrary<FuzzRequest> {
    const hasBody = BODY_METHODS.has(method);
    const secrets = [world.usageKey, `Bearer ${world.usageKey}`];
    const signedBody = route.kind === "stripe-app" && method === "POST" ? stripeAppBody(route) : route.kind === "webhook" ? webhookBody() : null;
    const body = signedBody
      ? signedBody
      : hasBody
        ? bodyText(world.knownIds, plausibleFields()).map((b) => ({ body: b, signature: null as string | null }))
        : fc.constant({ body: undefined as string | undefined, signature: null as string | null });
    return fc
      .record({
        caller: fc.constantFrom(...CALLERS),
        params: paramsArb(route),
        query: queryString,
        body,
        contentType,
        headers: extraHeaders(secrets),
        // The usage API's bearer key: none, garbage, or the customer's real one.
        authorization: fc.option(fc.constantFrom(`Bearer ${world.usageKey}`, `bearer  ${world.usageKey} `, `Bearer ${world.usageKey}x`, "Bearer pp_test_", `Basic ${world.usageKey}`), { nil: undefined }),
        cookie: fc.option(hostileCookie, { nil: null }),
      })
      .map(({ body: { body: text, signature }, authorization, ...rest }) => ({
        ...rest,
        body: text,
        headers: { ...rest.headers, ...(authorization && { authorization }), ...(signature !== null && { "stripe-signature": signature }) },
      }));
  }

  async function send(route: DiscoveredRoute, method: string, handler: Handler, input: FuzzRequest): Promise<Outcome | null> {
    const cookie = actAs(input.caller, input.cookie);
    const headers = new Headers();
    try {
      for (const [name, value] of Object.entries(input.headers)) headers.set(name, value);
      if (input.contentType) headers.set("content-type", input.contentType);
      if (cookie) headers.set("cookie", cookie);
    } catch {
      return null; // a header fetch itself refuses never reaches a server
    }
    const abort = new AbortController();
    const url = `http://payport.test${urlPath(route.template, input.params)}${input.query ? `?${input.query}` : ""}`;
    // What Next.js hands a route handler (next-auth reads nextUrl).
    const request = new NextRequest(url, { method, headers, body: input.body, signal: abort.signal });
    const response = await inNextRequestScope(request, () => handler(request, { params: Promise.resolve(input.params) }));
    const type = response.headers.get("content-type") ?? "";
    let text: string;
    if (type.startsWith("text/event-stream")) {
      // A live stream: its first event is enough; then the client goes away.
      const reader = response.body!.getReader();
      const first = await reader.read();
      text = new TextDecoder().decode(first.value);
      abort.abort();
      await reader.cancel();
    } else {
      text = await response.text();
    }
    return { status: response.status, contentType: type, text };
  }

  function record(name: string, status: number) {
    (statuses[name] ??= {})[status] = (statuses[name][status] ?? 0) + 1;
  }

  /** The properties every answer must have; a thrown error is the counterexample. */
  function judge(route: DiscoveredRoute, input: FuzzRequest, outcome: Outcome, before: Fingerprint, after: Fingerprint) {
    const { status, contentType: type, text } = outcome;
    const where = `${status} ${text.slice(0, 300)}`;
    if (status >= 500) throw new Error(`5xx: ${where}`);
    if (status >= 400) {
      if (!type.includes("application/json")) throw new Error(`a ${status} that is not JSON (${type}): ${where}`);
      const json = JSON.parse(text) as { error?: { message?: unknown } };
      if (typeof json?.error?.message !== "string" || json.error.message.trim() === "") throw new Error(`a ${status} without { error: { message } }: ${where}`);
      if (INTERNAL_TEXT.test(json.error.message)) throw new Error(`internal error text in the message: ${where}`);
      // Documented: an admin action that reached Stripe and was refused is kept as an attempt (its audit row; a refund's
      // failed row, written in the transaction that locks its order). Anything else written on a 4xx is a bug.
      const allowed = STRIPE_REFUSAL.test(json.error.message)
        ? ATTEMPT_RECORDS
        : route.kind === "webhook" && PARKED.test(json.error.message)
          ? new Set(["db.ParkedWebhook"])
          : new Set<string>();
      // A refusal may re-read Stripe first (subscribe syncs the customer's subscriptions before its 409): the mirror
      // catching up with a Stripe that did not change (no emulator object created or removed) is no write of the request's.
      const stripeUnchanged = changed(before, after).every((name) => !name.startsWith("stripe."));
      const diff = changed(before, after).filter((name) => !allowed.has(name) && !(stripeUnchanged && isMirrorRefresh(name, before, after)));
      if (diff.length) throw new Error(`a ${status} wrote to ${diff.join(", ")}: ${where}`);
    } else if (type.includes("application/json")) {
      JSON.parse(text);
    }
    if ((input.caller === "anonymous" || input.caller === "other") && route.kind !== "stripe-app" && route.kind !== "webhook") {
      const leaked = world.secrets.find((s) => text.includes(s));
      if (leaked) throw new Error(`${input.caller} saw the customer's ${leaked}: ${where}`);
    }
  }

  for (const [index, route] of routes.entries()) {
    for (const { method, handler } of route.methods) {
      const name = `${method} ${route.template}`;
      it.skipIf(process.env.FUZZ_ONLY && !name.includes(process.env.FUZZ_ONLY))(`${name}: never a 5xx, 4xx are JSON errors that change nothing, no other customer's data`, async () => {
        let before = await fingerprint(test.db, emu);
        await fc.assert(
          fc.asyncProperty(requestArb(route, method), async (input) => {
            const outcome = await send(route, method, handler, input);
            if (!outcome) return;
            record(name, outcome.status);
            if (process.env.FUZZ_DEBUG) console.log(name, input.caller, outcome.status, outcome.text.slice(0, 160), "←", (input.body ?? "").slice(0, 160));
            const after = await fingerprint(test.db, emu);
            try {
              judge(route, input, outcome, before, after);
            } finally {
              before = after;
            }
          }),
          fuzzOptions(index),
        );
      }, 180_000);
    }
  }

  it("the other customer (or a visitor) naming any of the customer's ids on any route gets 401/403/404, sees nothing and changes nothing", async () => {
    const body = JSON.stringify({
      requestId: "req_leakcheck_1",
      submissionId: "sub_leakcheck_1",
      mode: "now",
      priceId: world.plans[0].prices[0].id,
      quantity: 1,
      prorationDate: nowSeconds(),
      makeDefault: true,
      amount: 100,
      currency: "usd",
      reason: "requested_by_customer",
      body: "note",
      tracking_number: "1Z999AA10123456784",
      evidence: { uncategorized_text: "x" },
      submit: false,
    });
    const failures: string[] = [];
    let calls = 0;
    let before = await fingerprint(test.db, emu);
    for (const route of routes.filter((r) => r.kind === "session" && r.segments.length > 0)) {
      for (const { method, handler } of route.methods) {
        for (const [what, id] of Object.entries(world.owned)) {
          for (const caller of ["other", "anonymous"] as const) {
            const params = Object.fromEntries(route.segments.map((s) => [s.name, s.catchAll ? [id] : id]));
            const outcome = (await send(route, method, handler, { caller, params, query: "", body: BODY_METHODS.has(method) ? body : undefined, contentType: "application/json", headers: {}, cookie: null }))!;
            calls++;
            const after = await fingerprint(test.db, emu);
            const label = `${caller} ${method} ${route.template} with the customer's ${what} (${id}) → ${outcome.status} ${outcome.text.slice(0, 200)}`;
            if (![401, 403, 404].includes(outcome.status)) failures.push(label);
            else if (world.secrets.some((s) => outcome.text.includes(s))) failures.push(`${label}: shows the customer's data`);
            else if (changed(before, after).length) failures.push(`${label}: wrote ${changed(before, after).join(", ")}`);
            before = after;
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 180_000);
});
