// Signs a user in for route-handler tests without cookies: the session reader
// answers with that user's id, as next-auth's JWT session would.
import { afterAll } from "vitest";
import { setSessionReader } from "@/lib/auth/session";

export function signInAs(user: { id: string } | null): void {
  setSessionReader(async () => user?.id ?? null);
}

/** Registers cleanup so other suites read real sessions again. */
export function useSignedInAs(): typeof signInAs {
  afterAll(() => setSessionReader(undefined));
  return signInAs;
}
