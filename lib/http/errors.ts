// How errors are answered: an HttpError as `{ error: { message, field? } }`
// with its status; anything else is a bug or an outage, logged and answered
// with a generic 500 that leaks nothing.
import { HttpError, TooManyRequestsError } from "@/lib/errors";
import { log } from "@/lib/observability/log";

export function jsonError(status: number, message: string, field?: string): Response {
  return Response.json({ error: field ? { message, field } : { message } }, { status, headers: { "cache-control": "no-store" } });
}

/** 429 with Retry-After (whole seconds), the answer of every rate limit. */
export function tooManyRequests(error: TooManyRequestsError, extra: Record<string, unknown> = {}): Response {
  return Response.json(
    { error: { message: error.message }, ...extra },
    { status: 429, headers: { "cache-control": "no-store", "retry-after": String(error.retryAfterSeconds) } },
  );
}

export function errorResponse(error: unknown, context: string): Response {
  if (error instanceof TooManyRequestsError) return tooManyRequests(error);
  if (error instanceof HttpError) return jsonError(error.status, error.message, error.field);
  log.error("unhandled error", { route: context, error });
  return jsonError(500, "Something went wrong on our side. Please try again.");
}

/** Parses a JSON request body; malformed JSON is the client's mistake (400), never a 500. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") throw new HttpError(400, "The request body is empty; send JSON.");
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "The request body is not valid JSON.");
  }
}
