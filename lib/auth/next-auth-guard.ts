// What runs in front of next-auth's handler, on its POSTs:
//   - next-auth reads its POST bodies itself and answers what it cannot read
//     (an empty body, broken JSON, a NUL byte that reaches the database) with
//     a 500. Those are the caller's mistakes: refused here with a 400.
//   - an email + password sign-in while that email (from that IP) or that IP
//     is throttled (lib/auth/sign-in-throttle.ts): 429 with Retry-After, before
//     the password is checked. The body carries next-auth's `url` too, so its
//     own client (`signIn()` from next-auth/react) reads `error=TooManySignInAttempts`.
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/errors";
import { getAuthEnv } from "@/lib/env";
import { jsonError, tooManyRequests } from "@/lib/http/errors";
import { signInRefusal } from "@/lib/auth/sign-in-throttle";

export const TOO_MANY_SIGN_INS_CODE = "TooManySignInAttempts";

export async function guardNextAuthPost(request: Request): Promise<Response | null> {
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
