// The gate in front of every /api/stripe-app route: nothing is read from or
// written to the database until the request is proven to come from our app,
// for a Dashboard user of our own Stripe account.
//   no / bad / stale / wrong-secret signature  -> 401
//   signed, but for another account             -> 403
//   stripe_roles sent and none allowed          -> 403
//   body not a JSON object with the two ids     -> 400
//   a route that writes, signature used before  -> 409 (`once`, lib/stripe-app/replays.ts)
import { z } from "zod";
import { getStripeAppEnv } from "@/lib/env";
import { HttpError, parseInput } from "@/lib/errors";
import type { CallerAuth } from "@/lib/http/route";
import { withStripeAppCors } from "@/lib/stripe-app/cors";
import { onceForSignature, type SignedRequest } from "@/lib/stripe-app/replays";
import { APP_SIGNATURE_TOLERANCE_SECONDS, canonicalSignedPayload, checkAppSignature, type SignedBody } from "@/lib/stripe-app/signature";

export type StripeAppCaller = {
  /** The Dashboard user (usr_…); recorded as the author of what they write. */
  userId: string;
  accountId: string;
  /** Role ids the extension sent in stripe_roles, or null when it sent none. */
  roles: string[] | null;
  /** What the request's signature covers, so a change it makes is made once (lib/stripe-app/replays.ts). */
  signed: SignedRequest;
};

export type AuthenticatedRequest = { caller: StripeAppCaller; input: Record<string, unknown> };

const envelopeSchema = z.looseObject({
  user_id: z.string({ error: "user_id is required: send userContext.id (usr_…) in the body." }).regex(/^usr_\w+$/, "user_id must be a Dashboard user id (usr_…), from userContext.id."),
  account_id: z.string({ error: "account_id is required: send userContext.account.id (acct_…) in the body." }).regex(/^acct_\w+$/, "account_id must be a Stripe account id (acct_…), from userContext.account.id."),
  stripe_roles: z.array(z.string().min(1), { error: "stripe_roles, when sent, must be an array of Dashboard role ids such as [\"admin\"]." }).optional(),
});

// Far above any legitimate body (the longest is a 2000-character note).
const MAX_BODY_CHARS = 32_768;

// The Dashboard's read-only roles: they may look, never write.
const READ_ONLY_ROLES = new Set(["view_only", "identity_view_only"]);

export async function authenticateStripeAppRequest(request: Request, { writes }: { writes: boolean }): Promise<AuthenticatedRequest> {
  const config = getStripeAppEnv();
  if (!config.configured) throw new HttpError(503, config.reason);

  const header = request.headers.get("stripe-signature");
  if (!header) throw new HttpError(401, "Missing Stripe-Signature header: sign the request with fetchStripeSignature() from @stripe/ui-extension-sdk/utils.");

  const text = await request.text();
  if (text.length > MAX_BODY_CHARS) throw new HttpError(413, `The request body is over ${MAX_BODY_CHARS} characters; a note is at most 2000.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError(400, "The request body is not valid JSON; send a JSON object with user_id, account_id and the fields this route needs.");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new HttpError(400, "The request body must be a JSON object with user_id, account_id and the fields this route needs.");
  }
  const envelope = parseInput(envelopeSchema, json);

  // From the parsed body itself, not zod's output: the key order is part of what was signed.
  const body = json as SignedBody;
  const payload = canonicalSignedPayload(body);
  const signed = checkAppSignature(payload, header, config.secrets);
  if (!signed.ok) {
    const stale = /tolerance/i.test(signed.reason);
    throw new HttpError(
      401,
      stale
        ? `Stripe-Signature is older than ${APP_SIGNATURE_TOLERANCE_SECONDS} s; fetch a fresh signature for every request.`
        : "Stripe-Signature does not match this request: it must be made with the app's signing secret over JSON.stringify({...extra, user_id, account_id}) of this body.",
    );
  }

  const { user_id: userId, account_id: accountId, stripe_roles: roles } = envelope;
  const { user_id: _u, account_id: _a, stripe_roles: _r, ...input } = body;
  if (accountId !== config.accountId) {
    throw new HttpError(403, `Stripe account ${accountId} is not the account this Payport serves; install the app on ${config.accountId}.`);
  }
  if (roles) {
    if (config.allowedRoles && !roles.some((r) => config.allowedRoles!.includes(r))) {
      throw new HttpError(403, `None of your Dashboard roles (${roles.join(", ") || "none"}) may use this app; allowed: ${config.allowedRoles.join(", ")}.`);
    }
    if (writes && roles.every((r) => READ_ONLY_ROLES.has(r))) {
      throw new HttpError(403, "Your Dashboard role is view-only: ask an administrator to make this change.");
    }
  }
  return { caller: { userId, accountId, roles: roles ?? null, signed: { payload, header } }, input };
}

/** The `auth` of every /api/stripe-app route: signed requests, CORS on every answer. */
export const stripeAppAuth: CallerAuth<StripeAppCaller> = {
  authenticate: authenticateStripeAppRequest,
  finish: withStripeAppCors,
  // The fulfilment service names fields as the admin area spells them; this API spells them its own way.
  fieldNames: { orderId: "order_id", trackingNumber: "tracking_number", stripeCustomerId: "customer_id" },
  rateLimitKey: (caller) => `${caller.accountId}:${caller.userId}`,
  // Reads may repeat; a change is accepted once per signature (a replay is a 409 and changes nothing).
  once: (caller, run) => onceForSignature(caller.signed, run),
};
