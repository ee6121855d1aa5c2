// Errors a route handler turns into `{ error: { message, field? } }` with a
// status. Anything else is a bug or an outage: logged, and answered with a
// generic 500 that leaks nothing.
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
  return Response.json({ error: field ? { message, field } : { message } }, { status });
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
