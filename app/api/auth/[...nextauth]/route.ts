import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { guardNextAuthPost } from "@/lib/auth/next-auth-guard";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per process on first request, so `next build` needs no secret.
async function handler(request: Request, context: Context) {
  // Unreadable bodies (next-auth would answer 500) and throttled sign-ins are refused before next-auth runs.
  const refused = await guardNextAuthPost(request);
  if (refused) return refused;
  return NextAuth(request as never, context as never, getAuthOptions());
}

export { handler as GET, handler as POST };
