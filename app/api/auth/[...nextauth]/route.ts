import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { refuseUnreadableAuthPost } from "@/lib/auth/next-auth-guard";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per process on first request, so `next build` needs no secret.
async function handler(request: Request, context: Context) {
  // next-auth answers a body it cannot read with a 500: refuse those first, as the caller's mistake.
  const refused = await refuseUnreadableAuthPost(request);
  if (refused) return refused;
  return NextAuth(request as never, context as never, getAuthOptions());
}

export { handler as GET, handler as POST };
