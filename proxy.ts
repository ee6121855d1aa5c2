// In front of every page and the admin API, before anything renders:
//  - the Content-Security-Policy with a fresh nonce (lib/http/content-security-policy);
//  - sign-in first for the account areas (lib/auth/page-gate): a visitor is
//    redirected to /signin with the way back (pages) or gets 401 (admin API).
//    Decided here because pages stream behind loading boundaries, and once
//    the first byte is out a redirect can no longer change the HTTP status;
//  - an admin opening /admin is sent to /admin/dashboard (307) without the
//    admin shell being rendered into the redirect's body.
// The account is read from the database, as pages and handlers read it. Roles
// are the pages' and handlers' to check (403 for a customer in the admin area,
// from the admin shell's forbidden() and requireAdmin); the admin API's is
// also checked here so it is refused before its handler is even loaded.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { needsSignIn, REQUEST_PATH_HEADER } from "@/lib/auth/page-gate";
import { ADMIN_ONLY, SIGN_IN_REQUIRED } from "@/lib/auth/refusals";
import { signInPath } from "@/lib/auth/session";
import { findAccountUser, type AccountUser } from "@/lib/auth/users";
import { getAuthEnv, getEnv } from "@/lib/env";
import { contentSecurityPolicy, createNonce } from "@/lib/http/content-security-policy";

async function sessionUser(request: NextRequest): Promise<AccountUser | null> {
  const token = await getToken({ req: request, secret: getAuthEnv().secret });
  return token?.sub ? findAccountUser(token.sub) : null;
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    // Only /api/admin/* comes here (matcher below); route() checks the same again.
    const user = await sessionUser(request);
    if (!user) return NextResponse.json({ error: { message: SIGN_IN_REQUIRED } }, { status: 401 });
    if (user.role !== "admin") return NextResponse.json({ error: { message: ADMIN_ONLY } }, { status: 403 });
    return NextResponse.next();
  }

  const env = getEnv();
  const nonce = createNonce();
  const csp = contentSecurityPolicy({
    nonce,
    stripeEmulatorUrl: env.stripeEmulatorUrl,
    dev: process.env.NODE_ENV === "development",
    https: env.appUrl.startsWith("https:"),
  });
  const user = needsSignIn(pathname) ? await sessionUser(request) : null;
  const response =
    needsSignIn(pathname) && !user
      ? NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url))
      : // The admin area's index is the dashboard: sent there before the admin shell renders (a customer still gets its 403).
        pathname === "/admin" && user?.role === "admin"
        ? NextResponse.redirect(new URL("/admin/dashboard", request.url))
        : NextResponse.next({ request: { headers: forwarded(request, csp, nonce) } });
  response.headers.set("content-security-policy", csp);
  return response;
}

/** What the page sees: the CSP (Next.js takes the nonce for its own scripts from it) and the path asked for (always ours, never the client's). */
function forwarded(request: NextRequest, csp: string, nonce: string): Headers {
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);
  headers.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return headers;
}

export const config = {
  matcher: ["/api/admin/:path*", "/((?!api/|_next/static/|_next/image|favicon.ico).*)"],
};
