// Who is asking, for pages and route handlers, always checked on the server.
// The session cookie names the user; the database decides the role, so a
// demoted or deleted account loses access on its next request.
import { getServerSession, type Session } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { getDb, type Db } from "@/lib/db";
import { HttpError } from "@/lib/http/errors";
import { getAuthOptions } from "@/lib/auth/options";
import { findAccountUser, type AccountUser } from "@/lib/auth/users";

type SessionReader = () => Promise<Session | null>;

const globalForSession = globalThis as unknown as { __payportSessionReader?: SessionReader };

/** Tests sign a user in without cookies; undefined restores the real reader. */
export function setSessionReader(reader: SessionReader | undefined): void {
  globalForSession.__payportSessionReader = reader;
}

function readSession(): Promise<Session | null> {
  return (globalForSession.__payportSessionReader ?? (() => getServerSession(getAuthOptions())))();
}

/** The signed-in user, or null for a visitor (or a session whose account no longer exists). */
export async function getCurrentUser(db: Db = getDb()): Promise<AccountUser | null> {
  const userId = (await readSession())?.user?.id;
  return userId ? findAccountUser(userId, db) : null;
}

/** Route handlers: the signed-in user, or 401. */
export async function requireUser(db: Db = getDb()): Promise<AccountUser> {
  const user = await getCurrentUser(db);
  if (!user) throw new HttpError(401, "Sign in to continue.");
  return user;
}

/** Route handlers: an admin, or 401 (visitor) / 403 (customer) with no data. */
export async function requireAdmin(db: Db = getDb()): Promise<AccountUser> {
  const user = await requireUser(db);
  if (user.role !== "admin") throw new HttpError(403, "You don't have access to this.");
  return user;
}

/** Only same-site paths may be a post-sign-in destination (no open redirects). */
export function safeCallbackPath(value: unknown, fallback = "/account"): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}

export function signInPath(callbackPath: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(safeCallbackPath(callbackPath))}`;
}

/** Pages: the signed-in user, or a redirect to /signin that comes back to `returnTo`. */
export async function requireUserPage(returnTo: string): Promise<AccountUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}

/** Admin pages: anyone but an admin gets the ordinary 404 page (the page's existence is not revealed). */
export async function requireAdminPage(): Promise<AccountUser> {
  const user = await getCurrentUser();
  if (user?.role !== "admin") notFound();
  return user;
}
