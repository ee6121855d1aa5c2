// The errors domain code throws for a caller's mistake: an HttpError carries
// the status and the message a person can act on (and the field, where there
// is one). lib/http turns them into `{ error: { message, field? } }`.
import type { z } from "zod";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** 429: a rate limit refused the request; `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequestsError extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, message);
    this.name = "TooManyRequestsError";
  }
}

/** `["items", 0, "quantity"]` -> "items[0].quantity": the one spelling the API reports fields in. */
export function fieldPath(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

// A NUL character, or half of a surrogate pair (broken UTF-16), cannot be stored as text
// (PostgreSQL refuses both) and is never meant: refuse it as the caller's mistake.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = "contains a character that cannot be stored (a NUL byte or broken Unicode); remove it and try again.";

/** The path of the first string in `value` (keys included) that holds an unstorable character, or null. */
export function findUnstorableText(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === "string") return UNSTORABLE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) return [...path, key];
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses input holding text that cannot be stored, naming where it is. */
export function assertStorableText(value: unknown): void {
  const at = findUnstorableText(value);
  if (at) throw new HttpError(400, `${fieldPath(at) ?? "The input"} ${UNSTORABLE_TEXT_MESSAGE}`, fieldPath(at));
}

/**
 * Validates input against a zod schema; the first issue becomes a 400 naming its field.
 * Every validated input passes here, so text that cannot be stored is refused here too.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertStorableText(input);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, issue.message, fieldPath(issue.path));
  }
  return parsed.data;
}
