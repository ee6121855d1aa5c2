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

/** `["items", 0, "quantity"]` -> "items[0].quantity": the one spelling the API reports fields in. */
export function fieldPath(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

/** Validates input against a zod schema; the first issue becomes a 400 naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, issue.message, fieldPath(issue.path));
  }
  return parsed.data;
}
