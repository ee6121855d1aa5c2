// The usual setup of an admin-side test: its own database, local Stripe
// settings, a session switch, and an admin account created once.
import { beforeAll } from "vitest";
import { useTestDatabase, type DbKind } from "./db";
import { useLocalStripeEnv } from "./env";
import { createAdmin, useSignedInAs } from "./session";

export function useAdminTest(kind: DbKind) {
  const test = useTestDatabase(kind);
  useLocalStripeEnv();
  const signInAs = useSignedInAs();
  let admin: { id: string; email: string } | undefined;
  beforeAll(async () => {
    admin = await createAdmin(test.db);
  });
  return {
    test,
    signInAs,
    /** Signs the admin in (after the beforeAll above has run). */
    signInAdmin: () => signInAs(admin!),
  };
}
