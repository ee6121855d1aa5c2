// Errors a route handler turns into `{ error: { message, field? } }` with a
// status. Anything else is a bug or an outage: logged, and answered with a
// generic 500 that leaks nothing.
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

export function jsonError(status: number, message: string, field?: string): Response {
  return Response.json({ error: field ? { message, field } : { message } }, { status, headers: { "cache-control": "no-store" } });
}

export function errorResponse(error: unknown, context: string): Response {
  if (error instanceof HttpError) return jsonError(error.status, error.message, error.field);
  console.error(`[${context}]`, error);
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
