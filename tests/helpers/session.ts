// Signs a user in for route-handler tests without cookies: the session reader
// answers with that user's id, as next-auth's JWT session would.
import { afterAll } from "vitest";
import { setSessionReader } from "@/lib/auth/session";
import type { Db } from "@/lib/db";

export function signInAs(user: { id: string } | null): void {
  setSessionReader(async () => user?.id ?? null);
}

/** Registers cleanup so other suites read real sessions again. */
export function useSignedInAs(): typeof signInAs {
  afterAll(() => setSessionReader(undefined));
  return signInAs;
}

/** A fresh admin account in the given database, with a unique email. */
export function createAdmin(db: Db): Promise<{ id: string; email: string }> {
  return db.user.create({ data: { email: `admin.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@example.com`, role: "admin" } });
}
