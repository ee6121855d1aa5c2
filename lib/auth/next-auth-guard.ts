// next-auth reads its POST bodies itself and answers what it cannot read
// (an empty body, broken JSON, a NUL byte that reaches the database) with a
// 500. Those are the caller's mistakes: refused here with a 400, before
// next-auth or the database sees them.
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/errors";
import { jsonError } from "@/lib/http/errors";

export async function refuseUnreadableAuthPost(request: Request): Promise<Response | null> {
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
  return null;
}
