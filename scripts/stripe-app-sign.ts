// Prints the Stripe-Signature header Stripe would send with a Stripe App
// request, so the backend can be called with curl:
//   npx tsx scripts/stripe-app-sign.ts '{"customer_id":"cus_123","user_id":"usr_1","account_id":"acct_local_payport"}'
//   options: --secret absec_…  (default: $STRIPE_APP_SECRET, else the local-mode secret)
//            --timestamp <unix seconds>  (default: now; older than 300 s is refused)
//   "-" instead of the JSON reads it from stdin.
// It signs JSON.stringify({...extra, user_id, account_id}) of the payload, like
// Stripe does, with the stripe SDK's webhooks.generateTestHeaderString.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { LOCAL_STRIPE_APP_SECRET } from "@/lib/env";
import { canonicalSignedPayload, generateAppSignatureHeader, type SignedBody } from "@/lib/stripe-app/signature";

const usage = "usage: npx tsx scripts/stripe-app-sign.ts '<json body with user_id and account_id>' [--secret absec_…] [--timestamp <unix seconds>]";

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { secret: { type: "string" }, timestamp: { type: "string" } },
});
if (positionals.length !== 1) fail("Give exactly one JSON payload.");
const text = positionals[0] === "-" ? readFileSync(0, "utf8") : positionals[0];

let body: unknown;
try {
  body = JSON.parse(text);
} catch {
  fail("The payload is not valid JSON.");
}
if (typeof body !== "object" || body === null || Array.isArray(body)) fail("The payload must be a JSON object.");
const { user_id, account_id } = body as Record<string, unknown>;
if (typeof user_id !== "string" || typeof account_id !== "string") fail("The payload needs string user_id (usr_…) and account_id (acct_…).");

const secret = values.secret ?? process.env.STRIPE_APP_SECRET ?? LOCAL_STRIPE_APP_SECRET;
const timestamp = values.timestamp === undefined ? undefined : Number(values.timestamp);
if (timestamp !== undefined && !Number.isInteger(timestamp)) fail("--timestamp must be unix seconds.");

const signed = body as SignedBody;
const canonical = canonicalSignedPayload(signed);
if (canonical !== text.trim()) console.error(`signed payload: ${canonical}`);
console.log(generateAppSignatureHeader(signed, secret, timestamp));
