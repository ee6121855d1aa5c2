// Who is asking, for pages and route handlers, always checked on the server.
// The session cookie names the user; the database decides the role, so a
// demoted or deleted account loses access on its next request.
import { ADMIN_ONLY, SIGN_IN_REQUIRED } from "@/lib/auth/refusals";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { HttpError } from "@/lib/errors";
import { getAuthOptions } from "@/lib/auth/options";
import { findAccountUser, type AccountUser } from "@/lib/auth/users";

/** The signed-in user's id from a request's session cookie (route handlers), or from the page's request (server components). */
type SessionReader = (request?: Request) => Promise<string | null>;

const globalForSession = globalThis as unknown as { __payportSessionReader?: SessionReader };

/** Tests sign a user in without cookies; undefined restores the real reader. */
export function setSessionReader(reader: SessionReader | undefined): void {
  globalForSession.__payportSessionReader = reader;
}

function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // a malformed cookie is not ours
    }
  }
  return cookies;
}

const readSessionUserId: SessionReader = async (request) => {
  const options = getAuthOptions();
  if (!request) return (await getServerSession(options))?.user?.id ?? null;
  // Route handlers read the request they were given (also outside Next's request scope, e.g. in tests).
  const token = await getToken({ req: { headers: Object.fromEntries(request.headers), cookies: parseCookies(request.headers.get("cookie")) } as never, secret: options.secret });
  return token?.sub ?? null;
};

/**
 * The signed-in user, or null for a visitor (or a session whose account no
 * longer exists). Route handlers pass their request; pages pass nothing.
 */
export async function getCurrentUser(request?: Request): Promise<AccountUser | null> {
  const userId = await (globalForSession.__payportSessionReader ?? readSessionUserId)(request);
  return userId ? findAccountUser(userId) : null;
}

/** Route handlers: the signed-in user, or 401. */
export async function requireUser(request?: Request): Promise<AccountUser> {
  const user = await getCurrentUser(request);
  if (!user) throw new HttpError(401, SIGN_IN_REQUIRED);
  return user;
}

/** Route handlers: an admin, or 401 (visitor) / 403 (customer) with no data. */
export async function requireAdmin(request?: Request): Promise<AccountUser> {
  const user = await requireUser(request);
  if (user.role !== "admin") throw new HttpError(403, ADMIN_ONLY);
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

