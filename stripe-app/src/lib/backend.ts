import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";

/** Used when the manifest has no constants.BACKEND_URL; must be covered by connect-src. */
export const DEFAULT_BACKEND_URL = "https://payport.example.com/api/stripe-app";

export class BackendError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "BackendError";
  }
}

/** What a request body field may hold: it is signed and sent as JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A new id for one save; the same save retried sends it again, so the backend applies it once. */
export function newRequestId(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export type BackendContext = Pick<ExtensionContextValue, "userContext" | "environment">;

export function backendUrl(environment: ExtensionContextValue["environment"]): string {
  const constants = environment.constants;
  if (constants && typeof constants === "object" && !Array.isArray(constants)) {
    const value = (constants as Record<string, unknown>).BACKEND_URL;
    if (typeof value === "string" && value.length > 0) return value.replace(/\/+$/, "");
  }
  return DEFAULT_BACKEND_URL;
}

/** Role ids of the Dashboard user, sent (signed) so the backend can keep view-only users read-only. */
function roleIds(userContext: ExtensionContextValue["userContext"]): string[] {
  return (userContext.roles ?? []).map((role) => role.id).filter((id): id is string => typeof id === "string");
}

/**
 * POSTs `extra` to Payport, signed for the current Dashboard user. Stripe signs
 * JSON.stringify({...extra, user_id, account_id}); the body is exactly that
 * object, so the backend can rebuild the signed string from it and everything
 * it acts on (the object id, the note, the tracking number) is signed too.
 */
export async function postToBackend<T>(path: string, { userContext, environment }: BackendContext, extra: Record<string, JsonValue> = {}): Promise<T> {
  const roles = roleIds(userContext);
  const payload = roles.length ? { ...extra, stripe_roles: roles } : { ...extra };
  const signature = await fetchStripeSignature(payload);
  const response = await fetch(`${backendUrl(environment)}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    body: JSON.stringify({ ...payload, user_id: userContext.id, account_id: userContext.account.id }),
  });
  if (!response.ok) {
    let message = `Payport answered ${response.status}.`;
    try {
      const data = (await response.json()) as { error?: { message?: string } };
      if (data?.error?.message) message = data.error.message;
    } catch {
      // not JSON: keep the status message
    }
    throw new BackendError(message, response.status);
  }
  return (await response.json()) as T;
}
