import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { refuseUnservableAuthRequest, reshapeAuthRefusal } from "@/lib/auth/next-auth-guard";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per process on first request, so `next build` needs no secret.
async function handler(request: Request, context: Context) {
  // next-auth answers requests it cannot serve with a 500 or plain text, and throttled sign-ins must not reach the
  // password check: both are refused first.
  const refused = await refuseUnservableAuthRequest(request, (await context.params)?.nextauth ?? []);
  if (refused) return refused;
  return reshapeAuthRefusal(await NextAuth(request as never, context as never, getAuthOptions()));
}

export { handler as GET, handler as POST };
