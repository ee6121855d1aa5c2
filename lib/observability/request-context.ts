// Which request this code runs for. The route kernel (lib/http/route.ts) opens a
// context per request with its id; every log line written inside it, Stripe
// calls included, carries the id, and the answer echoes it as `x-request-id` so
// a user's report, the proxy's log and ours can be matched.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

type RequestContext = { requestId: string };

// On globalThis: Next bundles this module into several chunks (instrumentation.ts
// apart from the route handlers), and the Stripe client, made once per process
// by whichever chunk asks first (the start-up permission check, in
// instrumentation), logs its calls through its own chunk's copy. One storage
// for the process lets every copy see the request.
const globalForRequestContext = globalThis as unknown as { __payportRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (globalForRequestContext.__payportRequestContext ??= new AsyncLocalStorage<RequestContext>());

// A load balancer's or client's id is kept when it is a plain token: nothing
// that could split a log line or a header, and short enough to index.
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The incoming `x-request-id` when it is a sane token, else a fresh UUID. */
export function requestIdFor(request: Request): string {
  const incoming = request.headers.get(REQUEST_ID_HEADER)?.trim();
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The id of the request being handled, or undefined outside one (boot, scripts, the worker). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `handle` inside the request's context and stamps its answer with the id. */
export async function withRequestContext(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const requestId = requestIdFor(request);
  const response = await storage.run({ requestId }, handle);
  return withHeader(response, REQUEST_ID_HEADER, requestId);
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Immutable headers (Response.redirect, a proxied fetch): copy the answer.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
