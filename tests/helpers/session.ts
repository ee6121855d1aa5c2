// Signs a user in for route-handler tests (no cookies outside a request): the
// session reader returns what next-auth's JWT session would hold.
import { afterAll } from "vitest";
import { setSessionReader } from "@/lib/auth/session";

export function signInAs(user: { id: string; email: string; role?: string } | null): void {
  setSessionReader(async () =>
    user ? { expires: new Date(Date.now() + 3_600_000).toISOString(), user: { id: user.id, email: user.email, name: null, role: user.role === "admin" ? "admin" : "customer" } } : null,
  );
}

/** Registers cleanup so other suites read real sessions again. */
export function useSignedInAs(): typeof signInAs {
  afterAll(() => setSessionReader(undefined));
  return signInAs;
}
