// Hostile input for the route fuzzer (tests/fuzz-routes.test.ts): path
// segments, query strings, JSON bodies and headers a careless or malicious
// client might send. Known ids (the fixtures' orders, subscriptions, cards…)
// are mixed in so the generated requests also reach rows that exist.
import fc from "fast-check";

/** Strings that have broken databases, parsers or path handling somewhere. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\t\n",
  "\u0000",
  "a\u0000b",
  "%00",
  "a%00b",
  "\uD800",
  "x\uDC00y",
  "\uDBFF\uDFFF",
  "\uFFFE",
  "\u202Eevil",
  "ＡＢＣ",
  "😀",
  "é",
  "../../etc/passwd",
  "..%2F..%2Fetc",
  "..\\..\\windows",
  "/",
  "%",
  "_",
  "%_%",
  "\\",
  "'",
  "' OR '1'='1",
  "\"; DROP TABLE \"Order\"; --",
  "<script>alert(1)</script>",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "9007199254740993",
  "__proto__",
  "constructor",
  "toString",
  "$where",
  "{}",
  "[]",
  "%E0%A4%A",
  "%C0%80",
  "%FF%FE",
  "=?utf-8?",
];

export const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(300, 5_000, 70_000).map((n) => "a".repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("pi_", "ch_", "cus_", "sub_", "in_", "pm_", "seti_", "evt_", "du_", "re_", "usr_", "acct_"), fc.string({ unit: "binary", maxLength: 30 })).map(([p, s]) => p + s) },
);

/** A path segment: one of the fixtures' ids, or something hostile. */
export function pathSegment(knownIds: readonly string[]) {
  return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...knownIds) }, { weight: 3, arbitrary: nastyString });
}

const forged = (text: string) => Buffer.from(text, "utf8").toString("base64url");

const DATES = ["2024-13-45", "9999-99-99", "2024-02-30", "0000-00-00", "2024-1-1", "1969-12-31", "3000-01-01", "+275760-09-13", "2024-02-29", "2026-01-01", "yesterday", "2024-02-29T25:00:00Z"];
const CURSORS = [
  "%%%",
  "!!!",
  forged("+275760-09-13T00:00:00.000Z|abc"),
  forged("-000001-01-01T00:00:00.000Z|abc"),
  forged("2024-01-01T00:00:00.000Z|a\u0000b"),
  forged("2024-01-01T00:00:00.000Z|"),
  forged("2024-01-01T00:00:00.000Z|a|b"),
  forged("not a date|x"),
  forged("2024-01-01T00:00:00.000Z|" + "x".repeat(300)),
  forged("\uD800"),
  "A".repeat(5000),
];

/** Names the list filters use, so generated queries hit real filters (and some that exist nowhere). */
const QUERY_KEYS = ["status", "currency", "from", "to", "refunded", "disputed", "q", "cursor", "type", "action", "actor", "targetId", "period", "stripe", "paying", "mode", "limit", "subscription", "email", "id"];

const queryValue = fc.oneof(
  fc.constantFrom(...DATES),
  fc.constantFrom(...CURSORS),
  fc.constantFrom("yes", "no", "true", "false", "1", "0", "7", "30", "90", "-1", "1e9", "open", "succeeded", "paid", "usd", "USD", "us", "€€€", "charge.refunded", "processed", "failed"),
  nastyString,
);

/**
 * A query string, as the raw text after `?`: well-formed pairs (repeated keys
 * too), empty values, or raw bytes URLSearchParams would never produce.
 */
export const queryString = fc.oneof(
  { weight: 1, arbitrary: fc.constant("") },
  {
    weight: 6,
    arbitrary: fc
      .array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: nastyString }), queryValue), { maxLength: 5 })
      .map((pairs) => {
        const params = new URLSearchParams();
        for (const [k, v] of pairs) params.append(k, v);
        return params.toString();
      }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "q=%",
      "q=%ZZ",
      "q=%C0%80",
      "q=%00",
      "q=%ED%A0%80",
      "cursor=%00",
      "from=2024-13-45&from=2024-01-01",
      "q[]=a&q[]=b",
      "q[a]=b",
      "status=",
      "status",
      "=x",
      "&&&",
      "q=a&q=",
      "from=&to=",
      "cursor=",
      "period=7&period=30",
      "period=0x10",
    ),
  },
);

/** Field names of the API's bodies, so generated objects reach past "field required". */
const BODY_KEYS = [
  "email", "password", "name", "cartId", "items", "priceId", "quantity", "meteredAddon", "promotionCode", "prorationDate",
  "requestId", "submissionId", "mode", "makeDefault", "amount", "currency", "reason", "note", "orderId", "since",
  "evidence", "submit", "tracking_number", "carrier", "status", "body", "value", "timestamp", "order_id", "customer_id",
  "payment_id", "invoice_id", "user_id", "account_id", "stripe_roles", "constructor",
];

const hugeNumbers = fc.constantFrom(0, -0, -1, 0.5, -0.01, 1.5, 99.999, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e308, -1e308, Number.MIN_VALUE);

/** A value of any JSON type, often the wrong one for the field. */
export const jsonFieldValue = (knownIds: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: nastyString },
    { weight: 2, arbitrary: fc.constantFrom(...knownIds) },
    { weight: 2, arbitrary: hugeNumbers },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 3 }) },
  );

/**
 * JSON objects for a body: every field a route might want, valid
 * (`plausible`) or not, plus strays; or all fields valid with one of them
 * broken or missing, which is what gets past validation into the domain code.
 */
export function jsonObject(knownIds: readonly string[], plausible: Record<string, fc.Arbitrary<unknown>>) {
  const value = jsonFieldValue(knownIds);
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of BODY_KEYS) fields[key] = Object.hasOwn(plausible, key) ? fc.oneof({ weight: 3, arbitrary: plausible[key] }, { weight: 1, arbitrary: value }) : value;
  for (const [key, arb] of Object.entries(plausible)) if (!Object.hasOwn(fields, key)) fields[key] = arb;
  const anything = fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(nastyString, value, { maxKeys: 2 }))
    .map(([known, extra]) => ({ ...extra, ...known }));
  const keys = Object.keys(plausible);
  if (keys.length === 0) return anything;
  const valid = fc.record(plausible);
  const oneBroken = fc
    .tuple(valid, fc.constantFrom(...keys), fc.option(value, { nil: undefined, freq: 4 }))
    .map(([body, key, broken]) => {
      const copy: Record<string, unknown> = { ...body };
      if (broken === undefined) delete copy[key];
      else copy[key] = broken;
      return copy;
    });
  // A few valid fields and nothing else: what strict schemas (the Stripe App's) accept.
  const fewValid = fc
    .subarray(keys, { minLength: 1, maxLength: Math.min(3, keys.length) })
    .chain((picked) => fc.record(Object.fromEntries(picked.map((key) => [key, plausible[key]]))));
  return fc.oneof({ weight: 3, arbitrary: anything }, { weight: 1, arbitrary: valid }, { weight: 3, arbitrary: oneBroken }, { weight: 2, arbitrary: fewValid });
}

/** A request body as sent on the wire (undefined: none at all). */
export function bodyText(knownIds: readonly string[], plausible: Record<string, fc.Arbitrary<unknown>>) {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "",
        "   ",
        "{",
        "not json",
        "<xml/>",
        "null",
        "[]",
        "{}",
        "1",
        "\"text\"",
        "true",
        "{\"a\":",
        "\u0000",
        "\uFEFF{}",
        "{\"amount\": 1e999}",
        "{\"quantity\": -1e999}",
        "{\"__proto__\": {\"role\": \"admin\"}}",
        "{\"items\": [{\"priceId\": \"\\u0000\", \"quantity\": 1}]}",
        "{\"email\": \"\\ud800@example.com\"}",
        "{\"a\": 1, \"a\": 2}",
        "email=a%40b.c&password=x",
        "[".repeat(5000),
      ),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 6, arbitrary: jsonObject(knownIds, plausible).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.array(jsonObject(knownIds, plausible), { maxLength: 2 }).map((v) => JSON.stringify(v)) },
  );
}

export const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json; charset=utf-16",
      "application/xml",
      "*/*",
      "garbage",
    ),
  },
);

/** Header values a client might send; only ones the fetch Headers class accepts (no NUL, CR, LF, nothing above U+00FF). */
const headerValue = fc.oneof(
  fc.constantFrom("", "x", "Bearer", "Bearer ", "Bearer garbage", "Basic YWRtaW46YWRtaW4=", "Bearer pp_test_" + "a".repeat(32), "t=1,v1=abc", "t=,v1=", "%00", "../", "é", "1e309"),
  fc.string({ unit: "binary-ascii", maxLength: 60 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, "")),
  fc.constantFrom(200, 9000).map((n) => "h".repeat(n)),
);

/** Extra headers: authorization, cookies, idempotency keys, forwarded addresses, origin. */
export function extraHeaders(secretValues: readonly string[]) {
  const value = secretValues.length ? fc.oneof({ weight: 4, arbitrary: headerValue }, { weight: 1, arbitrary: fc.constantFrom(...secretValues) }) : headerValue;
  return fc.dictionary(
    fc.constantFrom("authorization", "cookie", "idempotency-key", "x-forwarded-for", "origin", "referer", "accept", "accept-language", "stripe-signature", "x-requested-with", "user-agent"),
    value,
    { maxKeys: 3 },
  );
}

/** A session cookie next-auth must refuse (the anonymous caller sends these to the real session reader). */
export const hostileCookie = fc.constantFrom(
  "next-auth.session-token=garbage",
  "next-auth.session-token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
  "next-auth.session-token=%E0%A4%A",
  "__Secure-next-auth.session-token=" + "a".repeat(5000),
  "next-auth.session-token.0=a; next-auth.session-token.1=b",
  "=; ; ;=;",
);
