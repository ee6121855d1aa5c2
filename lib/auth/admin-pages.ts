// Admin access for pages: a visitor is sent to sign in (and comes back; proxy.ts
// normally does it first), a signed-in non-admin gets 403 and the access-refused
// page (app/forbidden.tsx). No loading boundary sits above the admin pages, so
// both happen before anything streams and keep their real status. Route
// handlers use requireAdmin (401/403) from lib/auth/session.
import { forbidden, redirect } from "next/navigation";
import { getCurrentUser, signInPath } from "@/lib/auth/session";
import type { AccountUser } from "@/lib/auth/users";

export async function requireAdminPageOrSignIn(returnTo: string): Promise<AccountUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  if (user.role !== "admin") forbidden();
  return user;
}

/** The audit actor for an admin user. */
export function auditActor(user: AccountUser): { id: string; email: string } {
  return { id: user.id, email: user.email };
}
