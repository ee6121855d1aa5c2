// First line of defence for the admin area, so refusals carry real HTTP
// statuses: pages stream behind loading boundaries, and a refusal decided
// inside the stream would already have sent 200. A visitor is redirected to
// sign in (pages) or gets 401 (APIs); a signed-in non-admin gets 404 (pages)
// or 403 (APIs). Pages and handlers still check the role from the database
// themselves: the token's role can be stale, never the other way round.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { ADMIN_ONLY, SIGN_IN_REQUIRED } from "@/lib/auth/refusals";
import { getAuthEnv } from "@/lib/env";

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  const token = await getToken({ req: request, secret: getAuthEnv().secret });
  if (!token) {
    if (isApi) return NextResponse.json({ error: { message: SIGN_IN_REQUIRED } }, { status: 401 });
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  if (token.role !== "admin") {
    if (isApi) return NextResponse.json({ error: { message: ADMIN_ONLY } }, { status: 403 });
    return NextResponse.rewrite(new URL("/_not-found", request.url), { status: 404 });
  }
  return NextResponse.next();
}

export const config = { matcher: ["/admin", "/admin/:path*", "/api/admin/:path*"] };
