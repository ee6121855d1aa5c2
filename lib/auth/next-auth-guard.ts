// What runs in front of next-auth's handler:
//   - next-auth reads its POST bodies itself and answers what it cannot read
//     (an empty body, broken JSON, a NUL byte that reaches the database) with a
//     500, and its own refusals (an unknown action, a GET of the credentials
//     callback, a session update without its CSRF token) as plain text, an
//     empty `{}` or a 500. Those are the caller's mistakes: refused here with a
//     4xx in the API's `{ error: { message } }` shape, before next-auth or the
//     database sees them, or reshaped after.
//   - an email + password sign-in while that email (from that IP) or that IP
//     is throttled (lib/auth/sign-in-throttle.ts): 429 with Retry-After, before
//     the password is checked. The body carries next-auth's `url` too, so its
//     own client (`signIn()` from next-auth/react) reads `error=TooManySignInAttempts`.
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/errors";
import { getAuthEnv } from "@/lib/env";
import { jsonError, tooManyRequests } from "@/lib/http/errors";
import { signInRefusal } from "@/lib/auth/sign-in-throttle";

export const TOO_MANY_SIGN_INS_CODE = "TooManySignInAttempts";

// The actions next-auth 4 serves per method (next-auth/core/index.js); anything else it refuses.
const ACTIONS: Record<string, readonly string[]> = {
  GET: ["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error"],
  POST: ["signin", "signout", "callback", "session", "_log"],
};
// Providers that sign in by POST only: next-auth answers a GET of their callback with a 500.
const POST_ONLY_CALLBACKS = new Set(["credentials"]);

/** A refusal for a request next-auth cannot serve (wrong action, method or body) or a throttled sign-in, or null to let it run. */
export async function refuseUnservableAuthRequest(request: Request, nextauth: readonly string[] = []): Promise<Response | null> {
  const [action, providerId] = nextauth;
  const allowed = ACTIONS[request.method];
  if (!allowed) return jsonError(405, `Sign-in endpoints take GET or POST, not ${request.method}.`);
  if (!action || !allowed.includes(action)) return jsonError(404, "No such sign-in endpoint.");
  if (request.method === "GET" && action === "callback" && POST_ONLY_CALLBACKS.has(providerId ?? "")) {
    return jsonError(405, "Sign in with email and password by POST (with csrfToken), not GET.");
  }
  if (request.method !== "POST") return null;
  const text = await request.clone().text();
  if (text.trim() === "") return jsonError(400, "The request body is empty; send the form fields (with csrfToken).");
  const type = request.headers.get("content-type") ?? "";
  let fields: unknown;
  if (type.includes("application/json")) {
    try {
      fields = JSON.parse(text);
    } catch {
      return jsonError(400, "The request body is not valid JSON.");
    }
  } else {
    try {
      fields = Object.fromEntries(new URLSearchParams(text));
    } catch {
      return jsonError(400, "The request body is not a readable form.");
    }
  }
  const at = findUnstorableText(fields);
  if (at) return jsonError(400, `${String(at[0] ?? "A field")} ${UNSTORABLE_TEXT_MESSAGE}`);

  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const email = fields && typeof fields === "object" ? (fields as Record<string, unknown>).email : undefined;
    const refused = await signInRefusal(email, request.headers);
    if (refused) return tooManyRequests(refused, { url: `${getAuthEnv().url}/signin?error=${TOO_MANY_SIGN_INS_CODE}` });
  }
  return null;
}

/** next-auth's bare 4xx (plain text, or `{}`) in the API's error shape; everything else untouched. */
export async function reshapeAuthRefusal(response: Response): Promise<Response> {
  if (response.status < 400 || response.status >= 500) return response;
  const text = await response.clone().text();
  try {
    const json = JSON.parse(text) as { error?: { message?: unknown } } | null;
    // Ours already, or next-auth's own JSON answer (a wrong password is 401 `{ url: …?error=CredentialsSignin }`, which its client reads).
    if (typeof json?.error?.message === "string" || (json && typeof json === "object" && Object.keys(json).length > 0)) return response;
  } catch {
    // plain text: reshaped below
  }
  const message = text.replace(/^Error:\s*/, "").trim() || "This sign-in request is missing its csrfToken or is not one next-auth accepts.";
  const reshaped = jsonError(response.status, message);
  for (const cookie of response.headers.getSetCookie()) reshaped.headers.append("set-cookie", cookie);
  return reshaped;
}
