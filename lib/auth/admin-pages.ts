// Admin access for pages: a visitor is sent to sign in (and comes back), a
// signed-in non-admin gets the ordinary 404 (the area's existence is not
// revealed). Route handlers use requireAdmin (401/403) from lib/auth/session.
import { redirect, notFound } from "next/navigation";
import { getCurrentUser, signInPath } from "@/lib/auth/session";
import type { AccountUser } from "@/lib/auth/users";

export async function requireAdminPageOrSignIn(returnTo: string): Promise<AccountUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  if (user.role !== "admin") notFound();
  return user;
}

/** The audit actor for an admin user. */
export function auditActor(user: AccountUser): { id: string; email: string } {
  return { id: user.id, email: user.email };
}
