// Calls from the portal's client components to /api/billing/portal: JSON in,
// JSON out, and `{ error: { message } }` turned into a thrown Error whose
// message is shown to the customer as is.
export class PortalApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function portalFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "POST",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new PortalApiError("We couldn't reach the server. Check your connection and try again.", 0);
  }
  const json = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) throw new PortalApiError(json?.error?.message ?? "Something went wrong. Please try again.", response.status);
  return json as T;
}

/** One id per user action: a retried request of the same action is the same request at Stripe. */
export function newRequestId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
